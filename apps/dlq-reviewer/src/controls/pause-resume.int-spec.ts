/**
 * The whole path of a pause: the reviewer's API writes the order, a real connector runtime
 * (in process, with a target that counts what it is asked to write) holds the writes and
 * sends them to the retry queue, the real retry scheduler (a process) keeps them; resume
 * releases them and every write reaches the target exactly once.
 */
import { defineConfig } from '@hub/config';
import {
  connectorRuntimeSettings,
  createConnectorRuntime,
  type AnyCanonicalEvent,
  type ConnectorRuntime,
  type WriteAdapter,
  type WriteResult,
} from '@hub/connector-runtime';
import { canonicalTopics, createEvent, systemEventIdentity, valueSubject } from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  type Producer,
} from '@hub/messaging';
import { createLogger, createMetrics, createRegistry } from '@hub/observability';
import { parsePolicy } from '@hub/ownership';
import { createTestSchema, testEndpoints, uniqueName, type TestSchema } from '@hub/testing';
import { apiClient } from '../testing/api-client';
import {
  OPERATOR_TOKEN,
  VIEWER_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';
import { startSchedulerProcess, type SchedulerProcess } from '../testing/scheduler-process';

/** A target that remembers every write it is asked for, and finds a prior one by correlation id. */
class CountingTarget implements WriteAdapter {
  readonly writes = ['inventory-level'] as const;
  readonly applied: string[] = [];

  apply(event: AnyCanonicalEvent): Promise<WriteResult> {
    this.applied.push(event.correlationId);
    return Promise.resolve({ targetReference: `DOC-${String(this.applied.length)}` });
  }

  findPriorWrite(event: AnyCanonicalEvent): Promise<WriteResult | undefined> {
    const index = this.applied.indexOf(event.correlationId);
    return Promise.resolve(index < 0 ? undefined : { targetReference: `DOC-${String(index + 1)}` });
  }
}

const pendingOf = async (scheduler: SchedulerProcess, target: string): Promise<number> => {
  const body = (await (await fetch(`${scheduler.url}/status`)).json()) as {
    targets: { target: string; pending: number }[];
  };
  return body.targets.find((entry) => entry.target === target)?.pending ?? -1;
};

interface StateRow {
  readonly target: string | null;
  readonly control: { paused: boolean } | null;
  readonly scheduler: { pending: number; oldestFirstFailureAt: string | null } | null;
  readonly flow: { lag: number; ratePerSecond: number | null } | null;
}

describe('pause and resume a target end to end', () => {
  let running: RunningReviewer;
  let scheduler: SchedulerProcess;
  let runtime: ConnectorRuntime;
  let schema: TestSchema;
  let producer: Producer;
  const target = new CountingTarget();
  const source = uniqueName('wms').toLowerCase();
  const canonicalTopic = uniqueName('ctl-inventory');
  const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
  const started: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const system = uniqueName('ctl')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
    scheduler = await startSchedulerProcess({
      RETRY_TARGETS: JSON.stringify({ targets: [{ id: system }] }),
      RETRY_SCHEDULE: '200ms',
      RETRY_MAX_AGE: '1h',
    });
    started.push(() => scheduler.stop());
    running = await startReviewer(
      { DLQ_SCHEDULER_STATUS_URL: `${scheduler.url}/status` },
      { target: system },
    );
    started.push(() => running.stop());
    schema = await createTestSchema('ctl');
    started.push(() => schema.drop());
    const client = createKafkaClient({
      brokers: [testEndpoints().kafkaBrokers],
      clientId: uniqueName('ctl'),
      logger: createLogger({ service: 'ctl-kafka', level: 'silent' }),
    });
    runtime = createConnectorRuntime({
      system,
      write: target,
      policy: parsePolicy({
        systems: [
          { id: system, kind: 'odoo' },
          { id: source, kind: 'wms' },
        ],
        entityTypes: [
          { type: 'inventory-level', owner: source, receivers: [system] },
          { type: 'goods-receipt', owner: source, receivers: [system] },
          { type: 'purchase-order', owner: system, receivers: [source] },
        ],
      }),
      kafka: client,
      serde,
      database: { url: schema.databaseUrl, schema: schema.schema },
      settings: defineConfig({ connector: connectorRuntimeSettings }).load({
        CONNECTOR_SYSTEM_ID: system,
        CONNECTOR_SWEEP_MODE: 'off',
      }).connector,
      logger: createLogger({ service: 'ctl', level: 'silent' }),
      metrics: createMetrics(createRegistry()),
      topics: {
        canonical: { 'inventory-level': canonicalTopic },
        deliveryOutcome: running.outcomeTopic,
        deadLetter: running.deadLetterTopic,
      },
      ensureTopics: { partitions: 3, replicationFactor: 1 },
    });
    await runtime.start();
    started.push(() => runtime.stop());
    producer = createProducer(client);
    await producer.connect();
    started.push(() => producer.disconnect());
  }, 120_000);

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
  });

  const stateOf = async (system: string): Promise<StateRow | undefined> => {
    const answer = await apiClient(running.url, VIEWER_TOKEN).get('/api/targets');
    return (answer.body.targets as StateRow[]).find((row) => row.target === system);
  };

  const publish = async (count: number): Promise<string[]> => {
    const events = Array.from({ length: count }, (_, index) =>
      createEvent(
        'inventory-level',
        {
          sourceSystem: source,
          sourceRecordId: uniqueName('SKU'),
          sourceVersion: Date.now() + index,
          payload: {
            sku: uniqueName('SKU'),
            warehouse: 'WH1',
            quantityOnHand: String(index + 1),
            unitOfMeasure: 'PCS',
            asOf: Date.now(),
          },
        },
        systemEventIdentity,
      ),
    );
    await producer.send(
      events.map((event) => ({
        topic: canonicalTopic,
        key: event.entityKey,
        value: serde.encode(valueSubject(canonicalTopics['inventory-level']), event),
        headers: encodeHubHeaders({
          correlationId: event.correlationId,
          sourceSystem: event.sourceSystem,
          entityType: event.entityType,
          entityKey: event.entityKey,
          sourceVersion: event.sourceVersion,
          eventId: event.eventId,
        }),
      })),
    );
    return events.map((event) => event.correlationId);
  };

  it('holds every write in the retry queue while paused, then applies each exactly once after resume', async () => {
    const api = apiClient(running.url, OPERATOR_TOKEN);
    const system = running.target;
    await eventually('the pause accepted', async () => {
      const answer = await api.post(`/api/targets/${system}/pause`, { note: 'maintenance' });
      return answer.status === 200 ? answer : undefined;
    });
    await eventually('the connector paused', () =>
      Promise.resolve(runtime.status().control.paused ? true : undefined),
    );

    const held = await publish(6);
    await eventually('six writes waiting at the scheduler', async () =>
      (await pendingOf(scheduler, system)) === 6 ? true : undefined,
    );
    // Well past the 200 ms retry step: still nothing written, still six waiting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(target.applied).toEqual([]);
    expect(await pendingOf(scheduler, system)).toBe(6);
    // The state in one call: the orders, the scheduler's six, the connector's lag (read from
    // committed offsets, which trail the handled ones by up to a second).
    const whilePaused = await eventually('no lag while paused', async () => {
      const row = await stateOf(system);
      return row?.flow?.lag === 0 ? row : undefined;
    });
    expect(whilePaused).toMatchObject({
      control: { paused: true, breaker: 'auto', changedBy: 'ops-bot' },
      scheduler: { breaker: 'closed', pending: 6 },
      flow: { lag: 0 },
    });
    expect(whilePaused.scheduler?.oldestFirstFailureAt).not.toBeNull();

    await api.post(`/api/targets/${system}/resume`, { note: 'maintenance over' });
    await eventually('every held write applied', () =>
      Promise.resolve(target.applied.length >= 6 ? true : undefined),
    );
    await eventually('nothing left at the scheduler', async () =>
      (await pendingOf(scheduler, system)) === 0 ? true : undefined,
    );
    const fresh = await publish(2);
    await eventually('writes flow again', () =>
      Promise.resolve(target.applied.length >= 8 ? true : undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...target.applied].sort()).toEqual([...held, ...fresh].sort());
    const flowing = await eventually('a rate and no lag in the state', async () => {
      const row = await stateOf(system);
      return (row?.flow?.ratePerSecond ?? 0) > 0 &&
        row?.scheduler?.pending === 0 &&
        row.flow?.lag === 0
        ? row
        : undefined;
    });
    expect(flowing).toMatchObject({ control: { paused: false }, flow: { lag: 0 } });
  });
});
