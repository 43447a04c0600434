/**
 * A 429 storm from F&O (resource-based throttling, Retry-After in seconds), through Kafka:
 * every write goes to the retry topic carrying F&O's Retry-After as hub-not-before, after
 * at most a request or two each (no hammering); once the storm is over each write is
 * booked once.
 */
import { inventoryLevel } from '../testing/fixtures';
import { FoHarness } from '../testing/fo-harness';
import { outcomesOf } from '../testing/outcomes';
import { TopicCollector, eventually } from '@hub/testing';

let harness: FoHarness;
let outcomes: TopicCollector;
let retries: TopicCollector;

beforeAll(async () => {
  harness = await FoHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  retries = await TopicCollector.start(harness.topics.retry);
});
afterAll(async () => {
  await outcomes.stop();
  await retries.stop();
  await harness.close();
});

const journalsOf = (correlationId: string) =>
  harness.fo.store.journals.filter((j) => j.description === correlationId);

describe('connector-dynamics-finance under throttling', () => {
  it('a 429 storm: every write goes to the retry topic with Retry-After, one request each; after it, each is booked once', async () => {
    harness.fo.addFault({ kind: 'rateLimit', retryAfterSeconds: 30 });
    const events = ['A0001', 'A0002', 'M0001'].map((sku, i) =>
      inventoryLevel(sku, String(200 + i), harness.source),
    );
    const before = harness.fo.requests.length;
    const started = Date.now();
    await harness.publish(events);
    await eventually(
      () =>
        events.every((e) =>
          retries.messages.some((m) => m.headers['hub-correlation-id'] === e.correlationId),
        ),
      () => 'every write on the retry topic',
    );
    const throttled = harness.fo.requests.slice(before).filter((r) => r.status === 429);
    expect(throttled.length).toBeLessThanOrEqual(events.length * 2);
    for (const event of events) {
      const retry = retries.messages.find(
        (m) => m.headers['hub-correlation-id'] === event.correlationId,
      );
      expect(Number(retry?.headers['hub-not-before'])).toBeGreaterThanOrEqual(started + 29_000);
    }
    harness.fo.clearFaults();
    await harness.redeliver(
      retries.messages.filter((m) =>
        events.some((e) => e.correlationId === m.headers['hub-correlation-id']),
      ),
    );
    for (const event of events) {
      await eventually(
        async () =>
          (await outcomesOf(harness, outcomes, event.correlationId, 1)).includes('succeeded'),
        () => `${event.correlationId} succeeded after the storm`,
      );
      expect(journalsOf(event.correlationId).map((j) => j.posted)).toEqual([true]);
    }
  });
});
