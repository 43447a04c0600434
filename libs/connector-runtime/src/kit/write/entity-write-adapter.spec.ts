import { PermanentError } from '@hub/resilience';
import { inventoryEvent, purchaseOrderEvent } from '../../testing/unit-fakes';
import { EntityWriteAdapter, UNSUPPORTED_ENTITY_TYPE } from './entity-write-adapter';
import type { WriteContext } from '../../adapter/erp-adapter';

const context = { correlationId: 'c-1', signal: new AbortController().signal } as WriteContext;

describe('EntityWriteAdapter', () => {
  const applied: string[] = [];
  const adapter = new EntityWriteAdapter('Acme a-1', {
    'inventory-level': {
      apply: (level) => {
        applied.push(level.sku);
        return Promise.resolve({ targetReference: `set ${level.sku}` });
      },
      findPriorWrite: () => Promise.resolve(undefined),
    },
  });

  it('declares the types it has writers for and hands each event its payload', async () => {
    expect(adapter.writes).toEqual(['inventory-level']);
    await expect(adapter.apply(inventoryEvent('SKU-7'), context)).resolves.toEqual({
      targetReference: 'set SKU-7',
    });
    expect(applied).toEqual(['SKU-7']);
  });

  it('refuses a type it has no writer for, naming the target', async () => {
    const refused = adapter.apply(purchaseOrderEvent(), context);
    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.toMatchObject({
      code: UNSUPPORTED_ENTITY_TYPE,
      message: 'This connector does not write purchase-order events to Acme a-1',
    });
  });
});
