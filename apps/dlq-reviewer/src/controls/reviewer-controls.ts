/**
 * The reviewer's side of the target controls, built once by create-dlq-reviewer-app.ts:
 * its own reader of hub.target-control.v1 (each change starts from the orders it last read;
 * the overview shows them), the control actions, replay, and the connectors' lag and rate.
 * The reader starts once Kafka is connected and is retried until it is; until then the
 * controls answer 503 and the overview shows no orders.
 */
import { ControlReader, TargetControls } from '@hub/connector-runtime';
import { createGroupProgressReader, type KafkaClient, type MessageSender } from '@hub/messaging';
import type { HubMetrics, Logger } from '@hub/observability';
import { errorMessage } from '@hub/resilience';
import type { EntityManager } from 'typeorm';
import type { LiveTargetParts } from '../api/target-overview';
import type { AuditStore } from '../store/audit-store';
import type { ItemStore } from '../store/item-store';
import { Replays, type ReplayDeps } from './replay';
import { TargetControlActions } from './target-control-actions';
import { TargetProgress } from './target-progress';

export interface ReviewerControlDeps {
  readonly client: KafkaClient;
  /** The reviewer's producer (through topic provisioning). */
  readonly sender: MessageSender;
  readonly producerReady: () => boolean;
  readonly groupPrefix: string;
  readonly deadLetterTopic: string;
  readonly audit: AuditStore;
  readonly items: ItemStore;
  readonly appliedVersions: ReplayDeps['appliedVersions'];
  readonly transaction: <T>(work: (db: EntityManager) => Promise<T>) => Promise<T>;
  readonly onQueued: () => void;
  readonly now: () => number;
  readonly replayLimit: number;
  readonly logger: Logger;
  readonly metrics: Pick<HubMetrics, 'targetControlActions'>;
}

const RESTART_MS = 5_000;

export class ReviewerControls {
  readonly targetControls: TargetControlActions;
  readonly replays: Replays;
  readonly live: LiveTargetParts;
  private readonly controls = new TargetControls();
  private reader: ControlReader | undefined;
  private readonly progress: TargetProgress;
  private synced = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ReviewerControlDeps) {
    this.progress = new TargetProgress(
      createGroupProgressReader(deps.client),
      deps.now,
      deps.logger,
    );
    this.targetControls = new TargetControlActions({
      controls: this.controls,
      ready: () => this.synced && deps.producerReady(),
      sender: deps.sender,
      audit: deps.audit,
      transaction: deps.transaction,
      now: deps.now,
      metrics: deps.metrics,
    });
    this.replays = new Replays({
      items: deps.items,
      audit: deps.audit,
      transaction: deps.transaction,
      appliedVersions: deps.appliedVersions,
      producerReady: deps.producerReady,
      onQueued: deps.onQueued,
      now: deps.now,
      limit: deps.replayLimit,
      metrics: deps.metrics,
    });
    this.live = { controls: this.controls, progress: this.progress };
  }

  /** Starts reading once `kafkaConnected` resolves; does not wait for it. */
  start(kafkaConnected: Promise<void>): void {
    this.progress.start();
    void kafkaConnected.then(() => this.startReader());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.progress.stop().catch(() => undefined);
    await this.reader?.stop().catch(() => undefined);
  }

  // A method, so the check after an await reads the field afresh (close() may have run meanwhile).
  private isClosed(): boolean {
    return this.closed;
  }

  private async startReader(): Promise<void> {
    if (this.closed) return;
    // A new reader each attempt (a consumer that failed to start is not started again).
    const reader = new ControlReader({
      client: this.deps.client,
      sender: this.deps.sender,
      groupPrefix: this.deps.groupPrefix,
      deadLetterTopic: this.deps.deadLetterTopic,
      logger: this.deps.logger,
      controls: this.controls,
    });
    this.reader = reader;
    try {
      await reader.start();
      this.synced = true;
      if (this.isClosed()) await reader.stop();
    } catch (error) {
      this.deps.logger.warn(
        { error: errorMessage(error) },
        'The target controls could not be read; trying again',
      );
      await reader.abort().catch(() => undefined);
      this.retry = setTimeout(() => void this.startReader(), RESTART_MS);
      this.retry.unref();
    }
  }
}
