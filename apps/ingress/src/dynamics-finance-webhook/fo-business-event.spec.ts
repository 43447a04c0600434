import { foResource, parseEventTime, parseFoBusinessEvent } from './fo-business-event';

const event = {
  BusinessEventId: 'PurchaseOrderConfirmedBusinessEvent',
  BusinessEventLegalEntity: 'USMF',
  ControlNumber: 5637145326,
  EventId: 'E1',
  EventTime: '/Date(1573472190000)/',
  PurchaseOrderNumber: "00'123",
};

describe('F&O business event parsing', () => {
  it('accepts BusinessEventLegalEntity or LegalEntity, lower-cases it, quotes the key', () => {
    const parsed = parseFoBusinessEvent(event);
    expect(parsed).toMatchObject({
      ok: true,
      event: { legalEntity: 'usmf', controlNumber: 5637145326, eventTime: 1573472190000 },
    });
    const legacy = parseFoBusinessEvent({
      ...event,
      BusinessEventLegalEntity: undefined,
      LegalEntity: 'DEMF',
    });
    expect(legacy).toMatchObject({ ok: true, event: { legalEntity: 'demf' } });
    if (!parsed.ok) throw new Error('parsed');
    expect(foResource(parsed.event)).toBe(
      "PurchaseOrderHeadersV2(dataAreaId='usmf',PurchaseOrderNumber='00''123')",
    );
  });

  it('reads /Date(ms)/ or the ISO 8601 time with seven fraction digits', () => {
    expect(parseEventTime(undefined, '2019-11-11T11:36:30.1234567Z')).toBe(
      Date.parse('2019-11-11T11:36:30.123Z'),
    );
    expect(parseEventTime('nope', undefined)).toBeUndefined();
  });

  it('names every invalid field', () => {
    const parsed = parseFoBusinessEvent({
      ControlNumber: -1,
      EventTime: 'x',
      PurchaseOrderNumber: 'X'.repeat(21),
    });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual([
      'BusinessEventId',
      'BusinessEventLegalEntity',
      'ControlNumber',
      'EventId',
      'EventTime',
      'PurchaseOrderNumber',
    ]);
    expect(parseFoBusinessEvent([]).ok).toBe(false);
  });
});
