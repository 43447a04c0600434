/** What the connector published about one event: its outcome names, its dead letter. */
import { outcomesOf } from '@hub/connector-testing';
import type { DeadLetterEvent } from '@hub/contracts';
import { eventually, type TopicCollector } from '@hub/testing';
import type { SapHarness } from './sap-harness';

/** Waits for at least `count` outcomes of `correlationId`; answers their names in order. */
export async function outcomeNames(
  harness: SapHarness,
  outcomes: TopicCollector,
  correlationId: string,
  count: number,
): Promise<string[]> {
  return (await outcomesOf(harness, outcomes, correlationId, count)).map(
    (payload) => payload.outcome,
  );
}

export async function deadLetterOf(
  harness: SapHarness,
  letters: TopicCollector,
  correlationId: string,
): Promise<DeadLetterEvent> {
  const mine = () =>
    letters.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => mine().length > 0,
    () => `a dead letter for ${correlationId}`,
  );
  return (await harness.decode(mine()[0]?.value ?? null)) as unknown as DeadLetterEvent;
}
