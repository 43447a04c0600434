/** The delivery outcomes a connector published for one event, read off the outcome topic. */
import type { DeliveryOutcomeEvent } from '@hub/contracts';
import type { ConnectorHarness } from './connector-harness';
import { eventually, type TopicReader } from './topic-reader';

export type OutcomePayload = DeliveryOutcomeEvent['payload'];

/** Waits for at least `count` outcomes of `correlationId`, then decodes them in order. */
export async function outcomesOf(
  harness: ConnectorHarness,
  outcomes: TopicReader,
  correlationId: string,
  count: number,
): Promise<OutcomePayload[]> {
  const mine = () =>
    outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => mine().length >= count,
    () => `${count} outcome(s) for ${correlationId}, got ${outcomes.messages.length} in all`,
  );
  const decoded = await Promise.all(mine().map((m) => harness.decode(m.value)));
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload);
}

/** Hands the retry-topic messages of `correlationId` to the redelivery topic, as the retry scheduler would. */
export async function redeliverRetryOf(
  harness: ConnectorHarness,
  retries: TopicReader,
  correlationId: string,
): Promise<void> {
  const retried = () =>
    retries.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => retried().length > 0,
    () => `the retry of ${correlationId}`,
  );
  await harness.redeliver(retried());
}
