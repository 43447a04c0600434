/** Retry messages as the retry-topic consumer hands them over, for tests without Kafka. */
import { recordFailure, retryMessage } from '@hub/delivery-protocol';
import type { ConsumedMessage, RawHeaders } from '@hub/messaging';
import { retryMessageDecoder, type RetryHeaders } from '../scheduling/retry-intake';
import { transientFailure, type TestWrite } from './fake-connector';

let offset = 0;

/** The first failure of `write` at `at`, consumed from the target's retry topic at the next offset. */
export function consumedRetry(
  write: TestWrite,
  target: string,
  at = Date.now(),
): ConsumedMessage<Buffer, RetryHeaders> {
  offset += 1;
  const context = recordFailure(undefined, target, { failure: transientFailure, at });
  const message = retryMessage(
    { key: write.key, value: write.value, rawHeaders: write.headers },
    context,
  );
  const rawHeaders = message.headers as RawHeaders;
  const raw = {
    topic: message.topic,
    partition: 0,
    offset: String(offset),
    key: Buffer.from(write.key),
    value: write.value,
    headers: rawHeaders,
    timestamp: String(at),
  };
  return {
    topic: message.topic,
    partition: 0,
    offset: raw.offset,
    key: write.key,
    headers: retryMessageDecoder.headers(rawHeaders, raw),
    value: write.value,
    rawHeaders,
    timestamp: String(at),
  };
}
