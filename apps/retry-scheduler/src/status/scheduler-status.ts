/**
 * GET /status and the backlog gauges, from the shared tables (so every replica reports
 * the same numbers): per target breaker state, pending count, next due time.
 */
import type { ControlSource } from '@hub/connector-runtime';
import { defaultTargetControl, type TargetControl } from '@hub/contracts';
import type { HubMetrics } from '@hub/observability';
import type { Clock } from '@hub/resilience';
import type { DataSource } from 'typeorm';
import type { SchedulerPolicies } from '../app/target-policies';
import { breakerStateAt } from '../breaker/breaker-record';
import { readBreakers } from '../store/breaker-store';
import { pendingSummary } from '../store/schedule-store';

export interface TargetStatus {
  readonly target: string;
  readonly breaker: {
    readonly state: 'closed' | 'open' | 'half-open';
    readonly since: string | null;
    readonly halfOpenAt?: string;
    readonly probeInFlight: boolean;
  };
  readonly pending: number;
  /** Due time of the earliest pending retry, not counting an outage still going on. */
  readonly nextDueAt: string | null;
  readonly oldestFirstFailureAt: string | null;
  /** The operators' orders this scheduler obeys (hub.target-control.v1). */
  readonly control: {
    readonly paused: boolean;
    readonly breaker: TargetControl['breaker'];
    readonly changedAt: string | null;
    readonly changedBy: string | null;
  };
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export async function schedulerStatus(
  dataSource: DataSource,
  policies: SchedulerPolicies,
  clock: Clock,
  { controls, metrics }: { readonly controls?: ControlSource; readonly metrics?: HubMetrics } = {},
): Promise<TargetStatus[]> {
  const now = clock.now();
  const [breakers, summary] = await Promise.all([
    readBreakers(dataSource),
    pendingSummary(dataSource),
  ]);
  metrics?.retryPending.reset();
  return [...policies.targets.values()].map(({ target, schedule }) => {
    const rows = summary.filter((row) => row.target === target);
    const pending = rows.reduce((sum, row) => sum + row.pending, 0);
    const nextDue = rows.length === 0 ? null : Math.min(...rows.map((row) => row.nextDueAt));
    const oldest =
      rows.length === 0 ? null : Math.min(...rows.map((row) => row.oldestFirstFailureAt));
    if (metrics !== undefined) {
      for (let tier = 1; tier <= schedule.stepsMs.length; tier += 1) {
        const count = rows
          .filter((row) => Math.min(row.step, schedule.stepsMs.length) === tier)
          .reduce((sum, row) => sum + row.pending, 0);
        metrics.retryPending.set({ target, tier: String(tier) }, count);
      }
      metrics.retryOldestPendingSeconds.set(
        { target },
        oldest === null ? 0 : (now - oldest) / 1_000,
      );
    }
    const row = breakers.find((breaker) => breaker.target === target);
    const view = row === undefined ? undefined : breakerStateAt(row.record, now, policies.breaker);
    return {
      target,
      breaker: {
        state: view?.state ?? 'closed',
        since: iso(view?.since),
        ...(view?.halfOpenAt === undefined ? {} : { halfOpenAt: iso(view.halfOpenAt) ?? '' }),
        probeInFlight: row?.probeSentAt !== null && row?.probeSentAt !== undefined,
      },
      pending,
      nextDueAt: iso(nextDue),
      oldestFirstFailureAt: iso(oldest),
      control: controlView(controls?.of(target) ?? defaultTargetControl(target)),
    };
  });
}

function controlView(control: TargetControl): TargetStatus['control'] {
  const ordered = control.changedAt > 0;
  return {
    paused: control.paused,
    breaker: control.breaker,
    changedAt: ordered ? iso(control.changedAt) : null,
    changedBy: ordered ? control.changedBy : null,
  };
}
