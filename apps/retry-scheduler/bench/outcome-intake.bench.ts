/**
 * The scheduler's outcome intake on the local Postgres, in a fresh schema (dropped
 * afterwards): N successful outcomes of one target handed over in slices of --slice (1 is
 * what a message-at-a-time intake costs: one transaction, one lock and one save each).
 * Prints this process's and Postgres's CPU per 1,000 outcomes and outcomes per second.
 *
 *   npx tsx apps/retry-scheduler/bench/outcome-intake.bench.ts [--count 5000] [--slice 100]
 */
import { createLogger, createMetrics } from '@hub/observability';
import { parseSchedule } from '@hub/resilience';
import { createTestSchema, postgresCpuMs } from '@hub/testing';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Registry } from 'prom-client';
import { OutcomeIntake } from '../src/breaker/outcome-intake';
import { ensureBreakerRows } from '../src/store/breaker-store';
import { openSchedulerDataSource } from '../src/store/scheduler-data-source';
import { useStackEndpoints } from '../src/testing/bench-support';
import { consumedOutcome } from '../src/testing/outcome-messages';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    slice: { type: 'string', default: '100' },
  },
});
const count = Number(values.count);
const slice = Number(values.slice);
const target = 'bench-target';

async function main(): Promise<void> {
  useStackEndpoints();
  const schema = await createTestSchema('bench_outcome_intake');
  const dataSource = await openSchedulerDataSource(schema.databaseUrl, schema.schema);
  try {
    await ensureBreakerRows(dataSource, [{ target, drainBurst: 1 }], Date.now());
    const intake = new OutcomeIntake(
      dataSource,
      {
        targets: new Map([
          [
            target,
            {
              target,
              schedule: parseSchedule('1s', { maxAge: '1h' }),
              drainRate: 10,
              drainBurst: 1,
            },
          ],
        ]),
        breaker: {
          windowMs: 60_000,
          minimumCalls: 1_000_000,
          failureRateThreshold: 0.5,
          coolDownMs: 1_000,
          halfOpenProbes: 1,
        },
        probeTimeoutMs: 1_000,
        pauseClockWhenOpen: true,
      },
      createMetrics(new Registry()),
      { now: () => Date.now() },
      createLogger({ service: 'outcome-intake-bench', level: 'silent' }),
    );
    const outcomes = Array.from({ length: count }, () => consumedOutcome(target, 'succeeded'));
    const cpuBefore = process.cpuUsage();
    const postgresBefore = postgresCpuMs();
    const started = performance.now();
    for (let start = 0; start < count; start += slice)
      await intake.handleBatch(outcomes.slice(start, start + slice));
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresMs = postgresCpuMs() - postgresBefore;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'retry-scheduler outcome intake',
        count,
        slice,
        outcomesPerSecond: Math.round((count / elapsedMs) * 1000),
        cpuMsPer1000: Math.round(((cpu.user + cpu.system) / 1000 / count) * 1000),
        postgresCpuMsPer1000: Math.round((postgresMs / count) * 1000),
      })}\n`,
    );
  } finally {
    await dataSource.destroy();
    await schema.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
