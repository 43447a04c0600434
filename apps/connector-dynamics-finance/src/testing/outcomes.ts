/** Delivery outcomes and dead letters a connector published for one event, read off their topics. */
import type { DeadLetterEvent, DeliveryOutcomeEvent } from '@hub/contracts';
import type { FoHarness } from './fo-harness';
import { eventually, type TopicReader } from './topic-reader';

const of = (reader: TopicReader, correlationId: string) =>
  reader.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);

/** Waits for at least `count` outcomes of `correlationId`; answers their `outcome` in order. */
export async function outcomesOf(
  harness: FoHarness,
  outcomes: TopicReader,
  correlationId: string,
  count: number,
): Promise<string[]> {
  await eventually(
    () => of(outcomes, correlationId).length >= count,
    () => `${count} outcome(s) for ${correlationId}, got ${outcomes.messages.length} in all`,
  );
  const decoded = await Promise.all(
    of(outcomes, correlationId).map((m) => harness.decode(m.value)),
  );
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload.outcome);
}

export async function deadLetterOf(
  harness: FoHarness,
  dlq: TopicReader,
  correlationId: string,
): Promise<DeadLetterEvent['payload']> {
  await eventually(
    () => of(dlq, correlationId).length > 0,
    () => `a dead letter for ${correlationId}`,
  );
  const letter = await harness.decode(of(dlq, correlationId)[0]?.value ?? null);
  return (letter as unknown as DeadLetterEvent).payload;
}

/** Hands the retry-topic messages of `correlationId` to the redelivery topic, as the retry scheduler would. */
export async function redeliverRetryOf(
  harness: FoHarness,
  retries: TopicReader,
  correlationId: string,
): Promise<void> {
  await eventually(
    () => of(retries, correlationId).length > 0,
    () => `the retry of ${correlationId}`,
  );
  await harness.redeliver(of(retries, correlationId));
}
