/**
 * Publishes the outbox's committed redeliveries to Kafka in id order, then deletes them
 * (src/store/redelivery-outbox.ts). It runs right after this replica commits a retry, every
 * DLQ_OUTBOX_INTERVAL for rows another replica queued, and again after a failure with
 * doubling delays (up to 30 s): while Kafka is down the rows wait, and /readyz and the
 * gauges show how many and how old. One relay publishes at a time across replicas (a
 * transaction-level advisory lock per schema); a replica that finds it held skips its round.
 *
 * A crash between the publish and the commit of the delete sends those rows again: the
 * retry scheduler keeps one schedule row per (target, event id, attempts, hub-operator-retry)
 * and the copy carries the same retry id, so it is not scheduled twice.
 */
import type { MessageSender } from '@hub/messaging';
import type { HubMetrics, Logger } from '@hub/observability';
import type { OutboxBacklog, OutboxRow, RedeliveryOutbox } from '../store/redelivery-outbox';

export interface RelayOptions {
  readonly outbox: Pick<RedeliveryOutbox, 'relay' | 'backlog'>;
  readonly sender: MessageSender;
  /** False while this replica has no Kafka producer: rounds are skipped, rows wait. */
  readonly ready: () => boolean;
  readonly intervalMs: number;
  readonly metrics: Pick<HubMetrics, 'dlqOutboxPending' | 'dlqOutboxOldestSeconds'>;
  readonly logger: Logger;
  readonly now: () => number;
  /** Rows per round (one produce call). */
  readonly batchSize?: number;
}

export type RoundOutcome = 'sent' | 'idle' | 'busy' | 'not-ready' | 'failed';

const MAX_BACKOFF_MS = 30_000;

export class RedeliveryRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failures = 0;
  private backlog: OutboxBacklog = { pending: 0, oldestAt: null, lastError: null };

  constructor(private readonly options: RelayOptions) {}

  start(): void {
    this.stopped = false;
    this.nudge();
  }

  /** Publish soon: now if idle, or right after the round in flight. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.nudge();
        return;
      }
      this.schedule();
    });
  }

  /** Waits for the round in flight; a row it could not delete is sent again after a restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** For /readyz: always ok (a backlog is not a reason to stop serving), with what waits. */
  health(): { ok: true; detail: string } {
    const { pending, oldestAt, lastError } = this.backlog;
    if (pending === 0) return { ok: true, detail: 'outbox empty' };
    const age = oldestAt === null ? 0 : Math.round((this.options.now() - oldestAt) / 1000);
    const why = lastError === null ? '' : `; last failure: ${lastError}`;
    return { ok: true, detail: `${String(pending)} waiting, oldest ${String(age)}s${why}` };
  }

  /** One round; never throws (a failure is logged and the rows wait). */
  async round(): Promise<RoundOutcome> {
    if (!this.options.ready()) return 'not-ready';
    try {
      const result = await this.options.outbox.relay(this.options.batchSize ?? 100, (rows) =>
        this.publish(rows),
      );
      this.failures = 0;
      if (result.kind === 'busy') return 'busy';
      return result.rows.length === 0 ? 'idle' : 'sent';
    } catch (error) {
      this.failures += 1;
      this.options.logger.error(
        { err: error, failures: this.failures },
        'redelivery outbox not published; the rows wait for the next round',
      );
      return 'failed';
    }
  }

  private async drain(): Promise<void> {
    let outcome: RoundOutcome;
    do outcome = await this.round();
    while (outcome === 'sent' && !this.stopped);
    await this.refreshBacklog();
  }

  private async publish(rows: readonly OutboxRow[]): Promise<void> {
    await this.options.sender.send(rows.map((row) => row.message));
    this.options.logger.debug(
      { rows: rows.length, firstId: rows[0]?.id, lastId: rows.at(-1)?.id },
      'redeliveries published',
    );
  }

  private schedule(): void {
    const delay =
      this.failures === 0
        ? this.options.intervalMs
        : Math.min(this.options.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
    this.timer = setTimeout(() => {
      this.nudge();
    }, delay);
    this.timer.unref();
  }

  private async refreshBacklog(): Promise<void> {
    try {
      this.backlog = await this.options.outbox.backlog();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'redelivery outbox backlog not read');
      return;
    }
    this.options.metrics.dlqOutboxPending.set(this.backlog.pending);
    const { oldestAt } = this.backlog;
    this.options.metrics.dlqOutboxOldestSeconds.set(
      oldestAt === null ? 0 : Math.max(0, (this.options.now() - oldestAt) / 1000),
    );
  }
}
