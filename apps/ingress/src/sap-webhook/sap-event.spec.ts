import { parseSapEvent } from './sap-event';
import { toSapSourceNotification } from './sap-source-notification';

const identity = {
  now: () => 1_800_000_000_000,
  newEventId: () => '00000000-0000-4000-8000-000000000004',
};

const structured = JSON.stringify({
  type: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Created.v1',
  specversion: '1.0',
  source: '/default/sap.s4.beh/730431274',
  id: '1fad4742-d03c-1edd-aeb8-c298b3dd8d4c',
  time: '2023-03-03T13:19:54Z',
  datacontenttype: 'application/json',
  data: { PurchaseOrder: '4500000001' },
});

describe('SAP business events', () => {
  it('reads a structured-mode event', () => {
    const parsed = parseSapEvent({ 'content-type': 'application/cloudevents+json' }, structured);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(
      toSapSourceNotification('sap', parsed.notification, parsed.data, identity),
    ).toMatchObject({
      entityType: 'purchase-order',
      entityKey: '4500000001',
      sourceVersion: Date.parse('2023-03-03T13:19:54Z'),
      payload: { changeKind: 'created', sourceEventId: '1fad4742-d03c-1edd-aeb8-c298b3dd8d4c' },
    });
  });

  it('reads a binary-mode event', () => {
    const parsed = parseSapEvent(
      {
        'content-type': 'application/json',
        'ce-id': 'e-2',
        'ce-source': '/default/sap.s4.beh/730431274',
        'ce-specversion': '1.0',
        'ce-type': 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.ItemChanged.v1',
      },
      '{"PurchaseOrder": "4500000002"}',
    );
    expect(
      parsed.ok ? [parsed.notification.recordId, parsed.notification.changeKind] : parsed.errors,
    ).toEqual(['4500000002', 'updated']);
  });

  it('gives a re-sent event the same correlation id', () => {
    const once = parseSapEvent({ 'content-type': 'application/cloudevents+json' }, structured);
    if (!once.ok) throw new Error('expected a valid event');
    const a = toSapSourceNotification('sap', once.notification, once.data, identity);
    const b = toSapSourceNotification('sap', once.notification, once.data, {
      ...identity,
      now: () => 1_900_000_000_000,
    });
    expect(b.correlationId).toBe(a.correlationId);
  });

  it.each([
    ['not a CloudEvent', { 'content-type': 'application/cloudevents+json' }, '{"hello": 1}', ''],
    [
      'an unmapped type',
      { 'content-type': 'application/cloudevents+json' },
      structured.replace('purchaseorder', 'businesspartner'),
      'type',
    ],
    [
      'data without the key',
      { 'content-type': 'application/cloudevents+json' },
      structured.replace('PurchaseOrder":', 'Other":'),
      'data.PurchaseOrder',
    ],
  ])('refuses %s', (_label, headers, body, path) => {
    const parsed = parseSapEvent(headers, body);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual([path]);
  });
});
