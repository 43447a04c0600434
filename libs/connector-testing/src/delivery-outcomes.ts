/** The delivery outcomes a connector published for one event, read off the outcome topic. */
import type { DeliveryOutcomeEvent } from '@hub/contracts';
import { eventually, type TopicCollector } from '@hub/testing';
import type { RawMessage } from './connector-bench';

export type OutcomePayload = DeliveryOutcomeEvent['payload'];

interface Decoder {
  decode(value: Buffer | null): Promise<Record<string, unknown>>;
}

/** Waits for at least `count` outcomes of `correlationId`, then decodes them in order. */
export async function outcomesOf(
  bench: Decoder,
  outcomes: TopicCollector,
  correlationId: string,
  count: number,
): Promise<OutcomePayload[]> {
  const mine = () =>
    outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => mine().length >= count,
    () => `${count} outcome(s) for ${correlationId}, got ${outcomes.messages.length} in all`,
  );
  const decoded = await Promise.all(mine().map((m) => bench.decode(m.value)));
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload);
}

/** Hands the retry-topic messages of `correlationId` to the redelivery topic, as the retry scheduler would. */
export async function redeliverRetryOf(
  bench: { redeliver(messages: readonly RawMessage[]): Promise<void> },
  retries: TopicCollector,
  correlationId: string,
): Promise<void> {
  const retried = () =>
    retries.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => retried().length > 0,
    () => `the retry of ${correlationId}`,
  );
  await bench.redeliver(retried());
}
