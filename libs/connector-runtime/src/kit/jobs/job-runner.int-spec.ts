import { createMetrics, createRegistry } from '@hub/observability';
import { createTestSchema, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { connectorDataSource } from '../../persistence/connector-data-sources';
import { PostgresJobLease } from '../../persistence/job-lease';
import { silentLogger } from '../../testing/unit-fakes';
import { jobMetrics } from './job-metrics';
import { JobRunner, type PeriodicJob } from './job-runner';

describe('periodic jobs led by one replica (real Postgres)', () => {
  let schema: TestSchema;
  let replicas: DataSource[];

  beforeAll(async () => {
    schema = await createTestSchema('jobs');
    replicas = [1, 2].map(() => connectorDataSource(schema.databaseUrl, schema.schema, 2));
    for (const dataSource of replicas) await dataSource.initialize();
    await replicas[0]?.runMigrations({ transaction: 'all' });
  });

  afterAll(async () => {
    for (const dataSource of replicas) if (dataSource.isInitialized) await dataSource.destroy();
    await schema.drop();
  });

  it('runs on one replica per tick; when the leader dies the other takes over after the lease', async () => {
    const clock = { time: Date.now(), now: () => clock.time };
    const runs: string[] = [];
    const [first, second] = replicas.map((dataSource, index) => {
      const holder = `connector/${index === 0 ? 'a' : 'b'}`;
      const runner = new JobRunner({
        lease: new PostgresJobLease(dataSource),
        holder,
        leaseMs: 30_000,
        metrics: jobMetrics(createMetrics(createRegistry())),
        logger: silentLogger,
        clock,
      });
      const job: PeriodicJob = {
        name: 'sweep',
        intervalMs: 10_000,
        run: () => {
          runs.push(holder);
          return Promise.resolve();
        },
      };
      return { runner, job };
    });
    if (first === undefined || second === undefined) throw new Error('two replicas expected');

    for (let tick = 0; tick < 3; tick++) {
      // Both ask at once, as two replicas whose timers fire together would.
      const results = await Promise.all([
        first.runner.tick(first.job),
        second.runner.tick(second.job),
      ]);
      expect([...results].sort()).toEqual(['not-leader', 'ran']);
      clock.time += 10_000;
    }
    expect(new Set(runs).size).toBe(1);
    const leader = runs[0];
    // The leader dies: it never ticks or renews again.
    const survivor = leader === 'connector/a' ? second : first;

    clock.time += 10_000;
    await expect(survivor.runner.tick(survivor.job)).resolves.toBe('not-leader');
    clock.time += 10_000;
    await expect(survivor.runner.tick(survivor.job)).resolves.toBe('ran');
    expect(runs).toHaveLength(4);
    expect(runs[3]).not.toBe(leader);
  });
});
