/**
 * An Odoo notification → the `hub.source-notification.v1` value. The key (and source
 * record id) is `<model>/<id>`, so notifications about one record stay in order.
 * sourceVersion is Odoo's `write_date` when the rule sends it (1-second precision, hence
 * the payload digest in the correlation id), else the time the hub received it.
 */
import type { EventIdentity } from '@hub/contracts';
import { toSourceNotification, type ChangeKind } from '../webhook-common/source-notification';
import type { OdooNotification } from './odoo-notification';

export function odooResource(notification: OdooNotification): string {
  return `${notification.model}/${String(notification.recordId)}`;
}

export function toOdooSourceNotification(
  systemId: string,
  notification: OdooNotification,
  changeKind: ChangeKind,
  body: unknown,
  identity: EventIdentity,
) {
  return toSourceNotification(
    {
      systemId,
      entityType: notification.entityType,
      resource: odooResource(notification),
      changeKind,
      sourceVersion: notification.writeDate,
      sourceEventId: null,
      facts: body,
      attributes: { model: notification.model, action: notification.action },
    },
    identity,
  );
}
