/**
 * A SAP business event → `hub.source-notification.v1`, keyed by the record's key (the PO
 * number, which is also the canonical key). sourceEventId is the CloudEvent id (`source` +
 * `id` identify a re-sent duplicate); sourceVersion is the event `time`, else receipt time.
 */
import { buildEnvelope, correlationId, payloadDigest, type EventIdentity } from '@hub/contracts';
import type { SapNotification } from './sap-event';

export function toSapSourceNotification(
  systemId: string,
  notification: SapNotification,
  data: unknown,
  identity: EventIdentity,
) {
  const receivedAt = identity.now();
  const sourceVersion = notification.time ?? receivedAt;
  const envelope = buildEnvelope(
    {
      correlationId: correlationId({
        sourceSystem: systemId,
        entityType: notification.entityType,
        sourceRecordId: notification.recordId,
        sourceVersion,
        payloadDigest: payloadDigest({
          source: notification.source,
          id: notification.id,
          type: notification.type,
          data: data ?? null,
        }),
      }),
      entityType: notification.entityType,
      entityKey: notification.recordId,
      sourceSystem: systemId,
      sourceRecordId: notification.recordId,
      sourceVersion,
    },
    identity,
  );
  return {
    ...envelope,
    payload: {
      changeKind: notification.changeKind,
      resource: notification.recordId,
      sourceEventId: notification.id,
      receivedAt,
      attributes: { ceType: notification.type, ceSource: notification.source },
    },
  };
}
