/**
 * POST /webhooks/business-central/:systemId — BC's subscription handshake and its thin
 * notifications (docs/erp-protocols.md §2.6). BC deletes a subscription when a notification
 * gets any answer but 2xx/408/429/5xx, so per-item problems (clientState mismatch, unknown
 * resource, reverse-direction write) are recorded, counted and answered 202; only a
 * hub-side transient failure (Kafka) is 503, which BC retries. An unknown system id is
 * answered the same 202 as a wrong clientState (every item rejected): a 404 would tell a
 * prober which ids exist, and would make BC delete a legitimate subscription whenever the
 * hub's configuration lost the system for a while (a bad deploy, a renamed id).
 */
import { topics } from '@hub/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { INGRESS_DEPS, type IngressDeps } from '../app/ingress-deps';
import { publishAccepted } from '../publishing/publish-accepted';
import { refuseOwnership } from '../reverse-direction/reverse-direction.service';
import { parseJsonOrUndefined } from '../webhook-common/content-type';
import {
  requestedSystemFields,
  routeSystem,
  systemLabel,
  type RouteSystem,
} from '../webhook-common/known-system';
import { isFresh } from '../webhook-common/freshness';
import { anyTokenMatches } from '../webhook-common/token-match';
import { parseBcBody, type BcNotification } from './bc-notification';
import { toBcSourceNotification } from './bc-source-notification';

export interface BcOutcome {
  readonly status: 'accepted';
  readonly accepted: number;
  readonly rejected: number;
}

type ItemOutcome =
  | 'accepted'
  | 'invalid-item'
  | 'client-state-mismatch'
  | 'unknown-resource'
  | 'reverse-direction-write'
  | 'stale-notification'
  | 'too-many-items'
  | 'unknown-system';

/** What the controller needs besides the answer: whether any item proved the clientState. */
export interface BcNotifyResult {
  readonly outcome: BcOutcome;
  readonly authenticated: boolean;
}

@Injectable()
export class BusinessCentralWebhookService {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  /**
   * The handshake carries no credential, so it is echoed for every system id: refusing
   * unknown ones would tell anyone which ids are configured. An unknown system's handshake
   * is counted and logged, so the operator sees a subscription pointed at the wrong id.
   */
  handshake(systemId: string, validationToken: string): string {
    const { deps } = this;
    if (!routeSystem(deps.systems, deps.policy, systemId, 'clientState').configured) {
      const fields = requestedSystemFields(deps.systems, systemId);
      deps.metrics.ingressRejected.inc({ system: fields.system, reason: 'unknown-system' });
      deps.logger.warn(fields, 'BC handshake for a system not configured for this route');
    }
    return validationToken;
  }

  /**
   * Items past INGRESS_BC_MAX_ITEMS are not judged, and the request is logged once with the
   * count per outcome (never per item): an unauthenticated 1 MiB body must not become
   * thousands of log lines of the sender's text.
   */
  async notify(systemId: string, rawBody: Buffer): Promise<BcNotifyResult> {
    const system = routeSystem(this.deps.systems, this.deps.policy, systemId, 'clientState');
    const items = parseBcBody(parseJsonOrUndefined(rawBody));
    const judged = items.slice(0, this.deps.bcMaxItems);
    const counts = new Map<ItemOutcome, number>();
    for (const item of judged) {
      const outcome = item.ok
        ? await this.handle(systemId, system, item.notification)
        : 'invalid-item';
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    if (items.length > judged.length) counts.set('too-many-items', items.length - judged.length);
    if (items.length === 0) counts.set('invalid-item', 1);
    for (const [reason, count] of counts)
      if (reason !== 'accepted')
        this.deps.metrics.ingressRejected.inc(
          { system: systemLabel(this.deps.systems, systemId), reason },
          count,
        );
    const accepted = counts.get('accepted') ?? 0;
    const rejected = items.length - accepted;
    if (rejected > 0 || items.length === 0)
      this.deps.logger.warn(
        {
          ...requestedSystemFields(this.deps.systems, systemId),
          items: items.length,
          outcomes: Object.fromEntries(counts),
        },
        'BC notification with rejected items',
      );
    const wellFormed = judged.filter((item) => item.ok).length;
    return {
      outcome: { status: 'accepted', accepted, rejected },
      authenticated: system.configured && wellFormed > (counts.get('client-state-mismatch') ?? 0),
    };
  }

  private async handle(
    systemId: string,
    system: RouteSystem,
    notification: BcNotification,
  ): Promise<ItemOutcome> {
    const { deps } = this;
    // An unknown system's items are compared with the stand-ins too: same work, same answer.
    const matched = anyTokenMatches(system.secrets, notification.clientState);
    if (!system.configured) return 'unknown-system';
    if (!matched) return 'client-state-mismatch';
    if (!isFresh(notification.lastModified, deps.identity.now(), deps.freshness.bcMaxAgeMs))
      return 'stale-notification';
    const { entityType } = notification;
    if (entityType === undefined) return 'unknown-resource';
    const event = toBcSourceNotification(systemId, notification, entityType, deps.identity);
    const ownership = deps.policy.notificationVerdict(systemId, entityType);
    if (!ownership.allowed) {
      await refuseOwnership(deps, ownership, {
        ...event,
        payload: event.payload,
        proposedJson: null,
        canonicalProposal: null,
      });
      return 'reverse-direction-write';
    }
    await publishAccepted(deps, 'business-central', topics.sourceNotification, event);
    return 'accepted';
  }
}
