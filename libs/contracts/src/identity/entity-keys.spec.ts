import { thrown } from '../testing/thrown';
import {
  entityKeyFunctions,
  goodsReceiptKey,
  inventoryLevelKey,
  purchaseOrderKey,
} from './entity-keys';

function errorCode(run: () => unknown): unknown {
  const error = thrown(run);
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : error;
}

describe('entity keys', () => {
  it('keys an inventory level by <warehouse>:<sku>', () => {
    expect(inventoryLevelKey({ warehouse: 'WH-EAST', sku: 'SKU-1' })).toBe('WH-EAST:SKU-1');
  });

  it('keeps a SKU containing ":" whole, since only the warehouse may not contain one', () => {
    const key = inventoryLevelKey({ warehouse: 'WH', sku: 'A:B' });
    expect(key).toBe('WH:A:B');
    expect(key.slice(0, key.indexOf(':'))).toBe('WH');
  });

  it('refuses a warehouse containing ":" (the key would be ambiguous)', () => {
    expect(errorCode(() => inventoryLevelKey({ warehouse: 'A:B', sku: 'C' }))).toBe(
      'INVALID_ENTITY_KEY',
    );
  });

  it('keys purchase orders and goods receipts by PO number', () => {
    expect(purchaseOrderKey({ poNumber: 'PO-1' })).toBe('PO-1');
    expect(goodsReceiptKey({ poNumber: 'PO-1' })).toBe('PO-1');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['padded', ' PO-1'],
  ])('refuses an %s key part', (_label, value) => {
    expect(errorCode(() => purchaseOrderKey({ poNumber: value }))).toBe('INVALID_ENTITY_KEY');
    expect(errorCode(() => inventoryLevelKey({ warehouse: 'WH', sku: value }))).toBe(
      'INVALID_ENTITY_KEY',
    );
    expect(errorCode(() => inventoryLevelKey({ warehouse: value, sku: 'S' }))).toBe(
      'INVALID_ENTITY_KEY',
    );
  });

  it('offers one key function per entity type', () => {
    expect(entityKeyFunctions['inventory-level']({ warehouse: 'W', sku: 'S' })).toBe('W:S');
    expect(entityKeyFunctions['purchase-order']({ poNumber: 'P' })).toBe('P');
    expect(entityKeyFunctions['goods-receipt']({ poNumber: 'P' })).toBe('P');
  });
});
