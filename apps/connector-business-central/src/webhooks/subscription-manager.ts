/**
 * BC webhook subscriptions of this system, kept alive by one periodic job (the kit's job
 * runner: one replica leads). Each run lists the app's subscriptions and, per company and
 * entity set: creates one that is missing (first time, or BC deleted it: expired, or an
 * answer BC took as a refusal), renews one that expires within BC_SUBSCRIPTION_RENEW_BEFORE
 * (PATCH with If-Match; BC runs the handshake again, so the ingress must be up). State per
 * subscription in /status and in metrics.
 *
 * Rotating the clientState: BC's PATCH takes a new clientState (the update sets the values
 * it is given), so a subscription BC lists with another clientState than the current one is
 * moved to it at once (`rotated`), without waiting for its renewal; new subscriptions and
 * renewals carry the current one too. The ingress accepts both while they are rotated.
 */
import type { HubMetrics, Logger } from '@hub/observability';
import { errorMessage, type Clock } from '@hub/resilience';
import type { BcClient, BcRow } from '../bc/bc-client';
import type { BcDirectory } from '../bc/bc-directory';

export interface SubscriptionSettings {
  readonly systemId: string;
  readonly notificationUrl: string;
  /** BC_WEBHOOK_CLIENT_STATE: the current one first, then the old one while rotating. */
  readonly clientState: readonly string[];
  readonly companies: readonly string[];
  readonly resources: readonly string[];
  readonly renewBeforeMs: number;
}

export interface SubscriptionState {
  readonly resource: string;
  readonly subscriptionId?: string;
  readonly expirationDateTime?: string;
  readonly lastAction?: 'created' | 'renewed' | 'recreated' | 'rotated' | 'kept';
  readonly lastError?: string;
}

type Metrics = Pick<HubMetrics, 'bcSubscriptionActions' | 'bcSubscriptionExpiresInSeconds'>;

function normalize(resource: string): string {
  return resource.replace(/^\/+/, '');
}

export class BcSubscriptionManager {
  private readonly states = new Map<string, SubscriptionState>();
  private readonly metrics: Metrics;

  constructor(
    private readonly client: BcClient,
    private readonly directory: BcDirectory,
    private readonly settings: SubscriptionSettings,
    hubMetrics: HubMetrics,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.metrics = hubMetrics;
  }

  status(): SubscriptionState[] {
    return [...this.states.values()];
  }

  async run(signal: AbortSignal): Promise<void> {
    const url = this.client.standard(undefined, 'subscriptions');
    const existing = await this.client.list(url, 'subscriptions', signal);
    const failures: string[] = [];
    for (const company of this.settings.companies) {
      const companyId = await this.directory.companyId(company, signal);
      for (const set of this.settings.resources) {
        const resource = `/api/v2.0/companies(${companyId})/${set}`;
        try {
          await this.keep(resource, existing, signal);
        } catch (error) {
          failures.push(`${resource}: ${errorMessage(error)}`);
          this.states.set(resource, {
            ...this.states.get(resource),
            resource,
            lastError: errorMessage(error),
          });
          this.metrics.bcSubscriptionActions.inc({
            system: this.settings.systemId,
            action: 'failed',
          });
        }
      }
    }
    if (failures.length > 0)
      throw new Error(`Business Central subscriptions: ${failures.join('; ')}`);
  }

  private async keep(
    resource: string,
    existing: readonly BcRow[],
    signal: AbortSignal,
  ): Promise<void> {
    const { notificationUrl, systemId, renewBeforeMs } = this.settings;
    const [clientState = ''] = this.settings.clientState;
    const found = existing.find(
      (s) =>
        s.notificationUrl === notificationUrl &&
        normalize(String(s.resource)) === normalize(resource),
    );
    const known = this.states.get(resource)?.subscriptionId !== undefined;
    // BC lists each subscription's clientState; one without it is moved at its renewal.
    const outdated = typeof found?.clientState === 'string' && found.clientState !== clientState;
    let row: BcRow;
    let action: NonNullable<SubscriptionState['lastAction']>;
    if (found === undefined) {
      const response = await this.client.post(
        this.client.standard(undefined, 'subscriptions'),
        { notificationUrl, resource, clientState },
        'subscriptions',
        signal,
      );
      row = JSON.parse(response.text) as BcRow;
      action = known ? 'recreated' : 'created';
    } else if (
      outdated ||
      Date.parse(String(found.expirationDateTime)) - this.clock.now() <= renewBeforeMs
    ) {
      const id = String(found.subscriptionId);
      row = await this.client.patch(
        this.client.standard(undefined, `subscriptions('${id}')`),
        { notificationUrl, resource, clientState },
        String(found['@odata.etag']),
        'subscriptions',
        signal,
      );
      action = outdated ? 'rotated' : 'renewed';
    } else {
      row = found;
      action = 'kept';
    }
    const expires = String(row.expirationDateTime);
    this.states.set(resource, {
      resource,
      subscriptionId: String(row.subscriptionId),
      expirationDateTime: expires,
      lastAction: action,
    });
    this.metrics.bcSubscriptionExpiresInSeconds.set(
      { system: systemId, resource },
      Math.max(0, (Date.parse(expires) - this.clock.now()) / 1000),
    );
    if (action !== 'kept') {
      this.metrics.bcSubscriptionActions.inc({ system: systemId, action });
      this.logger.info(
        { resource, subscriptionId: row.subscriptionId, expires, action },
        `Business Central subscription ${action}`,
      );
    }
  }
}
