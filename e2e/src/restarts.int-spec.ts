/**
 * Restarts of the stack while events flow (issue 8). The shared stack must never be stopped
 * (other suites use it), so this hub runs against a Postgres cluster and a Kafka broker of its
 * own, each stopped and started again on the same ports and data; the schema registry stays
 * the shared one. With its own broker the hub also never sees another run's events. Every app
 * has to find its way back by itself.
 */
import {
  deadLetterStep,
  purchaseOrderStep,
  seedWorld,
  startHub,
  type Hub,
  type StoryWorld,
} from '@hub/demo';
import {
  startPrivateKafka,
  type PrivateKafka,
  startPrivatePostgres,
  type PrivatePostgres,
} from '@hub/local-stack';
import { testEndpoints } from '@hub/testing';
import { failedChecks, hubStartTimeoutMs } from './hub-fixture';
import { oneWriteThroughRetryScheduler } from './recovery-probes';
import { levelsAcrossRestart, type Restartable } from './restart-flow';

/**
 * 60 levels over ~10 s, more if the restart outlasts them; the component is down from the
 * 25th for 3 s plus its stop and start.
 */
async function expectLevelsSurviveRestartOf(world: StoryWorld, component: Restartable) {
  const skus = world.skus.slice(0, 20);
  const result = await levelsAcrossRestart(world, {
    skus,
    events: 60,
    intervalMs: 150,
    restartAfterEvents: 25,
    component,
    downMs: 3_000,
  });
  expect(result.sent).toBeGreaterThanOrEqual(60);
  expect(result.accepted).toBe(result.sent);
  // Levels really sent between stop() returning and start() returning.
  expect(result.outageMs).toBeGreaterThanOrEqual(3_000);
  expect(result.sentDuringRestart).toBeGreaterThan(0);
  expect(result.left).toEqual([]);
  // What Odoo applied: no correlation id and no level (each has its own quantity) twice, no
  // older level after a newer one; a newer level may supersede an older one unapplied.
  expect(result.appliedTwice).toEqual([]);
  expect(result.bookedTwice).toEqual([]);
  expect(result.unknownBooked).toEqual([]);
  expect(result.olderAfterNewer).toEqual([]);
  expect(result.applies).toBeGreaterThanOrEqual(skus.length);
}

describe('restarts of Postgres and of the Kafka broker while events flow', () => {
  let postgres: PrivatePostgres | undefined;
  let kafka: PrivateKafka | undefined;
  let hub: Hub | undefined;
  let world: StoryWorld | undefined;

  beforeAll(async () => {
    [postgres, kafka] = await Promise.all([startPrivatePostgres('e2e-pg-'), startPrivateKafka()]);
    hub = await startHub({
      stack: {
        ...testEndpoints(),
        databaseUrl: postgres.databaseUrl,
        kafkaBrokers: kafka.brokers,
      },
      isolatedSystems: true,
      dropSchemasOnStop: true,
    });
    world = await seedWorld(hub);
  }, hubStartTimeoutMs);

  afterAll(async () => {
    await hub?.stop();
    await Promise.all([postgres?.destroy(), kafka?.destroy()]);
  }, 60_000);

  const started = (): { world: StoryWorld; postgres: PrivatePostgres; kafka: PrivateKafka } => {
    if (!world || !postgres || !kafka) throw new Error('hub not started');
    return { world, postgres, kafka };
  };

  it('Postgres: no accepted level lost, none written twice, Odoo equals the WMS', async () => {
    const { world: running, postgres: cluster } = started();
    await expectLevelsSurviveRestartOf(running, cluster);
  }, 120_000);

  it('Kafka: no accepted level lost, none written twice, Odoo equals the WMS', async () => {
    const { world: running, kafka: broker } = started();
    await expectLevelsSurviveRestartOf(running, broker);
  }, 120_000);

  // Readiness does not prove every path works, so each app's Kafka path is used once more.
  it('afterwards every app still consumes and produces', async () => {
    const { world: running } = started();
    // Odoo read path, connector-http to the WMS.
    expect(failedChecks(await purchaseOrderStep(running))).toEqual([]);
    // connector-odoo to the retry topic, the retry scheduler back to the redelivery topic.
    const retried = await oneWriteThroughRetryScheduler(running, running.skus[30] ?? '');
    expect(retried).toMatchObject({ status: 202, left: [], retries: 1, quants: [1] });
    expect(retried.redelivered).toBeGreaterThanOrEqual(1);
    // The dead-letter topic to the reviewer, and its retry back through the connector.
    expect(failedChecks(await deadLetterStep(running))).toEqual([]);
  }, 150_000);
});
