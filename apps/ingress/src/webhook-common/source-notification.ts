/**
 * Every route's notification becomes a `hub.source-notification.v1` value here, so the
 * key, the correlation id and the payload are built one way whichever ERP sent it. A route
 * says what the source told it; this decides the rest:
 * - key and source record id: the route's `resource` (one record's notifications stay in
 *   one partition, in order);
 * - source version: what the source stamped, else the time the hub received it;
 * - correlation id: (system, entity type, resource, version, digest of `facts`), so a
 *   re-sent notification is the same event and two changes within one timestamp are not.
 */
import {
  buildEnvelope,
  correlationId,
  payloadDigest,
  type EntityType,
  type EventIdentity,
} from '@hub/contracts';

export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface SourceNotificationFacts {
  readonly systemId: string;
  readonly entityType: EntityType;
  /** Where the connector reads the record: `<model>/<id>`, a BC resource path, a PO number. */
  readonly resource: string;
  readonly changeKind: ChangeKind;
  /** The source's own version stamp (epoch ms), when it sends one. */
  readonly sourceVersion: number | undefined;
  /** The source's event id (a CloudEvent id), when it has one. */
  readonly sourceEventId: string | null;
  /** What the digest covers: what the source said, never a secret. */
  readonly facts: unknown;
  readonly attributes: Readonly<Record<string, string>>;
}

export function toSourceNotification(
  notification: SourceNotificationFacts,
  identity: EventIdentity,
) {
  const receivedAt = identity.now();
  const { systemId, entityType, resource } = notification;
  const sourceVersion = notification.sourceVersion ?? receivedAt;
  const envelope = buildEnvelope(
    {
      correlationId: correlationId({
        sourceSystem: systemId,
        entityType,
        sourceRecordId: resource,
        sourceVersion,
        payloadDigest: payloadDigest(notification.facts),
      }),
      entityType,
      entityKey: resource,
      sourceSystem: systemId,
      sourceRecordId: resource,
      sourceVersion,
    },
    identity,
  );
  return {
    ...envelope,
    payload: {
      changeKind: notification.changeKind,
      resource,
      sourceEventId: notification.sourceEventId,
      receivedAt,
      attributes: notification.attributes,
    },
  };
}
