/**
 * Wakes this process's dispatch loops when any replica's transaction may have made a
 * retry sendable sooner than the loop planned: a row taken in (intake), a breaker that
 * closed or turned half-open, a probe answered (outcome intake). Those transactions call
 * `pg_notify` and Postgres delivers it at their commit to every replica
 * LISTENing on the schema's channel (store/due-notice.ts), so a loop with nothing due can sleep until its next
 * known due time instead of polling.
 *
 * The connection is its own (not one of the pool's). While it is down, notifications are
 * lost: the loops are woken, fall back to RETRY_POLL_INTERVAL until it is back, and are
 * woken once more when it is (a row taken in meanwhile is found at that round).
 */
import type { Logger } from '@hub/observability';
import { Client, escapeIdentifier } from 'pg';
import { dueChannel } from '../store/due-notice';

export interface DueListenerOptions {
  readonly databaseUrl: string;
  readonly schema: string;
  /** A target's loop, or every loop (undefined) when notifications may have been missed. */
  readonly wake: (target: string | undefined) => void;
  readonly logger: Logger;
  readonly reconnectMs?: number;
}

export class DueListener {
  private client: Client | undefined;
  private listening = false;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;
  private readonly channel: string;

  constructor(private readonly options: DueListenerOptions) {
    this.channel = dueChannel(options.schema);
  }

  /** True while notifications arrive: the loops may then sleep longer than the poll interval. */
  isListening(): boolean {
    return this.listening;
  }

  /** Connects and listens; a failure is logged and retried in the background (loops poll meanwhile). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    clearTimeout(this.reconnect);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true });
    this.client = client;
    client.on('notification', (notice) => {
      if (notice.channel === this.channel) this.options.wake(notice.payload);
    });
    client.on('error', (error) => {
      this.lost(client, error);
    });
    client.on('end', () => {
      this.lost(client, undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${escapeIdentifier(this.channel)}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.listening = true;
    // Whatever was taken in before LISTEN took effect is found by this round.
    this.options.wake(undefined);
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    const was = this.listening;
    this.listening = false;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.logger.warn(
      { err: error },
      was
        ? 'lost the LISTEN connection; dispatch polls until it is back'
        : 'could not LISTEN for due retries; dispatch polls meanwhile',
    );
    // Back to the poll interval now: a loop asleep for the idle check would miss new rows.
    this.options.wake(undefined);
    this.reconnect = setTimeout(() => void this.connect(), this.options.reconnectMs ?? 1_000);
  }
}
