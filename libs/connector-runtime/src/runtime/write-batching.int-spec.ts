import type * as Messaging from '@hub/messaging';
import type { OutgoingMessage } from '@hub/messaging';
import { TopicCollector, eventually } from '@hub/testing';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';

/** Every produce request (Producer.send) of every producer in this file, and a failure to inject. */
const produced: {
  requests: OutgoingMessage[][];
  failNext?: (request: OutgoingMessage[]) => boolean;
  failed?: OutgoingMessage[];
} = { requests: [] };

jest.mock('@hub/messaging', () => {
  const actual = jest.requireActual<typeof Messaging>('@hub/messaging');
  return {
    ...actual,
    createProducer: (...args: Parameters<typeof actual.createProducer>) => {
      const producer = actual.createProducer(...args);
      return {
        ...producer,
        send: (messages: readonly OutgoingMessage[]) => {
          const request = [...messages];
          if (produced.failNext?.(request) === true) {
            produced.failNext = undefined;
            produced.failed = request;
            produced.requests.push(request);
            return Promise.reject(
              new actual.MessagingError('PRODUCE_FAILED', 'injected: broker refused', true),
            );
          }
          produced.requests.push(request);
          return producer.send(messages);
        },
      };
    },
  };
});

describe('connector runtime: writes share produce requests (real Kafka, registry, Postgres; fake target)', () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();
  let outcomes: TopicCollector;
  const carriesOutcomes = (request: readonly OutgoingMessage[]): boolean =>
    request.some((message) => message.topic === harness.topics.deliveryOutcome);
  const outcomeRequests = (): OutgoingMessage[][] => produced.requests.filter(carriesOutcomes);
  const outcomeKinds = async (correlationId: string): Promise<unknown[]> =>
    Promise.all(
      outcomes.messages
        .filter((m) => m.headers['hub-correlation-id'] === correlationId)
        .map(
          async (m) => ((await harness.decode(m.value))['payload'] as { outcome: unknown }).outcome,
        ),
    );

  beforeAll(async () => {
    // Eight keys of a partition at once: the writes of a fetched batch run side by side.
    await harness.start(
      { write: adapter },
      { CONNECTOR_CONCURRENCY: '3', CONNECTOR_KEY_CONCURRENCY: '8' },
    );
    outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  });

  afterAll(async () => {
    await outcomes.stop();
    await harness.close();
  });

  beforeEach(() => {
    produced.requests.length = 0;
  });

  it('sends the outcomes of concurrent writes in fewer produce requests than writes', async () => {
    const events = Array.from({ length: 16 }, (_, n) => harness.inventory(`SKU-B${n}`, '1', 1_000));
    await harness.publish(events);
    await eventually(
      () => outcomes.messages.length >= events.length,
      () => `outcomes: ${outcomes.messages.length}/${events.length}`,
    );
    const requests = outcomeRequests();
    expect(requests.flat().filter((m) => m.topic === harness.topics.deliveryOutcome)).toHaveLength(
      events.length,
    );
    expect(requests.length).toBeLessThan(events.length);
    for (const event of events)
      expect(await outcomeKinds(event.correlationId)).toEqual(['succeeded']);
  });

  it('fails every write of a failed request; each is retried in place and reports once, applied once', async () => {
    const before = outcomes.messages.length;
    const events = Array.from({ length: 16 }, (_, n) => harness.inventory(`SKU-F${n}`, '1', 1_000));
    // The first request carrying several writes' outcomes fails.
    produced.failNext = (request) =>
      request.filter((message) => message.topic === harness.topics.deliveryOutcome).length > 1;
    await harness.publish(events);
    await eventually(
      () => outcomes.messages.length - before >= events.length,
      () => `outcomes: ${outcomes.messages.length - before}/${events.length}`,
    );
    const failed = produced.failed;
    const failedIds = new Set(
      (failed ?? []).map((message) => String(message.headers?.['hub-correlation-id'])),
    );
    // The request that failed carried the outcomes of several writes, not one.
    expect(failedIds.size).toBeGreaterThan(1);
    for (const event of events) {
      // Recorded as done before the outcome was sent: the repeat reports a duplicate, no second apply.
      const expected = failedIds.has(event.correlationId) ? 'duplicate' : 'succeeded';
      expect(await outcomeKinds(event.correlationId)).toEqual([expected]);
      expect(adapter.appliesOf(event.correlationId)).toBe(1);
    }
  });
});
