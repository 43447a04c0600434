/**
 * Restarts of the stack while events flow (issue 8). The shared stack must never be stopped
 * (other suites use it), so the hub runs against a Postgres of its own that the test stops
 * and starts again on the same port and data directory.
 */
import { seedWorld, sleep, startHub, type Hub, type StoryWorld } from '@hub/demo';
import { testEndpoints } from '@hub/testing';
import { hubStartTimeoutMs } from './hub-fixture';
import { createPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { levelsAcrossRestart } from './restart-flow';

describe('restart of Postgres while events flow', () => {
  let postgres: PrivatePostgres | undefined;
  let hub: Hub | undefined;
  let world: StoryWorld | undefined;

  beforeAll(async () => {
    postgres = await createPrivatePostgres();
    hub = await startHub({
      stack: { ...testEndpoints(), databaseUrl: postgres.databaseUrl },
      isolatedSystems: true,
      dropSchemasOnStop: true,
    });
    world = await seedWorld(hub);
  }, hubStartTimeoutMs);

  afterAll(async () => {
    await hub?.stop();
    await postgres?.destroy();
  }, 60_000);

  it('no accepted level lost, none written twice, Odoo equals the WMS', async () => {
    const cluster = postgres;
    if (!world || !cluster) throw new Error('hub not started');
    const skus = world.skus.slice(0, 20);
    const result = await levelsAcrossRestart(world, {
      skus,
      events: 60,
      intervalMs: 150,
      restartAfterEvents: 25,
      restart: async () => {
        await cluster.stop();
        await sleep(3_000);
        await cluster.start();
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
});
