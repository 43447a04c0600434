import { createLogger, createMetrics } from '@hub/observability';
import { Client } from 'pg';
import { CircuitBreaker, parseSchedule } from '@hub/resilience';
import { createTestSchema, uniqueName, type TestSchema } from '@hub/testing';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { SchedulerPolicies, TargetPolicy } from '../app/target-policies';
import { ensureBreakerRows, readBreakers } from '../store/breaker-store';
import { openSchedulerDataSource } from '../store/scheduler-data-source';
import { consumedOutcome as outcome } from '../testing/outcome-messages';
import { applyOutcome } from './breaker-record';
import { OutcomeIntake } from './outcome-intake';

const alpha = `a-${uniqueName('target')}`;
const beta = `b-${uniqueName('target')}`;

const policyOf = (target: string): TargetPolicy => ({
  target,
  schedule: parseSchedule('1s', { maxAge: '1h' }),
  drainRate: 10,
  drainBurst: 1,
});

const policies: SchedulerPolicies = {
  targets: new Map([alpha, beta].map((target) => [target, policyOf(target)])),
  // Never opens in this test: every outcome just lands in the window, one entry each.
  breaker: {
    windowMs: 3_600_000,
    minimumCalls: 1_000,
    failureRateThreshold: 0.5,
    coolDownMs: 1_000,
    halfOpenProbes: 1,
  },
  probeTimeoutMs: 1_000,
  pauseClockWhenOpen: true,
};

/** The intake under test; `wake` sees this process's loops woken after a commit. */
function intakeOf(
  dataSource: DataSource,
  served: SchedulerPolicies,
  wake?: (target: string) => void,
): OutcomeIntake {
  return new OutcomeIntake(
    dataSource,
    served,
    createMetrics(new Registry()),
    { now: () => Date.now() },
    createLogger({ service: 'outcome-batch-test', level: 'silent' }),
    wake,
  );
}

describe('outcome intake: one transaction per slice', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let intake: OutcomeIntake;

  beforeAll(async () => {
    schema = await createTestSchema('outcome_batch');
    dataSource = await openSchedulerDataSource(schema.databaseUrl, schema.schema);
    await ensureBreakerRows(
      dataSource,
      [alpha, beta].map((target) => ({ target, drainBurst: 1 })),
      Date.now(),
    );
    intake = intakeOf(dataSource, policies);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await schema.drop();
  });

  const windows = async (): Promise<Map<string, number[]>> =>
    new Map(
      (await readBreakers(dataSource)).map((row) => [
        row.target,
        row.record.window.map(([, failed]) => failed),
      ]),
    );

  it('a failure mid-slice applies none of it; the slice again applies every outcome exactly once', async () => {
    const slice = [
      outcome(alpha, 'succeeded'),
      outcome(beta, 'succeeded'),
      outcome(alpha, 'failed_transient'),
      outcome('a-target-this-scheduler-does-not-serve', 'failed_transient'),
      outcome(alpha, 'duplicate'),
      outcome(beta, 'failed_transient'),
      outcome(alpha, 'succeeded'),
    ];
    // The second target's row cannot be saved: the slice fails after the first one's was.
    await dataSource.query(`
      CREATE FUNCTION refuse_beta() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_beta BEFORE UPDATE ON retry_breaker
        FOR EACH ROW WHEN (NEW.target = '${beta}') EXECUTE FUNCTION refuse_beta();`);
    await expect(intake.handleBatch(slice)).rejects.toThrow('disk full');
    const afterFailure = await windows();
    await dataSource.query(`DROP TRIGGER refuse_beta ON retry_breaker`);
    await intake.handleBatch(slice);
    const afterRetry = await windows();

    expect(afterFailure.get(alpha)).toEqual([]);
    expect(afterFailure.get(beta)).toEqual([]);
    // A duplicate did not call the target: it says nothing about its health.
    expect(afterRetry.get(alpha)?.length).toBe(3);
    expect(afterRetry.get(alpha)?.filter((failed) => failed === 1)).toHaveLength(1);
    expect(afterRetry.get(beta)?.length).toBe(2);
    expect(afterRetry.get(beta)?.filter((failed) => failed === 1)).toHaveLength(1);
  });

  it('a slice of two targets costs four round trips: start and both locks, two saves, commit', async () => {
    const slice = [outcome(alpha, 'succeeded'), outcome(beta, 'failed_transient')];
    const before = await windows();
    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      await intake.handleBatch(slice);
      expect(sent).toHaveBeenCalledTimes(4);
    } finally {
      sent.mockRestore();
    }
    const after = await windows();

    expect(after.get(alpha)?.length).toBe((before.get(alpha)?.length ?? 0) + 1);
    expect(after.get(beta)?.slice(-1)).toEqual([1]);
  });

  it('restores a breaker once per target and slice, and saves what feeding each outcome in turn gives', async () => {
    const [before] = (await readBreakers(dataSource)).filter((row) => row.target === alpha);
    const slice = Array.from({ length: 40 }, (_, index) =>
      outcome(alpha, index % 3 === 0 ? 'failed_transient' : 'succeeded'),
    );
    const restored = jest.spyOn(CircuitBreaker, 'restore');
    try {
      await intake.handleBatch(slice);
      // Once per outcome before: 40 restores of a window that grows with every outcome.
      expect(restored).toHaveBeenCalledTimes(1);
    } finally {
      restored.mockRestore();
    }
    const [after] = (await readBreakers(dataSource)).filter((row) => row.target === alpha);
    let expected = before?.record;
    for (const { value } of slice)
      if (expected !== undefined)
        expected = applyOutcome(
          expected,
          value.payload.outcome === 'succeeded' ? 'success' : 'failure',
          value.publishedAt,
          policies.breaker,
        ).record;
    expect(after?.record).toEqual(expected);
    expect(after?.record.window.length).toBe((before?.record.window.length ?? 0) + 40);
  });

  it("wakes this process's loop of a target after the commit when its probe is answered, not for an ordinary outcome", async () => {
    const woken: string[] = [];
    const waking = intakeOf(dataSource, policies, (target) => {
      woken.push(target);
    });
    await waking.handleBatch([outcome(alpha, 'succeeded'), outcome(beta, 'succeeded')]);
    expect(woken).toEqual([]);
    const probe = outcome(beta, 'succeeded');
    await dataSource.query(
      `UPDATE retry_breaker SET probe_event_id = $2, probe_sent_at = $3 WHERE target = $1`,
      [beta, probe.value.payload.deliveredEventId, Date.now()],
    );
    await waking.handleBatch([outcome(alpha, 'succeeded'), probe]);
    expect(woken).toEqual([beta]);
    const [row] = (await readBreakers(dataSource)).filter((each) => each.target === beta);
    expect(row?.probeEventId).toBeNull();
  });

  it('locks and saves targets whose names need quoting', async () => {
    const quoted = `c-O'Brien \\ ${uniqueName('target')}`;
    const quotedPolicies: SchedulerPolicies = {
      ...policies,
      targets: new Map([[quoted, policyOf(quoted)]]),
    };
    await ensureBreakerRows(dataSource, [{ target: quoted, drainBurst: 1 }], Date.now());
    const quotedIntake = intakeOf(dataSource, quotedPolicies);

    await quotedIntake.handleBatch([outcome(quoted, 'failed_transient')]);

    expect((await windows()).get(quoted)).toEqual([1]);
  });
});
