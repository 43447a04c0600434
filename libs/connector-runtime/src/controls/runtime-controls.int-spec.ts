import { controlMessage } from './control-reader';
import { defaultTargetControl, type TargetControl } from '@hub/contracts';
import { createTopicAdmin } from '@hub/messaging';
import { TransientError } from '@hub/resilience';
import { TopicCollector, eventually } from '@hub/testing';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import type { ConnectorRuntime } from '../runtime/connector-runtime-options';

describe("connector runtime under the operators' controls (real stack; fake target)", () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();
  let runtime: ConnectorRuntime;
  let retries: TopicCollector;

  const order = async (change: Partial<TargetControl>): Promise<void> => {
    const producer = await harness.connectedProducer();
    await producer.send([
      controlMessage(
        {
          ...defaultTargetControl(harness.system),
          changedAt: Date.now(),
          changedBy: 'test',
          ...change,
        },
        harness.topics.control,
      ),
    ]);
    await eventually(
      () =>
        (change.breaker ?? 'auto') === runtime.status().control.breaker &&
        (change.paused ?? false) === runtime.status().control.paused,
      () => `control ${JSON.stringify(runtime.status().control)}`,
    );
  };
  const historyOf = (correlationId: string): { code: string }[] =>
    JSON.parse(
      retries.messages.find((m) => m.headers['hub-correlation-id'] === correlationId)?.headers[
        'hub-history'
      ] ?? '[]',
    ) as { code: string }[];

  beforeAll(async () => {
    // An order written before the runtime starts is obeyed from its first write on.
    const admin = createTopicAdmin(harness.client);
    await admin.ensureTopics([
      { name: harness.topics.control, partitions: 1, replicationFactor: 1 },
    ]);
    await admin.close();
    const producer = await harness.connectedProducer();
    await producer.send([
      controlMessage(
        {
          ...defaultTargetControl(harness.system),
          breaker: 'open',
          changedAt: 1,
          changedBy: 'test',
        },
        harness.topics.control,
      ),
    ]);
    runtime = await harness.start(
      { write: adapter },
      {
        CONNECTOR_BREAKER_MINIMUM_CALLS: '2',
        CONNECTOR_BREAKER_FAILURE_RATE: '1',
        CONNECTOR_BREAKER_COOL_DOWN: '10m',
        CONNECTOR_CONCURRENCY: '1',
      },
    );
    retries = await TopicCollector.start(harness.topics.retry);
  });

  afterAll(async () => {
    await retries.stop();
    await harness.close();
  });

  it('holds writes while the breaker is forced open (read at start), and calls through an open breaker forced closed', async () => {
    expect(runtime.status().control.breaker).toBe('open');
    const held = harness.inventory('SKU-HELD', '1', 1_000);
    await harness.publish([held]);
    await eventually(
      () => retries.messages.length === 1,
      () => `${String(retries.messages.length)} retries`,
    );
    expect(adapter.applyCalls).toHaveLength(0);
    expect(historyOf(held.correlationId)).toEqual([
      expect.objectContaining({ code: 'TARGET_HELD' }),
    ]);

    // Released: two transient failures open the connector's own breaker (cool-down 10 min).
    await order({ breaker: 'auto' });
    const failing = ['F1', 'F2'].map((sku) => {
      adapter.script(`WH1:SKU-${sku}`, { fail: new TransientError('ERP_DOWN', 'refused') });
      return harness.inventory(`SKU-${sku}`, '1', 1_000);
    });
    await harness.publish(failing);
    await eventually(
      () => retries.messages.length === 3,
      () => `${String(retries.messages.length)} retries`,
    );
    expect(runtime.status().breaker).toBe('open');

    await order({ breaker: 'closed' });
    const through = harness.inventory('SKU-THROUGH', '1', 1_000);
    await harness.publish([through]);
    await eventually(
      () => adapter.appliesOf(through.correlationId) === 1,
      () => `${String(adapter.appliesOf(through.correlationId))} applies`,
    );
    expect(retries.messages).toHaveLength(3);
    expect(runtime.status().breaker).toBe('open');
  });
});
