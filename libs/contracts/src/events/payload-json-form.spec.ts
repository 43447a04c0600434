import { createEvent, type EventIdentity } from '../envelope/create-event';
import type { EntityType } from '../identity/entity-types';
import { goodsReceiptJson, inventoryLevelJson, purchaseOrderJson } from '../testing/examples';
import { parseCanonical } from './parse-canonical';
import { payloadJsonForm, type AnyCanonicalEvent } from './payload-json-form';

const identity: EventIdentity = {
  now: () => 1_714_550_701_000,
  newEventId: () => '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
};

function eventFrom(entityType: EntityType, json: unknown): AnyCanonicalEvent {
  const parsed = parseCanonical(entityType, json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createEvent(
    entityType,
    { sourceSystem: 'wms', sourceRecordId: 'rec-1', sourceVersion: 1, payload: parsed.value },
    identity,
  );
}

describe('payloadJsonForm', () => {
  it.each([
    ['inventory-level', inventoryLevelJson],
    ['purchase-order', purchaseOrderJson],
    ['goods-receipt', goodsReceiptJson],
  ] as const)(
    'writes a %s payload in the JSON form its own schema reads back',
    (entityType, json) => {
      const event = eventFrom(entityType, json);
      const written = payloadJsonForm(event);
      expect(parseCanonical(entityType, written)).toEqual({ ok: true, value: event.payload });
    },
  );

  it('writes decimals and timestamps as text, as a webhook receiver reads them', () => {
    const written = payloadJsonForm(eventFrom('inventory-level', inventoryLevelJson));
    expect(written).toMatchObject({ quantityOnHand: '125.5', asOf: '2024-05-01T08:05:00.123Z' });
  });
});
