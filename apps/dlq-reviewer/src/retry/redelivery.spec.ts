import { readOperatorRetry, readRetryContext } from '@hub/delivery-protocol';
import type { StoredItem } from '../store/item-types';
import { redeliveryOf } from './redelivery';

const item = (overrides: Partial<StoredItem> = {}): StoredItem =>
  ({
    id: '1',
    status: 'open',
    reason: 'permanent_failure',
    target: 'odoo',
    entityKey: 'WH-1:SKU-9',
    messageKey: 'WH-1:SKU-9',
    originalValue: Buffer.from([0, 0, 0, 0, 7, 1]),
    originalHeaders: {
      'hub-correlation-id': 'c1-x',
      'hub-source-system': 'wms',
      'hub-entity-type': 'inventory-level',
      'hub-source-version': '1000',
      'hub-event-id': 'e-1',
      'hub-attempt': '9',
      'x-custom': 'kept',
    },
    attempts: [
      {
        attempt: 1,
        at: 1_000,
        errorClass: 'transient',
        code: 'ERP_TIMEOUT',
        message: 'timeout',
        httpStatus: null,
        via: 'dead-letter',
      },
      {
        attempt: 2,
        at: 2_000,
        errorClass: 'permanent',
        code: 'ERP_VALIDATION',
        message: 'bad uom',
        httpStatus: 422,
        via: 'retry',
      },
    ],
    firstFailureAt: 1_000,
    deadLetteredAt: 2_500,
    ...overrides,
  }) as StoredItem;

describe('redeliveryOf', () => {
  it('puts the original bytes on the retry topic as an operator retry with the whole history, awaiting the next attempt', () => {
    const redelivery = redeliveryOf(item(), 'retry-1');
    expect(redelivery?.message).toMatchObject({
      topic: 'hub.retry.odoo.v1',
      key: 'WH-1:SKU-9',
    });
    expect(redelivery?.message.value).toEqual(Buffer.from([0, 0, 0, 0, 7, 1]));
    expect(redelivery?.awaitedAttempt).toBe(3);
    const headers = redelivery?.message.headers ?? {};
    expect(headers['x-custom']).toBe('kept');
    expect(readOperatorRetry(headers as Record<string, string>)).toBe('retry-1');
    expect(readRetryContext(headers as Record<string, string>)).toMatchObject({
      target: 'odoo',
      attempts: 2,
      firstFailureAt: 1_000,
      history: [{ code: 'ERP_TIMEOUT' }, { code: 'ERP_VALIDATION', httpStatus: 422 }],
    });
  });

  it.each([
    ['undecodable', { reason: 'undecodable' }],
    ['targetless', { target: null }],
    ['valueless', { originalValue: null }],
  ])('refuses an %s item', (_label, overrides) => {
    expect(redeliveryOf(item(overrides), 'retry-1')).toBeUndefined();
  });
});
