/** Delivery outcomes as the outcome consumer hands them over, for tests and the intake bench. */
import {
  systemEventIdentity,
  type DeliveryOutcomeEvent,
  type DeliveryOutcomeKind,
} from '@hub/contracts';
import { deliveryOutcomeEvent } from '@hub/delivery-protocol';
import type { ConsumedMessage, RawHeaders } from '@hub/messaging';
import { randomUUID } from 'node:crypto';

let offset = 0;
/** One outcome of a fresh write to `target`, at the next offset. */
export function consumedOutcome(
  target: string,
  kind: DeliveryOutcomeKind,
): ConsumedMessage<DeliveryOutcomeEvent, RawHeaders> {
  offset += 1;
  const delivered = {
    eventId: randomUUID(),
    correlationId: `c1-${randomUUID()}`,
    entityType: 'inventory-level' as const,
    entityKey: `WH:${offset}`,
    sourceSystem: 'wms',
    sourceRecordId: String(offset),
    sourceVersion: Date.now(),
    publishedAt: Date.now(),
  };
  const value = deliveryOutcomeEvent(
    {
      delivered,
      target,
      outcome: kind,
      attempt: 1,
      failure:
        kind === 'failed_transient'
          ? { code: 'HTTP_SERVER_ERROR', message: '503', errorClass: 'transient', httpStatus: 503 }
          : null,
      targetCalled: true,
    },
    systemEventIdentity,
  );
  return {
    topic: 'hub.delivery-outcome.v1',
    partition: 0,
    offset: String(offset),
    key: delivered.entityKey,
    headers: {},
    value,
    rawHeaders: {},
    timestamp: String(Date.now()),
  };
}
