import { randomUUID } from 'node:crypto';
import {
  redeliveryTopic,
  retryTopic,
  systemEventIdentity,
  topics,
  valueSubject,
  type EventEnvelope,
} from '@hub/contracts';
import { deliveryOutcomeEvent, outcomeMessage } from '@hub/delivery-protocol';
import { createKafkaClient, createProducer, type Producer } from '@hub/messaging';
import { TopicCollector, testEndpoints, uniqueName } from '@hub/testing';
import { Client } from 'pg';
import { apiClient, listItems, type ApiClient } from '../testing/api-client';
import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import {
  OPERATOR_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';
import { startSchedulerProcess, type SchedulerProcess } from '../testing/scheduler-process';
import { startSimulatedConnector, type SimulatedConnector } from '../testing/simulated-connector';

const DRAIN_RATE = 10;
const BULK = 20;
// Long enough to see the bulk retry held, on a loaded machine.
const COOL_DOWN_MS = 4_000;

interface BreakerView {
  readonly state: string;
  readonly halfOpenAt?: string;
}

async function breakerOf(scheduler: SchedulerProcess, target: string): Promise<BreakerView> {
  const body = (await (await fetch(`${scheduler.url}/status`)).json()) as {
    targets: { target: string; breaker: BreakerView }[];
  };
  const status = body.targets.find((entry) => entry.target === target);
  if (status === undefined) throw new Error(`no status for ${target}`);
  return status.breaker;
}

/** When the scheduler sent each of its rows, from its own table (no Kafka latency in it). */
async function claimTimes(scheduler: SchedulerProcess): Promise<number[]> {
  const client = new Client({ connectionString: scheduler.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ done_at: string }>(
      `SELECT done_at FROM "${scheduler.schema.schema}".retry_schedule WHERE state = 'done' ORDER BY done_at`,
    );
    return result.rows.map((row) => Number(row.done_at));
  } finally {
    await client.end();
  }
}

/** The scheduler's rows for one operator retry id. */
async function scheduledCopies(scheduler: SchedulerProcess, retryId: string): Promise<number> {
  const client = new Client({ connectionString: scheduler.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM "${scheduler.schema.schema}".retry_schedule WHERE operator_retry = $1`,
      [retryId],
    );
    return Number(result.rows[0]?.count);
  } finally {
    await client.end();
  }
}

/** Claims beyond what a bucket of `burst` refilled at the drain rate allows between any two claims. */
function excessOverRate(times: readonly number[], burst: number): number {
  let worst = -Infinity;
  for (let from = 0; from < times.length; from += 1)
    for (let to = from; to < times.length; to += 1) {
      const span = (times[to] ?? NaN) - (times[from] ?? NaN);
      worst = Math.max(worst, to - from + 1 - burst - (DRAIN_RATE * span) / 1_000);
    }
  return worst;
}

describe('operator retries through the real retry scheduler (reviewer + scheduler process)', () => {
  let running: RunningReviewer;
  let fixtures: Fixtures;
  let scheduler: SchedulerProcess;
  let connector: SimulatedConnector;
  let producer: Producer;
  let api: ApiClient;

  const countWith = async (query: string): Promise<number> =>
    (await listItems(api, `target=${running.target}&${query}`)).length;

  beforeAll(async () => {
    running = await startReviewer();
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
    scheduler = await startSchedulerProcess({
      RETRY_TARGETS: JSON.stringify({ targets: [{ id: running.target, drainRate: DRAIN_RATE }] }),
      // Two retries fit the budget, a third does not.
      RETRY_SCHEDULE: '10ms',
      RETRY_MAX_AGE: '20ms',
      RETRY_BREAKER_MIN_CALLS: '2',
      RETRY_BREAKER_COOL_DOWN: `${String(COOL_DOWN_MS)}ms`,
    });
    connector = await startSimulatedConnector({
      redeliveryTopic: redeliveryTopic(running.target),
      outcomeTopics: [running.outcomeTopic, topics.deliveryOutcome],
      target: running.target,
      serde: fixtures.serde,
    });
    producer = createProducer(
      createKafkaClient({ brokers: [testEndpoints().kafkaBrokers], clientId: uniqueName('t') }),
    );
    await producer.connect();
    api = apiClient(running.url, OPERATOR_TOKEN);
  }, 150_000);

  afterAll(async () => {
    await producer.disconnect();
    await connector.stop();
    await scheduler.stop();
    await fixtures.close();
    await running.stop();
  });

  /** Two failed outcomes from the connector's main flow: the scheduler's breaker opens. */
  async function openBreaker(): Promise<BreakerView> {
    const failures = [1, 2].map(() => {
      const envelope: EventEnvelope = {
        eventId: randomUUID(),
        correlationId: `c1-${randomUUID().replace(/-/g, '')}`,
        entityType: 'inventory-level',
        entityKey: 'WH-EAST:OUTAGE',
        sourceSystem: 'wms',
        sourceRecordId: 'OUTAGE',
        sourceVersion: Date.now(),
        publishedAt: Date.now(),
      };
      const event = deliveryOutcomeEvent(
        {
          delivered: envelope,
          target: running.target,
          outcome: 'failed_transient',
          attempt: 1,
          failure: {
            code: 'HTTP_SERVER_ERROR',
            errorClass: 'transient',
            message: '503',
            httpStatus: 503,
          },
          targetCalled: true,
        },
        systemEventIdentity,
      );
      return outcomeMessage(
        event,
        fixtures.serde.encode(valueSubject(topics.deliveryOutcome), event),
      );
    });
    await producer.send(failures);
    return eventually('breaker open', async () => {
      const breaker = await breakerOf(scheduler, running.target);
      return breaker.state === 'open' ? breaker : undefined;
    });
  }

  it('holds a bulk retry while the breaker is open, then releases it at the drain rate', async () => {
    const marker = `held-${String(Date.now())}`;
    await Promise.all(
      Array.from({ length: BULK }, () =>
        fixtures.publishDeadLetter({ target: running.target, errorMessage: `${marker} down` }),
      ),
    );
    await eventually('all open', async () =>
      (await countWith(`q=${marker}&status=open&limit=200`)) === BULK ? true : undefined,
    );
    const open = await openBreaker();

    const answer = await api.post('/api/dead-letters/retry', {
      filter: { target: running.target, q: marker },
    });
    expect(answer.body).toMatchObject({ matched: BULK, retried: BULK });

    // Held for the rest of the cool-down: nothing reaches the connector. Only what was read
    // before the half-open time counts (a slow status call may end after it).
    const halfOpenAt = Date.parse(open.halfOpenAt ?? '');
    let checks = 0;
    while (Date.now() < halfOpenAt) {
      const state = (await breakerOf(scheduler, running.target)).state;
      const seen = connector.received.length;
      if (Date.now() >= halfOpenAt) break;
      expect([state, seen]).toEqual(['open', 0]);
      checks += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(checks).toBeGreaterThan(3);

    // Then one probe, and after its success the rest at no more than the drain rate.
    await eventually(
      'all resolved',
      async () =>
        (await countWith(`q=${marker}&status=resolved&limit=200`)) === BULK ? true : undefined,
      60_000,
    );
    expect(new Set(connector.received.map((item) => item.envelope.eventId)).size).toBe(BULK);
    const drained = (await claimTimes(scheduler)).slice(1);
    expect(drained).toHaveLength(BULK - 1);
    expect(excessOverRate(drained, Math.ceil(DRAIN_RATE / 10))).toBeLessThan(1e-6);
  }, 120_000);

  it('delivers a retry of a write past its retry budget once, not dead-lettered again', async () => {
    const first = await fixtures.publishDeadLetter({
      target: running.target,
      reason: 'retries_exhausted',
    });
    const second = await fixtures.publishDeadLetter({
      target: running.target,
      reason: 'retries_exhausted',
      after: first,
    });
    await fixtures.publishDeadLetter({
      target: running.target,
      reason: 'retries_exhausted',
      after: second,
    });
    const item = await eventually('item with 3 attempts', async () => {
      const detail = await api.get(
        `/api/dead-letters?target=${running.target}&entityKey=${encodeURIComponent(first.original.entityKey)}`,
      );
      const [listed] = (detail.body.items ?? []) as { id: string }[];
      if (listed === undefined) return undefined;
      const full = await api.get(`/api/dead-letters/${listed.id}`);
      return (full.body.attempts as unknown[]).length === 3 ? listed : undefined;
    });

    expect((await api.post(`/api/dead-letters/${item.id}/retry`)).status).toBe(202);
    await eventually('resolved', async () => {
      const detail = await api.get(`/api/dead-letters/${item.id}`);
      return detail.body.status === 'resolved' ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const deliveries = connector.received.filter(
      (message) => message.envelope.eventId === first.original.eventId,
    );
    expect(deliveries.map((message) => message.attempt)).toEqual([4]);
  }, 60_000);

  // The relay publishes a row again when it dies between the send and the delete's commit
  // (redelivery-relay.ts): the copy carries the same hub-operator-retry id.
  it('schedules an operator retry published twice once, so the connector gets it once', async () => {
    const published = await fixtures.publishDeadLetter({ target: running.target });
    const item = await eventually('item', async () => {
      const [listed] = await listItems(
        api,
        `target=${running.target}&entityKey=${encodeURIComponent(published.original.entityKey)}`,
      );
      return listed;
    });
    const onRetryTopic = await TopicCollector.start(retryTopic(running.target));
    try {
      expect((await api.post(`/api/dead-letters/${item.id}/retry`)).status).toBe(202);
      const sent = await eventually('the relay to publish the retry', () =>
        Promise.resolve(
          onRetryTopic.messages.find(
            (message) => message.headers['hub-event-id'] === published.original.eventId,
          ),
        ),
      );
      await producer.send([
        {
          topic: retryTopic(running.target),
          key: sent.key,
          value: sent.value,
          headers: sent.headers,
        },
      ]);
      const retryId = sent.headers['hub-operator-retry'] ?? '';
      await eventually('resolved', async () => {
        const detail = await api.get(`/api/dead-letters/${item.id}`);
        return detail.body.status === 'resolved' ? true : undefined;
      });
      // Long enough for the scheduler (polling every 10 ms) to take in and pass on a second row.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await scheduledCopies(scheduler, retryId)).toBe(1);
      const deliveries = connector.received.filter(
        (message) => message.envelope.eventId === published.original.eventId,
      );
      expect(deliveries).toHaveLength(1);
    } finally {
      await onRetryTopic.stop();
    }
  }, 60_000);
});
