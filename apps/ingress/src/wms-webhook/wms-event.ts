/**
 * A verified WMS delivery → the canonical event. Source version and record id are taken
 * from the payload, never from the delivery, so a re-sent webhook (same data, a new
 * attempt timestamp) yields the same correlation id:
 * - sourceVersion: inventory level → `asOf` (when the level was true in the WMS), goods
 *   receipt → `receivedAt`. The body `timestamp` is when the WMS emitted the webhook and
 *   says nothing about the order of the facts, so it is validated but not used.
 * - sourceRecordId: inventory level → its entity key `<warehouse>:<sku>` (the WMS has no
 *   other record id for a level), goods receipt → `receiptId`.
 */
import { createEvent, inventoryLevelKey, type EventIdentity } from '@hub/contracts';
import type { WmsDelivery } from './wms-envelope';

export type WmsCanonicalEvent =
  | ReturnType<typeof createEvent<'inventory-level'>>
  | ReturnType<typeof createEvent<'goods-receipt'>>;

export function toCanonicalEvent(
  sourceSystem: string,
  delivery: WmsDelivery,
  identity: EventIdentity,
): WmsCanonicalEvent {
  if (delivery.entityType === 'inventory-level') {
    const { payload } = delivery;
    return createEvent(
      'inventory-level',
      {
        sourceSystem,
        sourceRecordId: inventoryLevelKey(payload),
        sourceVersion: payload.asOf,
        payload,
      },
      identity,
    );
  }
  const { payload } = delivery;
  return createEvent(
    'goods-receipt',
    { sourceSystem, sourceRecordId: payload.receiptId, sourceVersion: payload.receivedAt, payload },
    identity,
  );
}
