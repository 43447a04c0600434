/**
 * POST /webhooks/wms/:systemId — a Standard Webhooks delivery carrying a full canonical
 * entity: verify, validate, check ownership, publish to the canonical topic, and resolve
 * only after Kafka acknowledged.
 */
import { canonicalTopics, formatFieldErrors, payloadJsonForm } from '@hub/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { INGRESS_DEPS, type IngressDeps } from '../app/ingress-deps';
import { refuse } from '../problem/ingress-error';
import { publishAccepted } from '../publishing/publish-accepted';
import { refuseOwnership } from '../reverse-direction/reverse-direction.service';
import { assertMediaType, parseJsonBody } from '../webhook-common/content-type';
import { authenticate, routeSystem } from '../webhook-common/known-system';
import { parseWmsBody } from './wms-envelope';
import { toCanonicalEvent } from './wms-event';
import { verifyWmsSignature, type SignedHeaders } from './wms-signature';

export interface WmsDeliveryRequest {
  readonly systemId: string;
  readonly contentType: string | undefined;
  readonly signed: SignedHeaders;
  readonly rawBody: Buffer;
}

export interface Accepted {
  readonly correlationId: string;
  readonly status: 'accepted';
}

@Injectable()
export class WmsWebhookService {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  async accept(request: WmsDeliveryRequest): Promise<Accepted> {
    const { deps } = this;
    const system = routeSystem(deps.systems, deps.policy, request.systemId, 'webhookSecret');
    assertMediaType(request.contentType, ['application/json']);
    authenticate(
      system,
      () => refuse('SIGNATURE_INVALID', 'No webhook-signature matches the body for this system.'),
      (secrets) => {
        verifyWmsSignature(secrets, request.signed, request.rawBody, deps.identity.now());
        return true;
      },
    );
    const parsed = parseWmsBody(parseJsonBody(request.rawBody));
    if (!parsed.ok)
      throw refuse('INVALID_PAYLOAD', formatFieldErrors(parsed.errors), { errors: parsed.errors });
    const event = toCanonicalEvent(request.systemId, parsed.delivery, deps.identity);
    const ownership = deps.policy.sourceVerdict(request.systemId, event);
    if (!ownership.allowed)
      throw await refuseOwnership(deps, ownership, {
        ...event,
        proposedJson: parsed.data,
        // The WMS sends the whole entity: its canonical form is the event's payload.
        canonicalProposal: payloadJsonForm(event),
      });
    await publishAccepted(deps, 'wms', canonicalTopics[event.entityType], event);
    return { correlationId: event.correlationId, status: 'accepted' };
  }
}
