/** What the connector published about one event: its delivery outcomes, its dead letter, its retries handed back. */
import type { DeadLetterEvent, DeliveryOutcomeEvent } from '@hub/contracts';
import type { SapHarness } from './sap-harness';
import { until, type TopicWatch } from './topic-watch';

const of = (watch: TopicWatch, correlationId: string) =>
  watch.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);

/** Waits for at least `count` outcomes of `correlationId`; answers their outcome names in order. */
export async function outcomesOf(
  harness: SapHarness,
  watch: TopicWatch,
  correlationId: string,
  count: number,
): Promise<string[]> {
  await until(
    () => of(watch, correlationId).length >= count,
    () => `${count} outcome(s) for ${correlationId}, got ${of(watch, correlationId).length}`,
  );
  const decoded = await Promise.all(of(watch, correlationId).map((m) => harness.decode(m.value)));
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload.outcome);
}

export async function deadLetterOf(
  harness: SapHarness,
  watch: TopicWatch,
  correlationId: string,
): Promise<DeadLetterEvent> {
  await until(
    () => of(watch, correlationId).length > 0,
    () => `a dead letter for ${correlationId}`,
  );
  return (await harness.decode(
    of(watch, correlationId)[0]?.value ?? null,
  )) as unknown as DeadLetterEvent;
}

/** Hands the retry-topic messages of `correlationId` to the redelivery topic, as the retry scheduler would. */
export async function redeliverRetryOf(
  harness: SapHarness,
  retries: TopicWatch,
  correlationId: string,
): Promise<void> {
  await until(
    () => of(retries, correlationId).length > 0,
    () => `the retry of ${correlationId}`,
  );
  await harness.redeliver(of(retries, correlationId));
}
