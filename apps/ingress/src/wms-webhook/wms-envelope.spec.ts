import { parseWmsBody } from './wms-envelope';
import { toCanonicalEvent } from './wms-event';

const identity = {
  now: () => 1_800_000_000_000,
  newEventId: () => '00000000-0000-4000-8000-000000000001',
};

const level = {
  type: 'inventory-level.changed',
  timestamp: '2024-05-01T10:06:00Z',
  data: {
    sku: 'SKU-1001',
    warehouse: 'WH-EAST',
    quantityOnHand: '125.50',
    unitOfMeasure: 'PCS',
    asOf: '2024-05-01T08:05:00.123Z',
  },
};

const receipt = {
  type: 'goods-receipt.recorded',
  timestamp: '2024-05-01T10:06:00Z',
  data: {
    receiptId: 'GR-7',
    poNumber: 'PO-42',
    warehouse: 'WH-EAST',
    receivedAt: '2024-05-01T10:00:00Z',
    lines: [{ poLineNumber: 1, sku: 'SKU-1001', quantityReceived: '5', unitOfMeasure: 'PCS' }],
  },
};

function event(body: unknown) {
  const parsed = parseWmsBody(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return toCanonicalEvent('wms', parsed.delivery, identity);
}

describe('WMS body → canonical event', () => {
  it('maps an inventory level: key, record id and version from the payload', () => {
    expect(event(level)).toMatchObject({
      entityType: 'inventory-level',
      entityKey: 'WH-EAST:SKU-1001',
      sourceSystem: 'wms',
      sourceRecordId: 'WH-EAST:SKU-1001',
      sourceVersion: 1714550700123,
      payload: { quantityOnHand: '125.5', asOf: 1714550700123 },
    });
  });

  it('maps a goods receipt keyed by PO, versioned by receivedAt', () => {
    expect(event(receipt)).toMatchObject({
      entityType: 'goods-receipt',
      entityKey: 'PO-42',
      sourceRecordId: 'GR-7',
      sourceVersion: Date.parse('2024-05-01T10:00:00Z'),
    });
  });

  it('gives a re-sent delivery (new webhook timestamp) the same correlation id', () => {
    const again = { ...level, timestamp: '2024-05-01T11:00:00Z' };
    expect(event(again).correlationId).toBe(event(level).correlationId);
  });

  it('gives another quantity another correlation id', () => {
    const changed = { ...level, data: { ...level.data, quantityOnHand: '126' } };
    expect(event(changed).correlationId).not.toBe(event(level).correlationId);
  });

  it('lists every problem, with payload paths under data.', () => {
    const parsed = parseWmsBody({
      ...level,
      timestamp: 'yesterday',
      extra: 1,
      data: { ...level.data, quantityOnHand: 3, sku: '' },
    });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path).sort()).toEqual([
      'data.quantityOnHand',
      'data.sku',
      'extra',
      'timestamp',
    ]);
  });

  it('refuses an unknown event type', () => {
    const parsed = parseWmsBody({ ...level, type: 'purchase-order.created' });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['type']);
  });

  it('refuses a body that is not an object', () => {
    expect(parseWmsBody([1]).ok).toBe(false);
  });
});
