import type { MessagingLogger } from '../logger';
import type { BatchHandler, MessageDecoder, MessageHandler } from './consumed-message';
import type { LagGauge } from './lag-reporter';
import type { FetchPolicy } from './fetch-policy';
import type { CommitPolicy } from './pending-commits';
import type { HandlerRetryPolicy } from './retry-delay';

export interface TopicPartitions {
  readonly topic: string;
  /** Omit for every partition of the topic. */
  readonly partitions?: readonly number[];
}

/** Exactly one: a handler per message, or a handler per slice of a partition. */
export type ConsumerHandling<V, H> =
  | {
      readonly handler: MessageHandler<V, H>;
      /**
       * How many different keys of one partition are handled at once; each key's messages stay
       * in offset order. Default 1 (the partition strictly in order).
       */
      readonly keyConcurrency?: number;
      readonly handleBatch?: never;
    }
  | {
      /** Up to commitEvery.messages messages of a partition at a time (see BatchHandler). */
      readonly handleBatch: BatchHandler<V, H>;
      readonly handler?: never;
      readonly keyConcurrency?: never;
    };

export type ConsumerRunnerOptions<V, H> = ConsumerRunnerCommonOptions<V, H> &
  ConsumerHandling<V, H>;

export interface ConsumerRunnerCommonOptions<V, H> {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** How many partitions are handled at once (order is always kept within a key of a partition). Default 1. */
  readonly concurrency?: number;
  readonly decode: MessageDecoder<V, H>;
  /** Where undecodable messages go, raw, with hub-dlq-* headers. */
  readonly deadLetter: { readonly topic: string };
  /** Where a group without committed offsets starts; default true (earliest: nothing is skipped). */
  readonly fromBeginning?: boolean;
  /** Backoff between attempts at a message whose handler threw. */
  readonly handlerRetry?: Partial<HandlerRetryPolicy>;
  /**
   * Default: every 100 handled messages or 1 s per partition, across fetched batches (a timer
   * commits a trickle's last offsets at most `ms` later), on stop and on a rebalance.
   */
  readonly commitEvery?: Partial<CommitPolicy>;
  /** Default 10 000 (defaultSessionTimeoutMs); the broker removes a member it has not heard from for this long. */
  readonly sessionTimeoutMs?: number;
  /** Default 3 000. */
  readonly heartbeatIntervalMs?: number;
  /**
   * How long the broker holds a fetch and how much it waits for (fetch-policy.ts). Default
   * `defaultFetch`: minBytes 1 (a message is handed over as soon as it arrives), maxWaitMs 500.
   * `bookkeepingFetch` for a group no user waits on: the broker batches its fetches (64 KiB or
   * 2 s), so a trickle of messages costs one fetch per 2 s instead of one per message.
   */
  readonly fetch?: Partial<FetchPolicy>;
  /** Defaults to the client's logger. */
  readonly logger?: MessagingLogger;
  /** Jitter source for the retry backoff (tests pin it). */
  readonly random?: () => number;
  /** Where the consumer reports its lag per partition (the hub's `hub_consumer_lag`); none when omitted. */
  readonly lagGauge?: LagGauge;
}

export interface ConsumerRunner {
  /** Connects, joins the group and starts handling; resolves once running. */
  start(): Promise<void>;
  /**
   * Graceful: stops fetching, lets in-flight handlers finish, commits what they finished,
   * leaves the group and disconnects. Messages not yet handled are redelivered later.
   */
  stop(): Promise<void>;
  /**
   * At once: stops without committing anything more (in-flight handlers' results are not
   * committed; their messages are redelivered to the partition's next owner), then disconnects.
   * For fatal situations, and for tests that simulate a crash.
   */
  abort(): Promise<void>;
  /** Stops fetching these partitions; a message being retried there stops waiting and stays uncommitted. */
  pause(partitions: readonly TopicPartitions[]): void;
  resume(partitions: readonly TopicPartitions[]): void;
  paused(): TopicPartitions[];
  /**
   * Started and in its group: false from a crash until the consumer joins its group again
   * (kafkajs's own restart or the runner's), so readiness can tell a consumer that is down
   * while the process is up.
   */
  consuming(): boolean;
}
