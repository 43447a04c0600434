/**
 * POST /webhooks/dynamics-finance/:systemId/:token — F&O business events to an HTTPS
 * endpoint are unsigned (the endpoint URL is a Key Vault secret), so the URL carries a
 * per-system token, compared in constant time. The event becomes a
 * `hub.source-notification.v1` for the F&O connector, keyed by the order. F&O retries a
 * failed delivery a few times, 1 s apart, and a resent event keeps its ControlNumber: the
 * correlation id covers (legal entity, order, ControlNumber), so a duplicate is the same
 * notification, and the connector drops a duplicate or older ControlNumber per order in
 * its Postgres table, which every replica shares (this route keeps no state).
 */
import { formatFieldErrors, topics } from '@hub/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { INGRESS_DEPS, type IngressDeps } from '../app/ingress-deps';
import { refuse } from '../problem/ingress-error';
import { publishAccepted } from '../publishing/publish-accepted';
import { hubEcho, type HubEchoIgnored } from '../reverse-direction/hub-echo';
import { refuseOwnership } from '../reverse-direction/reverse-direction.service';
import { assertMediaType, parseJsonBody } from '../webhook-common/content-type';
import { authenticate, routeSystem } from '../webhook-common/known-system';
import { toSourceNotification } from '../webhook-common/source-notification';
import { anyTokenMatches } from '../webhook-common/token-match';
import type { Accepted } from '../wms-webhook/wms-webhook.service';
import { foResource, parseFoBusinessEvent } from './fo-business-event';

export interface FoDeliveryRequest {
  readonly systemId: string;
  readonly token: string;
  readonly contentType: string | undefined;
  readonly rawBody: Buffer;
}

@Injectable()
export class DynamicsFinanceWebhookService {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  async accept(request: FoDeliveryRequest): Promise<Accepted | HubEchoIgnored> {
    const { deps } = this;
    authenticate(
      routeSystem(deps.systems, deps.policy, request.systemId, 'businessEventToken'),
      () => refuse('TOKEN_INVALID', 'The URL token does not match this system.'),
      (secrets) => anyTokenMatches(secrets, request.token),
    );
    assertMediaType(request.contentType, ['application/json']);
    const body = parseJsonBody(request.rawBody);
    const parsed = parseFoBusinessEvent(body);
    if (!parsed.ok)
      throw refuse('INVALID_PAYLOAD', formatFieldErrors(parsed.errors), { errors: parsed.errors });
    const { event } = parsed;
    const notification = toSourceNotification(
      {
        systemId: request.systemId,
        entityType: event.entityType,
        resource: foResource(event),
        changeKind: 'updated',
        sourceVersion: event.eventTime,
        sourceEventId: event.eventId,
        facts: {
          businessEventId: event.businessEventId,
          legalEntity: event.legalEntity,
          purchaseOrderNumber: event.purchaseOrderNumber,
          controlNumber: event.controlNumber,
        },
        attributes: {
          businessEventId: event.businessEventId,
          legalEntity: event.legalEntity,
          purchaseOrderNumber: event.purchaseOrderNumber,
          controlNumber: String(event.controlNumber),
        },
      },
      deps.identity,
    );
    const ownership = deps.policy.notificationVerdict(request.systemId, notification.entityType);
    if (!ownership.allowed) {
      const echo = hubEcho(deps, ownership, { ...notification, proposedJson: body });
      if (echo) return echo;
      throw await refuseOwnership(deps, ownership, {
        ...notification,
        payload: body,
        proposedJson: body,
        // A business event names the document (its keys), not its values.
        canonicalProposal: null,
      });
    }
    await publishAccepted(deps, 'dynamics-finance', topics.sourceNotification, notification);
    return { correlationId: notification.correlationId, status: 'accepted' };
  }
}
