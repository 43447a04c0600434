/**
 * Restart of the Kafka broker while events flow (issue 8). The shared broker must never be
 * stopped (other suites use it), so the hub runs against a broker of its own that the test
 * stops and starts again on the same ports and data dir; schema registry and Postgres stay
 * the shared ones. Every app has to find its way back to the broker by itself.
 */
import {
  deadLetterStep,
  purchaseOrderStep,
  seedWorld,
  sleep,
  startHub,
  type Hub,
  type StoryWorld,
} from '@hub/demo';
import { startPrivateKafka, type PrivateKafka } from '@hub/local-stack';
import { testEndpoints } from '@hub/testing';
import { failedChecks, hubStartTimeoutMs } from './hub-fixture';
import { oneWriteThroughRetryScheduler } from './recovery-probes';
import { levelsAcrossRestart } from './restart-flow';

describe('restart of the Kafka broker while events flow', () => {
  let kafka: PrivateKafka | undefined;
  let hub: Hub | undefined;
  let world: StoryWorld | undefined;

  beforeAll(async () => {
    kafka = await startPrivateKafka();
    hub = await startHub({
      stack: { ...testEndpoints(), kafkaBrokers: kafka.brokers },
      isolatedSystems: true,
      dropSchemasOnStop: true,
    });
    world = await seedWorld(hub);
  }, hubStartTimeoutMs);

  afterAll(async () => {
    await hub?.stop();
    await kafka?.destroy();
  }, 60_000);

  it('no accepted level lost, none written twice, Odoo equals the WMS', async () => {
    const broker = kafka;
    if (!world || !broker) throw new Error('hub not started');
    const skus = world.skus.slice(0, 20);
    const result = await levelsAcrossRestart(world, {
      skus,
      events: 60,
      intervalMs: 150,
      restartAfterEvents: 25,
      restart: async () => {
        await broker.stop();
        await sleep(3_000);
        await broker.start();
      },
    });
    expect(result.accepted).toBe(60);
    expect(result.sentDuringRestart).toBeGreaterThan(0);
    expect(result.left).toEqual([]);
    expect(new Set(result.quants)).toEqual(new Set([1]));
    // Each accepted level is applied at most once; a newer level may supersede an older one.
    expect(result.applies).toBeLessThanOrEqual(60);
    expect(result.applies).toBeGreaterThanOrEqual(skus.length);
  }, 120_000);

  // Readiness does not cover every consumer, so each app's Kafka path is used once more.
  it('afterwards every app still consumes and produces', async () => {
    if (!world) throw new Error('hub not started');
    // Odoo read path, connector-http to the WMS.
    expect(failedChecks(await purchaseOrderStep(world))).toEqual([]);
    // connector-odoo to the retry topic, the retry scheduler back to the redelivery topic.
    const retried = await oneWriteThroughRetryScheduler(world, world.skus[30] ?? '');
    expect(retried).toMatchObject({ status: 202, left: [], retries: 1, quants: [1] });
    expect(retried.redelivered).toBeGreaterThanOrEqual(1);
    // The dead-letter topic to the reviewer, and its retry back through the connector.
    expect(failedChecks(await deadLetterStep(world))).toEqual([]);
  }, 150_000);
});
