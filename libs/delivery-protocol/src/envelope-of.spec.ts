import { envelopeOf } from './envelope-headers';

describe('envelopeOf', () => {
  it('keeps the envelope fields and drops the payload and anything else', () => {
    const envelope = {
      eventId: 'e-1',
      correlationId: 'c-1',
      entityType: 'inventory-level' as const,
      entityKey: 'WH1:SKU-1',
      sourceSystem: 'wms',
      sourceRecordId: 'SKU-1',
      sourceVersion: 7,
      publishedAt: 1_700_000_000_000,
    };
    const decoded = { ...envelope, payload: { sku: 'SKU-1' }, schemaVersion: 1 };
    expect(envelopeOf(decoded)).toEqual(envelope);
  });
});
