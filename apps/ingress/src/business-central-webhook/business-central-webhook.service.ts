/**
 * POST /webhooks/business-central/:systemId — BC's subscription handshake and its thin
 * notifications (erp-protocols.md §2.6). BC deletes a subscription when a notification
 * gets any answer but 2xx/408/429/5xx, so per-item problems (clientState mismatch, unknown
 * resource, reverse-direction write) are recorded, counted and answered 202; only a
 * hub-side transient failure (Kafka) is 503, which BC retries.
 */
import { topics } from '@hub/contracts';
import { ReverseDirectionWriteError } from '@hub/ownership';
import { Inject, Injectable } from '@nestjs/common';
import { INGRESS_DEPS, type IngressDeps } from '../app/ingress-deps';
import { publishAccepted } from '../publishing/publish-accepted';
import { refuseReverseDirection } from '../reverse-direction/reverse-direction.service';
import { parseJsonOrUndefined } from '../webhook-common/content-type';
import { credentialsFor } from '../webhook-common/known-system';
import { tokensMatch } from '../webhook-common/token-match';
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
  | 'reverse-direction-write';

@Injectable()
export class BusinessCentralWebhookService {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  /** The handshake: the system must be configured; the token goes back as is. */
  handshake(systemId: string, validationToken: string): string {
    credentialsFor(this.deps.systems, this.deps.policy, systemId, 'clientState');
    return validationToken;
  }

  async notify(systemId: string, rawBody: Buffer): Promise<BcOutcome> {
    const clientState = credentialsFor(
      this.deps.systems,
      this.deps.policy,
      systemId,
      'clientState',
    );
    const items = parseBcBody(parseJsonOrUndefined(rawBody));
    let accepted = 0;
    for (const item of items) {
      const outcome = item.ok
        ? await this.handle(systemId, clientState, item.notification)
        : 'invalid-item';
      if (outcome === 'accepted') accepted += 1;
      else this.deps.metrics.ingressRejected.inc({ system: systemId, reason: outcome });
    }
    if (items.length === 0)
      this.deps.metrics.ingressRejected.inc({ system: systemId, reason: 'invalid-item' });
    return { status: 'accepted', accepted, rejected: items.length - accepted };
  }

  private async handle(
    systemId: string,
    clientState: string,
    notification: BcNotification,
  ): Promise<ItemOutcome> {
    const { deps } = this;
    if (!tokensMatch(clientState, notification.clientState)) {
      deps.logger.warn(
        { system: systemId, subscriptionId: notification.subscriptionId },
        'BC clientState mismatch',
      );
      return 'client-state-mismatch';
    }
    const { entityType } = notification;
    if (entityType === undefined) {
      deps.logger.warn(
        { system: systemId, resource: notification.resource },
        'BC notification for an unmapped resource',
      );
      return 'unknown-resource';
    }
    const event = toBcSourceNotification(systemId, notification, entityType, deps.identity);
    try {
      deps.policy.assertMaySource(systemId, entityType);
    } catch (error) {
      if (!(error instanceof ReverseDirectionWriteError)) throw error;
      await refuseReverseDirection(deps, error, {
        ...event,
        payload: event.payload,
        proposedJson: null,
      });
      return 'reverse-direction-write';
    }
    await publishAccepted(deps, 'business-central', topics.sourceNotification, event);
    return 'accepted';
  }
}
