/**
 * A SAP business event → `hub.source-notification.v1`, keyed by the record's key (the PO
 * number, which is also the canonical key). sourceEventId is the CloudEvent id (`source` +
 * `id` identify a re-sent duplicate); sourceVersion is the event `time`, else receipt time.
 */
import type { EventIdentity } from '@hub/contracts';
import { toSourceNotification } from '../webhook-common/source-notification';
import type { SapNotification } from './sap-event';

export function toSapSourceNotification(
  systemId: string,
  notification: SapNotification,
  data: unknown,
  identity: EventIdentity,
) {
  return toSourceNotification(
    {
      systemId,
      entityType: notification.entityType,
      resource: notification.recordId,
      changeKind: notification.changeKind,
      sourceVersion: notification.time,
      sourceEventId: notification.id,
      facts: {
        source: notification.source,
        id: notification.id,
        type: notification.type,
        data: data ?? null,
      },
      attributes: { ceType: notification.type, ceSource: notification.source },
    },
    identity,
  );
}
