import { createMetrics, createRegistry } from '@hub/observability';
import { InMemoryJobLease, type JobLease } from '../../persistence/job-lease';
import { silentLogger } from '../../testing/unit-fakes';
import { jobMetrics } from './job-metrics';
import { JobRunner, type PeriodicJob } from './job-runner';

function twoReplicas(lease: JobLease, clock: { now(): number }) {
  const registry = createRegistry();
  const metrics = jobMetrics(createMetrics(registry));
  const runs: string[] = [];
  const replica = (holder: string) => ({
    runner: new JobRunner({ lease, holder, leaseMs: 30_000, metrics, logger: silentLogger, clock }),
    job: {
      name: 'sweep',
      intervalMs: 10_000,
      run: () => {
        runs.push(holder);
        return Promise.resolve();
      },
    } satisfies PeriodicJob,
  });
  return { a: replica('a'), b: replica('b'), runs, registry, metrics };
}

describe('JobRunner', () => {
  it('runs a job on one replica per tick, and the other takes over once the leader is gone', async () => {
    const clock = { time: 1_000_000, now: () => clock.time };
    const { a, b, runs, metrics } = twoReplicas(new InMemoryJobLease(), clock);
    for (let tick = 0; tick < 3; tick++) {
      await expect(a.runner.tick(a.job)).resolves.toBe('ran');
      await expect(b.runner.tick(b.job)).resolves.toBe('not-leader');
      clock.time += 10_000;
    }
    expect(runs).toEqual(['a', 'a', 'a']);
    // a dies: it stops ticking without giving the lead up; b takes over once the lease ran out.
    clock.time += 10_000;
    await expect(b.runner.tick(b.job)).resolves.toBe('not-leader');
    clock.time += 10_000;
    await expect(b.runner.tick(b.job)).resolves.toBe('ran');
    expect(runs).toEqual(['a', 'a', 'a', 'b']);
    expect((await metrics.runs.get()).values).toEqual([
      expect.objectContaining({ labels: { job: 'sweep', outcome: 'ran' }, value: 4 }),
    ]);
  });

  it('counts a failed run, keeps the lead and runs again at the next tick', async () => {
    const clock = { time: 0, now: () => clock.time };
    const registry = createRegistry();
    const metrics = jobMetrics(createMetrics(registry));
    const runner = new JobRunner({
      lease: new InMemoryJobLease(),
      holder: 'a',
      leaseMs: 30_000,
      metrics,
      logger: silentLogger,
      clock,
    });
    let calls = 0;
    const job: PeriodicJob = {
      name: 'renew-subscriptions',
      intervalMs: 1_000,
      run: () => (++calls === 1 ? Promise.reject(new Error('ERP down')) : Promise.resolve()),
    };
    await expect(runner.tick(job)).resolves.toBe('failed');
    await expect(runner.tick(job)).resolves.toBe('ran');
    const runs = (await metrics.runs.get()).values.map((v) => [v.labels.outcome, v.value]);
    expect(runs).toEqual([
      ['failed', 1],
      ['ran', 1],
    ]);
    expect((await metrics.leader.get()).values[0]?.value).toBe(1);
    expect(
      (await metrics.duration.get()).values.find((v) => v.metricName?.endsWith('_count'))?.value,
    ).toBe(2);
  });

  it('never overlaps a run with itself, and a stopped leader gives the lead up at once', async () => {
    const clock = { time: 0, now: () => clock.time };
    const lease = new InMemoryJobLease();
    const { a, b } = twoReplicas(lease, clock);
    let finish: () => void = () => undefined;
    const slow: PeriodicJob = {
      ...a.job,
      run: () => new Promise<void>((resolve) => (finish = resolve)),
    };
    const first = a.runner.tick(slow);
    await expect(a.runner.tick(slow)).resolves.toBe('busy');
    finish();
    await expect(first).resolves.toBe('ran');
    a.runner.start(slow);
    await a.runner.stop();
    await expect(b.runner.tick(b.job)).resolves.toBe('ran');
  });
});
