/**
 * A BC notification → `hub.source-notification.v1`. Key and sourceRecordId are the resource
 * path (spaces of a `collection` filter percent-encoded, keys allow no whitespace);
 * sourceVersion is BC's lastModifiedDateTime. `collection` (more than 1 000 changes
 * coalesced) is sent as `updated` with `changeType: collection` in the attributes: the
 * connector reads the filtered collection.
 */
import type { EntityType, EventIdentity } from '@hub/contracts';
import { toSourceNotification } from '../webhook-common/source-notification';
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
  return toSourceNotification(
    {
      systemId,
      entityType,
      resource: bcKey(notification.resource),
      changeKind: notification.changeType === 'collection' ? 'updated' : notification.changeType,
      sourceVersion: notification.lastModified,
      sourceEventId: null,
      // The digest covers what BC said, never the clientState secret.
      facts: {
        subscriptionId: notification.subscriptionId,
        resource: notification.resource,
        changeType: notification.changeType,
        lastModified: notification.lastModified,
      },
      attributes: {
        subscriptionId: notification.subscriptionId,
        changeType: notification.changeType,
      },
    },
    identity,
  );
}
