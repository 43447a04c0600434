import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { rawHeadersOf } from '../headers/raw-headers';
import type { MessagingLogger } from '../logger';
import type {
  ConsumedMessage,
  MessageDecoder,
  MessageHandler,
  RawMessage,
} from './consumed-message';
import { errorCodeOf } from './dead-letter';
import type { LagReporter } from './lag-reporter';
import { handlerRetryDelay, type HandlerRetryPolicy } from './retry-delay';
import { unlessAborted, waitWithHeartbeat, withHeartbeats } from './waiting';

export interface CommitPolicy {
  /** Commit after this many handled messages of a partition... */
  readonly messages: number;
  /** ...or when this long passed since the partition's last commit (ms); always at the end of a batch. */
  readonly ms: number;
}

export interface BatchDeps<V, H> {
  readonly handler: MessageHandler<V, H>;
  readonly decode: MessageDecoder<V, H>;
  readonly deadLetter: (raw: RawMessage, error: unknown) => Promise<void>;
  readonly retryPolicy: HandlerRetryPolicy;
  readonly commitPolicy: CommitPolicy;
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
 * offset+1 by the commit policy and before the batch is left. A throwing handler keeps its
 * message at the head of the partition and is retried with backoff until it succeeds or the
 * runner stops, pauses the partition or loses it in a rebalance.
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
  let uncommitted: string | undefined;
  let sinceCommit = 0;
  let lastCommitAt = Date.now();

  const commit = async (): Promise<void> => {
    if (uncommitted === undefined || deps.signal.aborted) return;
    const offset = uncommitted;
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic, partitions: [{ partition, offset }] }],
    });
    uncommitted = undefined;
    sinceCommit = 0;
    lastCommitAt = Date.now();
  };
  const heartbeat = async (): Promise<void> => {
    try {
      await payload.heartbeat();
    } catch (error) {
      // Usually a rebalance: keep the work done so far before the partition moves on.
      await commit().catch(() => undefined);
      throw error;
    }
  };

  const attempt = async (raw: RawMessage): Promise<unknown> => {
    let decoded: ConsumedMessage<V, H>;
    try {
      decoded = await decodeMessage(raw, deps.decode);
    } catch (error) {
      if (isRetriable(error)) return error;
      try {
        await deps.deadLetter(raw, error);
        deps.logger.warn(
          { topic, partition, offset: raw.offset, code: errorCodeOf(error), err: error },
          'Undecodable message sent to the dead-letter topic',
        );
        return undefined;
      } catch (deadLetterError) {
        return deadLetterError;
      }
    }
    try {
      await withHeartbeats(
        unlessAborted(deps.handler(decoded, { signal: deps.signal }), deps.signal),
        () => payload.heartbeat(),
        deps.heartbeatIntervalMs,
      );
      return undefined;
    } catch (error) {
      return error;
    }
  };

  const handleUntilDone = async (message: KafkaMessage): Promise<boolean> => {
    const raw = rawMessageOf(topic, partition, message);
    for (let attemptNumber = 1; ; attemptNumber++) {
      const failure = await attempt(raw);
      if (failure === undefined) return true;
      if (interrupted()) return false;
      if (attemptNumber === 1) await commit();
      const delayMs = handlerRetryDelay(attemptNumber, deps.retryPolicy, deps.random);
      deps.logger.error(
        {
          topic,
          partition,
          offset: raw.offset,
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

  for (const message of messages) {
    if (interrupted()) break;
    if (!(await handleUntilDone(message))) break;
    payload.resolveOffset(message.offset);
    uncommitted = (BigInt(message.offset) + 1n).toString();
    deps.lag.report(topic, partition, highWatermark, uncommitted);
    sinceCommit += 1;
    if (
      sinceCommit >= deps.commitPolicy.messages ||
      Date.now() - lastCommitAt >= deps.commitPolicy.ms
    )
      await commit();
    await heartbeat();
  }
  await commit();
}
