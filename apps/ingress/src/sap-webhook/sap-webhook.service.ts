/**
 * POST /webhooks/sap/:systemId — SAP business events delivered by Event Mesh's webhook
 * with a per-system bearer token (compared in constant time), published as source
 * notifications for the SAP connector to read the record.
 */
import { formatFieldErrors, topics } from '@hub/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { INGRESS_DEPS, type IngressDeps } from '../app/ingress-deps';
import { refuse } from '../problem/ingress-error';
import { publishAccepted } from '../publishing/publish-accepted';
import { refuseOwnership } from '../reverse-direction/reverse-direction.service';
import type { Accepted } from '../wms-webhook/wms-webhook.service';
import { isFresh } from '../webhook-common/freshness';
import { assertSapAuthenticated } from './sap-authentication';
import { parseSapEvent } from './sap-event';
import { toSapSourceNotification } from './sap-source-notification';

/**
 * A reverse-direction event is answered 202 like Business Central's (issue 4): the refusal
 * is recorded, counted and forwarded here, and nothing the sender retries would change it.
 */
export interface SapRefused {
  readonly correlationId: string;
  readonly status: 'refused';
  readonly reason: 'reverse-direction-write';
  readonly owner: string;
}

export interface SapDeliveryRequest {
  readonly systemId: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
}

@Injectable()
export class SapWebhookService {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  async accept(request: SapDeliveryRequest): Promise<Accepted | SapRefused> {
    const { deps } = this;
    assertSapAuthenticated(deps, request);
    const parsed = parseSapEvent(request.headers, request.rawBody.toString('utf8'));
    if (!parsed.ok)
      throw refuse('INVALID_PAYLOAD', formatFieldErrors(parsed.errors), { errors: parsed.errors });
    const { time } = parsed.notification;
    if (time !== undefined && !isFresh(time, deps.identity.now(), deps.freshness.sapMaxAgeMs))
      throw refuse(
        'TIMESTAMP_OUT_OF_TOLERANCE',
        'The event time is outside the accepted window (INGRESS_SAP_MAX_AGE back, 5 minutes ahead).',
      );
    const event = toSapSourceNotification(
      request.systemId,
      parsed.notification,
      parsed.data,
      deps.identity,
    );
    const ownership = deps.policy.notificationVerdict(request.systemId, event.entityType);
    if (!ownership.allowed) {
      await refuseOwnership(deps, ownership, {
        ...event,
        payload: event.payload,
        proposedJson: parsed.data ?? null,
        // The event data names the record (its keys), not its values.
        canonicalProposal: null,
      });
      deps.metrics.ingressRejected.inc({
        system: request.systemId,
        reason: 'reverse-direction-write',
      });
      return {
        correlationId: event.correlationId,
        status: 'refused',
        reason: 'reverse-direction-write',
        owner: ownership.owners.join(', '),
      };
    }
    await publishAccepted(deps, 'sap', topics.sourceNotification, event);
    return { correlationId: event.correlationId, status: 'accepted' };
  }
}
