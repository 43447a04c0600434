/**
 * A BC notification → `hub.source-notification.v1`. Key and sourceRecordId are the resource
 * path (spaces of a `collection` filter percent-encoded, keys allow no whitespace);
 * sourceVersion is BC's lastModifiedDateTime. `collection` (more than 1 000 changes
 * coalesced) is sent as `updated` with `changeType: collection` in the attributes: the
 * connector reads the filtered collection.
 */
import {
  buildEnvelope,
  correlationId,
  payloadDigest,
  type EntityType,
  type EventIdentity,
} from '@hub/contracts';
import type { BcNotification } from './bc-notification';

export function bcKey(resource: string): string {
  return resource.replace(/\s/g, (c) => encodeURIComponent(c));
}

export function toBcSourceNotification(
  systemId: string,
  notification: BcNotification,
  entityType: EntityType,
  identity: EventIdentity,
) {
  const key = bcKey(notification.resource);
  // The digest covers what BC said, never the clientState secret.
  const facts = {
    subscriptionId: notification.subscriptionId,
    resource: notification.resource,
    changeType: notification.changeType,
    lastModified: notification.lastModified,
  };
  const envelope = buildEnvelope(
    {
      correlationId: correlationId({
        sourceSystem: systemId,
        entityType,
        sourceRecordId: key,
        sourceVersion: notification.lastModified,
        payloadDigest: payloadDigest(facts),
      }),
      entityType,
      entityKey: key,
      sourceSystem: systemId,
      sourceRecordId: key,
      sourceVersion: notification.lastModified,
    },
    identity,
  );
  return {
    ...envelope,
    payload: {
      changeKind:
        notification.changeType === 'collection' ? ('updated' as const) : notification.changeType,
      resource: key,
      sourceEventId: null,
      receivedAt: identity.now(),
      attributes: {
        subscriptionId: notification.subscriptionId,
        changeType: notification.changeType,
      },
    },
  };
}
