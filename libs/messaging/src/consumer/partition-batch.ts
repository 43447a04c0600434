import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { rawHeadersOf } from '../headers/raw-headers';
import type { MessagingLogger } from '../logger';
import type {
  BatchHandler,
  ConsumedMessage,
  MessageDecoder,
  MessageHandler,
  RawMessage,
} from './consumed-message';
import { errorCodeOf } from './dead-letter';
import { finishedPrefix, groupIndexesByKey, runKeyGroups } from './key-groups';
import type { LagReporter } from './lag-reporter';
import type { PendingCommits } from './pending-commits';
import { handlerRetryDelay, type HandlerRetryPolicy } from './retry-delay';
import { unlessAborted, waitWithHeartbeat, withHeartbeats } from './waiting';

/**
 * `each`: one handler call per message, up to `keyConcurrency` keys of a partition at once
 * (1: strictly one message after the other). `batch`: one call per slice of a partition
 * (at most `sliceMessages` messages), which must make the whole slice durable or throw.
 */
export type Handling<V, H> =
  | {
      readonly kind: 'each';
      readonly handler: MessageHandler<V, H>;
      readonly keyConcurrency: number;
    }
  | { readonly kind: 'batch'; readonly handleBatch: BatchHandler<V, H> };

export interface BatchDeps<V, H> {
  readonly handling: Handling<V, H>;
  readonly decode: MessageDecoder<V, H>;
  readonly deadLetter: (raw: RawMessage, error: unknown) => Promise<void>;
  readonly retryPolicy: HandlerRetryPolicy;
  /** How many messages a slice holds (concurrent keys, batches): the commit policy's count. */
  readonly sliceMessages: number;
  readonly commits: PendingCommits;
  readonly heartbeatIntervalMs: number;
  readonly logger: MessagingLogger;
  readonly random: () => number;
  readonly signal: AbortSignal;
  readonly isPaused: (topic: string, partition: number) => boolean;
  readonly lag: LagReporter;
}

const isRetriable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;

function rawMessageOf(topic: string, partition: number, message: KafkaMessage): RawMessage {
  const { offset, key, value, timestamp } = message;
  return {
    topic,
    partition,
    offset,
    key,
    value,
    timestamp,
    headers: rawHeadersOf(message.headers),
  };
}

async function decodeMessage<V, H>(
  raw: RawMessage,
  decode: MessageDecoder<V, H>,
): Promise<ConsumedMessage<V, H>> {
  const headers = decode.headers(raw.headers, raw);
  const value = await decode.value(raw.value, raw);
  const { topic, partition, offset, timestamp } = raw;
  return {
    topic,
    partition,
    offset,
    timestamp,
    key: raw.key?.toString('utf8') ?? null,
    headers,
    value,
    rawHeaders: raw.headers,
  };
}

/**
 * One fetched batch of one partition, in offset order. A message's offset is resolved only
 * after its handler resolved (or it was dead-lettered as undecodable), and committed as
 * offset+1 by the commit policy (`PendingCommits`: now when due, else at most its `ms` later,
 * and before a first retry or a rebalance leaves the partition). A throwing handler keeps its
 * message at the head of the partition and is retried with backoff until it succeeds or the
 * runner stops, pauses the partition or loses it in a rebalance.
 *
 * With keys running concurrently, a slice's offsets are resolved up to its first message not
 * finished: a later message of another key that did finish is handled again after a restart
 * (at least once, as before), and no message runs before an earlier one of its own key.
 */
export async function processPartitionBatch<V, H>(
  payload: EachBatchPayload,
  deps: BatchDeps<V, H>,
): Promise<void> {
  const { topic, partition, messages, highWatermark } = payload.batch;
  const first = messages[0];
  if (first !== undefined) deps.lag.report(topic, partition, highWatermark, first.offset);
  const interrupted = (): boolean =>
    deps.signal.aborted ||
    !payload.isRunning() ||
    payload.isStale() ||
    deps.isPaused(topic, partition);
  const commitNow = (): Promise<void> =>
    deps.commits.commitPartition(topic, partition, (offsets) =>
      payload.commitOffsetsIfNecessary({
        topics: [
          { topic, partitions: offsets.map(({ partition, offset }) => ({ partition, offset })) },
        ],
      }),
    );
  const commitIfDue = async (): Promise<void> => {
    if (deps.commits.due(topic, partition)) await commitNow();
    else deps.commits.commitLater();
  };
  const heartbeat = async (): Promise<void> => {
    try {
      await payload.heartbeat();
    } catch (error) {
      // Usually a rebalance: keep the work done so far before the partition moves on.
      await commitNow().catch(() => undefined);
      throw error;
    }
  };

  /** Dead-letters an undecodable message; returns its decoded form, undefined, or the failure to retry. */
  const decodeOrDeadLetter = async (
    raw: RawMessage,
  ): Promise<{ message?: ConsumedMessage<V, H>; failure?: unknown }> => {
    try {
      return { message: await decodeMessage(raw, deps.decode) };
    } catch (error) {
      if (isRetriable(error)) return { failure: error };
      try {
        await deps.deadLetter(raw, error);
        deps.logger.warn(
          { topic, partition, offset: raw.offset, code: errorCodeOf(error), err: error },
          'Undecodable message sent to the dead-letter topic',
        );
        return {};
      } catch (deadLetterError) {
        return { failure: deadLetterError };
      }
    }
  };
  const run = async (work: Promise<void>): Promise<unknown> => {
    try {
      await withHeartbeats(
        unlessAborted(work, deps.signal),
        () => payload.heartbeat(),
        deps.heartbeatIntervalMs,
      );
      return undefined;
    } catch (error) {
      return error;
    }
  };
  const attempt = async (raw: RawMessage, handler: MessageHandler<V, H>): Promise<unknown> => {
    const { message, failure } = await decodeOrDeadLetter(raw);
    if (message === undefined) return failure;
    return run(handler(message, { signal: deps.signal }));
  };
  /** One batch call for the slice; a message dead-lettered once is not sent there again on a retry. */
  const attemptSlice = (raws: readonly RawMessage[], handleBatch: BatchHandler<V, H>) => {
    const deadLettered = new Set<string>();
    return async (): Promise<unknown> => {
      const decoded: ConsumedMessage<V, H>[] = [];
      for (const raw of raws) {
        if (deadLettered.has(raw.offset)) continue;
        const { message, failure } = await decodeOrDeadLetter(raw);
        if (failure !== undefined) return failure;
        if (message === undefined) deadLettered.add(raw.offset);
        else decoded.push(message);
      }
      return decoded.length === 0 ? undefined : run(handleBatch(decoded, { signal: deps.signal }));
    };
  };

  /** Attempts until done (true) or interrupted (false), with backoff, keeping the offset uncommitted. */
  const untilDone = async (offset: string, once: () => Promise<unknown>): Promise<boolean> => {
    for (let attemptNumber = 1; ; attemptNumber++) {
      const failure = await once();
      if (failure === undefined) return true;
      if (interrupted()) return false;
      if (attemptNumber === 1) await commitNow();
      const delayMs = handlerRetryDelay(attemptNumber, deps.retryPolicy, deps.random);
      deps.logger.error(
        {
          topic,
          partition,
          offset,
          attempt: attemptNumber,
          retryInMs: delayMs,
          code: errorCodeOf(failure),
          err: failure,
        },
        'Message handling failed; offset not committed, retrying the same message',
      );
      if (!(await waitWithHeartbeat(delayMs, heartbeat, interrupted, deps.signal))) return false;
    }
  };

  /** How many messages from the start of the slice are done. */
  const handleSlice = async (slice: readonly KafkaMessage[]): Promise<number> => {
    const raws = slice.map((message) => rawMessageOf(topic, partition, message));
    const { handling } = deps;
    if (handling.kind === 'batch') {
      const first = raws[0]?.offset ?? '';
      return (await untilDone(first, attemptSlice(raws, handling.handleBatch))) ? raws.length : 0;
    }
    const one = (index: number): Promise<boolean> => {
      const raw = raws[index];
      return raw === undefined
        ? Promise.resolve(false)
        : untilDone(raw.offset, () => attempt(raw, handling.handler));
    };
    if (raws.length === 1) return (await one(0)) ? 1 : 0;
    const groups = groupIndexesByKey(raws.map((raw) => raw.key?.toString('latin1') ?? null));
    const done = await runKeyGroups(groups, handling.keyConcurrency, one, interrupted);
    return finishedPrefix(done, raws.length);
  };

  // One message at a time unless keys may run concurrently or the handler takes batches.
  const sliceSize =
    deps.handling.kind === 'each' && deps.handling.keyConcurrency <= 1 ? 1 : deps.sliceMessages;
  for (let start = 0; start < messages.length; start += sliceSize) {
    if (interrupted()) break;
    const slice = messages.slice(start, start + sliceSize);
    const finished = await handleSlice(slice);
    const last = slice[finished - 1];
    if (last !== undefined) {
      payload.resolveOffset(last.offset);
      const next = (BigInt(last.offset) + 1n).toString();
      deps.lag.report(topic, partition, highWatermark, next);
      deps.commits.record(topic, partition, next, finished);
      if (deps.commits.due(topic, partition)) await commitNow();
      await heartbeat();
    }
    if (finished < slice.length) break;
  }
  await commitIfDue();
}
