import { TransientError } from '@hub/resilience';
import { metricsText, createMetrics, createRegistry } from '@hub/observability';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { TopicCollector, eventually } from '@hub/testing';

describe('connector runtime breaker (real stack; fake target)', () => {
  const harness = new RuntimeHarness();
  const registry = createRegistry();
  harness.metrics = createMetrics(registry);
  const adapter = new FakeWriteAdapter();
  let retries: TopicCollector;
  let outcomes: TopicCollector;

  beforeAll(async () => {
    await harness.start(
      { write: adapter },
      {
        CONNECTOR_BREAKER_MINIMUM_CALLS: '3',
        CONNECTOR_BREAKER_FAILURE_RATE: '1',
        CONNECTOR_BREAKER_COOL_DOWN: '10m',
        CONNECTOR_CONCURRENCY: '1',
      },
    );
    [retries, outcomes] = await Promise.all([
      TopicCollector.start(harness.topics.retry),
      TopicCollector.start(harness.topics.deliveryOutcome),
    ]);
  });

  afterAll(async () => {
    await Promise.all([retries.stop(), outcomes.stop()]);
    await harness.close();
  });

  it('opens after three transient failures and then routes writes to the retry topic with CIRCUIT_OPEN, without calling the target', async () => {
    const failing = ['F1', 'F2', 'F3'].map((sku) => {
      adapter.script(`WH1:SKU-${sku}`, {
        fail: new TransientError('ERP_UNAVAILABLE', 'connection refused'),
      });
      return harness.inventory(`SKU-${sku}`, '1', 1_000);
    });
    await harness.publish(failing);
    await eventually(
      () => retries.messages.length === 3,
      () => `${retries.messages.length} retries`,
    );
    expect(adapter.applyCalls).toHaveLength(3);

    const blocked = harness.inventory('SKU-AFTER', '1', 1_000);
    await harness.publish([blocked]);
    await eventually(
      () => retries.messages.length === 4,
      () => `${retries.messages.length} retries`,
    );
    const retry = retries.messages.find(
      (m) => m.headers['hub-correlation-id'] === blocked.correlationId,
    );
    expect(JSON.parse(retry?.headers['hub-history'] ?? '[]')).toEqual([
      expect.objectContaining({ code: 'CIRCUIT_OPEN', errorClass: 'transient' }),
    ]);
    expect(adapter.appliesOf(blocked.correlationId)).toBe(0);
    await eventually(
      () =>
        outcomes.messages.some((m) => m.headers['hub-correlation-id'] === blocked.correlationId),
      () => 'no outcome for the blocked write',
    );
    const outcome = outcomes.messages.find(
      (m) => m.headers['hub-correlation-id'] === blocked.correlationId,
    );
    expect((await harness.decode(outcome?.value ?? null))['payload']).toMatchObject({
      outcome: 'failed_transient',
      failure: { code: 'CIRCUIT_OPEN', errorClass: 'transient' },
    });
    expect(await metricsText(registry)).toContain(
      `hub_breaker_state{target="${harness.system}"} 2`,
    );
  });
});

describe('connector runtime rate limit (real stack; fake target)', () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();

  afterAll(async () => {
    await harness.close();
  });

  it('calls the target no faster than CONNECTOR_RATE_LIMIT_RPS across partitions', async () => {
    await harness.start(
      { write: adapter },
      {
        CONNECTOR_RATE_LIMIT_RPS: '10',
        CONNECTOR_RATE_LIMIT_BURST: '1',
        CONNECTOR_CONCURRENCY: '3',
      },
    );
    const events = Array.from({ length: 11 }, (_, i) => harness.inventory(`SKU-R${i}`, '1', 1_000));
    await harness.publish(events);
    await eventually(
      () => adapter.applyCalls.length === 11,
      () => `${adapter.applyCalls.length} applies`,
    );
    const times = adapter.applyCalls.map((call) => call.at).sort((a, b) => a - b);
    const spanMs = (times.at(-1) ?? 0) - (times[0] ?? 0);
    // 10 intervals at 10/s: 1 s; a little slack for timer granularity.
    expect(spanMs).toBeGreaterThanOrEqual(950);
    expect(spanMs).toBeLessThan(10_000);
  });
});
