/**
 * Announces new dead letters to the configured webhooks, batched per target: the first
 * item after a quiet window goes out at once, later ones wait for the window to pass and
 * go out together, so each target gets at most one message per window. Deliveries are
 * retried with doubling delays and run detached: ingestion never waits for them.
 */
import type { Logger } from '@hub/observability';
import { withLinkedSignal } from '@hub/primitives';
import { errorMessage } from '@hub/resilience';
import type { WebhookTarget } from '../app/access-settings';
import type { IngestionListener } from '../ingestion/dead-letter-ingestion';
import type { NewItem } from '../store/item-types';
import { notificationBody, type Digest } from './notification-body';

export interface NotifierOptions {
  readonly webhooks: readonly WebhookTarget[];
  readonly windowMs: number;
  readonly attempts: number;
  readonly retryDelayMs: number;
  readonly consoleUrl: string;
  readonly logger: Logger;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
}

interface PendingBatch {
  readonly byReason: Map<string, number>;
  readonly firstAt: number;
  lastAt: number;
  readonly timer: NodeJS.Timeout;
}

const REQUEST_TIMEOUT_MS = 10_000;

export class Notifier implements Pick<IngestionListener, 'itemCreated'> {
  private readonly pending = new Map<string, PendingBatch>();
  private readonly lastSentAt = new Map<string, number>();
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: NotifierOptions) {}

  itemCreated(item: NewItem): void {
    if (this.options.webhooks.length === 0 || this.stopping.signal.aborted) return;
    const target = item.target ?? 'unknown';
    const now = this.options.now();
    let batch = this.pending.get(target);
    if (batch === undefined) {
      const dueAt = (this.lastSentAt.get(target) ?? -Infinity) + this.options.windowMs;
      const timer = setTimeout(
        () => {
          this.flush(target);
        },
        Math.max(0, dueAt - now),
      );
      batch = { byReason: new Map(), firstAt: now, lastAt: now, timer };
      this.pending.set(target, batch);
    }
    batch.byReason.set(item.reason, (batch.byReason.get(item.reason) ?? 0) + 1);
    batch.lastAt = now;
  }

  /** Drops what is still batched and aborts deliveries in flight. */
  async close(): Promise<void> {
    this.stopping.abort();
    for (const batch of this.pending.values()) clearTimeout(batch.timer);
    this.pending.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(target: string): void {
    const batch = this.pending.get(target);
    if (batch === undefined) return;
    this.pending.delete(target);
    this.lastSentAt.set(target, this.options.now());
    const digest: Digest = {
      target,
      byReason: Object.fromEntries(batch.byReason),
      firstAt: batch.firstAt,
      lastAt: batch.lastAt,
      consoleUrl: this.options.consoleUrl,
    };
    for (const webhook of this.options.webhooks) {
      const delivery = this.deliver(webhook, digest).finally(() => {
        this.inFlight.delete(delivery);
      });
      this.inFlight.add(delivery);
    }
  }

  private async deliver(webhook: WebhookTarget, digest: Digest): Promise<void> {
    const send = this.options.fetch ?? fetch;
    const body = JSON.stringify(notificationBody(webhook.format, digest));
    const host = new URL(webhook.url).host; // never log the path: Slack URLs carry a token
    let delay = this.options.retryDelayMs;
    for (let attempt = 1; attempt <= this.options.attempts; attempt += 1) {
      let problem: string;
      try {
        // withLinkedSignal, not AbortSignal.any: on Node 20 the latter leaves a reference in
        // the long-lived stopping signal for every request (see @hub/primitives).
        const response = await withLinkedSignal(
          [this.stopping.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)],
          async (signal) => {
            const answer = await send(webhook.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
              // A redirect would send the body wherever the receiver points (an internal
              // address, say), so a 3xx is a refusal like any other 4xx.
              redirect: 'manual',
              signal,
            });
            await answer.body?.cancel();
            return answer;
          },
        );
        if (response.ok) return;
        problem = `HTTP ${String(response.status)}`;
        if (response.status < 500 && response.status !== 429 && response.status !== 408) {
          this.options.logger.error(
            { host, status: response.status },
            'notification refused; not retried',
          );
          return;
        }
      } catch (error) {
        problem = errorMessage(error);
      }
      if (this.stopping.signal.aborted) return;
      this.options.logger.warn({ host, attempt, problem }, 'notification failed');
      if (attempt < this.options.attempts) await sleep(delay, this.stopping.signal);
      delay *= 2;
    }
    this.options.logger.error(
      { host, target: digest.target },
      'notification dropped after retries',
    );
  }
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener on it either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
