/**
 * An Odoo notification → the `hub.source-notification.v1` value. The key (and source
 * record id) is `<model>/<id>`, so notifications about one record stay in order.
 * sourceVersion is Odoo's `write_date` when the rule sends it (1-second precision, hence
 * the payload digest in the correlation id), else the time the hub received it.
 */
import { buildEnvelope, correlationId, payloadDigest, type EventIdentity } from '@hub/contracts';
import type { OdooNotification } from './odoo-notification';

export type ChangeKind = 'created' | 'updated' | 'deleted';

export function odooResource(notification: OdooNotification): string {
  return `${notification.model}/${String(notification.recordId)}`;
}

export function toSourceNotification(
  systemId: string,
  notification: OdooNotification,
  changeKind: ChangeKind,
  body: unknown,
  identity: EventIdentity,
) {
  const receivedAt = identity.now();
  const resource = odooResource(notification);
  const sourceVersion = notification.writeDate ?? receivedAt;
  const envelope = buildEnvelope(
    {
      correlationId: correlationId({
        sourceSystem: systemId,
        entityType: notification.entityType,
        sourceRecordId: resource,
        sourceVersion,
        payloadDigest: payloadDigest(body),
      }),
      entityType: notification.entityType,
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
      changeKind,
      resource,
      sourceEventId: null,
      receivedAt,
      attributes: { model: notification.model, action: notification.action },
    },
  };
}
