/**
 * POST /webhooks/odoo/:systemId/:token — Odoo sends no signature (docs/erp-protocols.md §1.6),
 * so the URL carries a per-system secret token, compared in constant time. The body is a
 * hint: it goes to `hub.source-notification.v1` for the Odoo connector to re-read the
 * record. Odoo waits at most 1 s and never retries, so the work here is kept minimal.
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
import { anyTokenMatches } from '../webhook-common/token-match';
import type { Accepted } from '../wms-webhook/wms-webhook.service';
import { parseOdooNotification } from './odoo-notification';
import { odooCanonicalProposal } from './odoo-proposal';
import type { ChangeKind } from '../webhook-common/source-notification';
import { toOdooSourceNotification } from './odoo-source-notification';

export interface OdooDeliveryRequest {
  readonly systemId: string;
  readonly token: string;
  /** `?kind=` from the URL configured on the automation rule; `updated` when absent. */
  readonly kind: string | undefined;
  readonly contentType: string | undefined;
  readonly rawBody: Buffer;
}

const changeKinds: readonly string[] = ['created', 'updated', 'deleted'];

function changeKindOf(kind: string | undefined): ChangeKind {
  if (kind === undefined) return 'updated';
  if (kind === 'created' || kind === 'updated' || kind === 'deleted') return kind;
  throw refuse('INVALID_PAYLOAD', `kind must be one of ${changeKinds.join(', ')}`, {
    errors: [{ path: '?kind', message: `must be one of ${changeKinds.join(', ')}` }],
  });
}

@Injectable()
export class OdooWebhookService {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  async accept(request: OdooDeliveryRequest): Promise<Accepted | HubEchoIgnored> {
    const { deps } = this;
    authenticate(
      routeSystem(deps.systems, deps.policy, request.systemId, 'token'),
      () => refuse('TOKEN_INVALID', 'The URL token does not match this system.'),
      (secrets) => anyTokenMatches(secrets, request.token),
    );
    assertMediaType(request.contentType, ['application/json']);
    const body = parseJsonBody(request.rawBody);
    const changeKind = changeKindOf(request.kind);
    const parsed = parseOdooNotification(body);
    if (!parsed.ok)
      throw refuse('INVALID_PAYLOAD', formatFieldErrors(parsed.errors), { errors: parsed.errors });
    const event = toOdooSourceNotification(
      request.systemId,
      parsed.notification,
      changeKind,
      body,
      deps.identity,
    );
    const ownership = deps.policy.notificationVerdict(request.systemId, event.entityType);
    if (!ownership.allowed) {
      const echo = hubEcho(deps, ownership, { ...event, proposedJson: body });
      if (echo) return echo;
      throw await refuseOwnership(deps, ownership, {
        ...event,
        payload: body,
        proposedJson: body,
        canonicalProposal: odooCanonicalProposal(parsed.notification, body),
      });
    }
    await publishAccepted(deps, 'odoo', topics.sourceNotification, event);
    return { correlationId: event.correlationId, status: 'accepted' };
  }
}
