/** Delivery outcomes (as their `outcome` values) and dead letters of one event, on the kit's readers. */
import * as shared from '@hub/connector-testing';
import type { DeadLetterEvent } from '@hub/contracts';
import { eventually, type TopicCollector } from '@hub/testing';
import type { FoHarness } from './fo-harness';

export { redeliverRetryOf } from '@hub/connector-testing';

export async function outcomesOf(
  harness: FoHarness,
  outcomes: TopicCollector,
  correlationId: string,
  count: number,
): Promise<string[]> {
  return (await shared.outcomesOf(harness, outcomes, correlationId, count)).map((p) => p.outcome);
}

export async function deadLetterOf(
  harness: FoHarness,
  dlq: TopicCollector,
  correlationId: string,
): Promise<DeadLetterEvent['payload']> {
  const mine = () => dlq.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => mine().length > 0,
    () => `a dead letter for ${correlationId}`,
  );
  const letter = await harness.decode(mine()[0]?.value ?? null);
  return (letter as unknown as DeadLetterEvent).payload;
}
