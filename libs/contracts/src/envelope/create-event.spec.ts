import { correlationId, payloadDigest } from '../identity/correlation-id';
import { parseCanonical } from '../events/parse-canonical';
import { exampleValues, goodsReceiptJson, inventoryLevelJson } from '../testing/examples';
import { thrown } from '../testing/thrown';
import { buildEnvelope, createEvent, envelopeAbout, type EventIdentity } from './create-event';

const fixedIdentity: EventIdentity = {
  now: () => 1_714_550_701_000,
  newEventId: () => '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
};
const level = exampleValues['erp.inventory-level.v1'].payload;
const source = {
  sourceSystem: 'wms',
  sourceRecordId: 'rec-1',
  sourceVersion: 1_714_550_700_123,
  payload: level,
};

describe('createEvent', () => {
  it('fills event id, correlation id, entity key and publication time', () => {
    const event = createEvent('inventory-level', source, fixedIdentity);
    expect(event).toEqual({
      eventId: '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
      correlationId: correlationId({
        ...source,
        entityType: 'inventory-level',
        payloadDigest: payloadDigest(level),
      }),
      entityType: 'inventory-level',
      entityKey: 'WH-EAST:SKU-1001',
      sourceSystem: 'wms',
      sourceRecordId: 'rec-1',
      sourceVersion: 1_714_550_700_123,
      publishedAt: 1_714_550_701_000,
      payload: level,
    });
  });

  it('gives a repeated delivery the same correlation id but a new event id', () => {
    let n = 0;
    const counting: EventIdentity = {
      now: () => 0,
      newEventId: () => `00000000-0000-4000-8000-00000000000${++n}`,
    };
    const first = createEvent('inventory-level', source, counting);
    const again = createEvent('inventory-level', source, counting);
    expect(again.correlationId).toBe(first.correlationId);
    expect(again.eventId).not.toBe(first.eventId);
  });

  it('canonicalizes the payload first, so "125.50" and "125.5" are one change', () => {
    const spelled = createEvent(
      'inventory-level',
      { ...source, payload: { ...level, quantityOnHand: '125.50' } },
      fixedIdentity,
    );
    expect(spelled).toEqual(createEvent('inventory-level', source, fixedIdentity));
    expect(spelled.payload.quantityOnHand).toBe('125.5');
  });

  it('refuses an invalid payload or envelope field as a permanent INVALID_EVENT', () => {
    const invalid = { code: 'INVALID_EVENT', retriable: false };
    const negative = thrown(() =>
      createEvent(
        'inventory-level',
        { ...source, payload: { ...level, quantityOnHand: '-1' } },
        fixedIdentity,
      ),
    );
    expect(negative).toMatchObject(invalid);
    expect((negative as Error).message).toContain('quantityOnHand: must not be negative');
    expect(
      thrown(() =>
        createEvent('inventory-level', { ...source, sourceSystem: 'WMS' }, fixedIdentity),
      ),
    ).toMatchObject(invalid);
    expect(
      thrown(() =>
        createEvent('inventory-level', { ...source, sourceRecordId: '' }, fixedIdentity),
      ),
    ).toMatchObject(invalid);
  });
});

describe('envelopes of follow-up messages', () => {
  it('keep the correlation, entity and source of the original, with their own id and time', () => {
    const original = buildEnvelope(
      {
        correlationId: 'c1-0123456789abcdef0123456789abcdef',
        entityType: 'goods-receipt',
        entityKey: 'PO-1',
        sourceSystem: 'wms',
        sourceRecordId: 'GR-1',
        sourceVersion: 5,
      },
      fixedIdentity,
    );
    const later: EventIdentity = {
      now: () => 99,
      newEventId: () => 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    };
    expect(envelopeAbout(original, later)).toEqual({
      ...original,
      eventId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      publishedAt: 99,
    });
  });
});

describe('arrays whose order carries no meaning', () => {
  const receipt = exampleValues['erp.goods-receipt.v1'].payload;
  const lines = [
    { poLineNumber: 20, sku: 'SKU-2002', quantityReceived: '5', unitOfMeasure: 'PCS' },
    { poLineNumber: 10, sku: 'SKU-1001', quantityReceived: '40', unitOfMeasure: 'PCS' },
    { poLineNumber: 10, sku: 'SKU-1001', quantityReceived: '2', unitOfMeasure: 'PCS' },
  ];
  const sent = (ordered: typeof lines) =>
    createEvent(
      'goods-receipt',
      { ...source, sourceRecordId: 'GR-77', payload: { ...receipt, lines: ordered } },
      fixedIdentity,
    );

  it('give a receipt re-sent with its lines in another order the same correlation id', () => {
    const first = sent(lines);
    const reordered = sent([lines[2]!, lines[0]!, lines[1]!]);
    expect(reordered.correlationId).toBe(first.correlationId);
    expect(first.payload.lines.map((line) => line.poLineNumber)).toEqual([10, 10, 20]);
  });

  it('still tell receipts with different quantities apart', () => {
    const changed = [lines[0]!, lines[1]!, { ...lines[2]!, quantityReceived: '3' }];
    expect(sent(changed).correlationId).not.toBe(sent(lines).correlationId);
  });
});

describe('createEvent from a payload parseCanonical returned', () => {
  const identity: EventIdentity = fixedIdentity;

  it('takes it as it is (frozen, so still canonical) and builds the event a copy would give', () => {
    const parsed = parseCanonical('goods-receipt', goodsReceiptJson);
    if (!parsed.ok) throw new Error('the example must parse');
    const receipt = { sourceSystem: 'wms', sourceRecordId: 'GR-1', sourceVersion: 1 };
    const event = createEvent('goods-receipt', { ...receipt, payload: parsed.value }, identity);
    const copy = structuredClone(parsed.value);
    expect([
      Object.isFrozen(parsed.value),
      Object.isFrozen(parsed.value.lines),
      parsed.value.lines.every((line) => Object.isFrozen(line)),
      event.payload === parsed.value,
    ]).toEqual([true, true, true, true]);
    expect(event).toEqual(createEvent('goods-receipt', { ...receipt, payload: copy }, identity));
  });

  it('still checks it against another entity type', () => {
    const parsed = parseCanonical('inventory-level', inventoryLevelJson);
    if (!parsed.ok) throw new Error('the example must parse');
    const asReceipt = parsed.value as unknown as Parameters<
      typeof createEvent<'goods-receipt'>
    >[1]['payload'];
    expect(
      thrown(() =>
        createEvent(
          'goods-receipt',
          { sourceSystem: 'wms', sourceRecordId: 'GR-1', sourceVersion: 1, payload: asReceipt },
          identity,
        ),
      ),
    ).toMatchObject({ code: 'INVALID_EVENT' });
  });
});
