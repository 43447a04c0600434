import { ConfigError } from '@hub/config';
import { retrySchedulerConfig } from './retry-scheduler.config';
import { schedulerPolicies } from './target-policies';

function problemsOf(env: Record<string, string>): string[] {
  try {
    retrySchedulerConfig.load(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError
      ? error.problems.map((p) => p.variable)
      : ['not a ConfigError'];
  }
}

describe('retry scheduler configuration', () => {
  it('defaults to the hub schedule, 20/s drain, paused clocks and the four ERP/WMS targets', () => {
    const config = retrySchedulerConfig.load({});
    const policies = schedulerPolicies(config);
    expect(config.port).toBe(3300);
    expect([...policies.targets.keys()]).toEqual(['odoo', 'business-central', 'sap', 'wms']);
    const odoo = policies.targets.get('odoo');
    expect(odoo?.schedule.stepsMs).toEqual([30_000, 120_000, 480_000, 1_800_000, 7_200_000]);
    expect(odoo?.schedule.maxAgeMs).toBe(86_400_000);
    expect([odoo?.drainRate, odoo?.drainBurst]).toEqual([20, 2]);
    expect(policies.pauseClockWhenOpen).toBe(true);
    expect(policies.breaker).toEqual({
      windowMs: 60_000,
      minimumCalls: 10,
      failureRateThreshold: 0.5,
      coolDownMs: 30_000,
      halfOpenProbes: 1,
    });
  });

  it('applies per-target overrides and the time scale', () => {
    const config = retrySchedulerConfig.load({
      RETRY_TARGETS:
        '{"targets":[{"id":"odoo","schedule":"1m,5m","maxAge":"1h","drainRate":5},{"id":"wms"}]}',
      RETRY_TIME_SCALE: '0.001',
      RETRY_BREAKER_COOL_DOWN: '10s',
    });
    const policies = schedulerPolicies(config);
    expect(policies.targets.get('odoo')?.schedule).toMatchObject({
      stepsMs: [60, 300],
      maxAgeMs: 3_600,
    });
    expect(policies.targets.get('odoo')?.drainRate).toBe(5);
    expect(policies.targets.get('wms')?.schedule.stepsMs).toEqual([30, 120, 480, 1_800, 7_200]);
    expect(policies.breaker.coolDownMs).toBe(10);
  });

  it.each([
    ['malformed JSON', '{"targets":'],
    ['a bad target id', '{"targets":[{"id":"Odoo!"}]}'],
    ['a repeated target', '{"targets":[{"id":"odoo"},{"id":"odoo"}]}'],
    ['an unknown field', '{"targets":[{"id":"odoo","rate":5}]}'],
    ['a zero drain rate', '{"targets":[{"id":"odoo","drainRate":0}]}'],
  ])('refuses %s, naming RETRY_TARGETS', (_label, value) => {
    expect(problemsOf({ RETRY_TARGETS: value })).toEqual(['RETRY_TARGETS']);
  });

  it('refuses a bad schedule with the token named', () => {
    const config = retrySchedulerConfig.load({ RETRY_SCHEDULE: '30s,2x' });
    expect(() => schedulerPolicies(config)).toThrow(/2x/);
  });
});
