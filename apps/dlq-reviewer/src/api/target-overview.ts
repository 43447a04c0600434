/**
 * The per-target overview (GET /api/targets, the console's /targets): the reviewer's own
 * unfinished dead letters per target, and, when DLQ_SCHEDULER_STATUS_URL is set, the retry
 * scheduler's breaker state and pending retries. The scheduler is asked with a timeout and
 * its answer checked; when it cannot be read the overview says so and keeps its own numbers.
 * With the live parts wired (the app does): the operators' orders per target
 * (hub.target-control.v1) and its connector's lag and rate (from the broker).
 */
import type { TargetControls } from '@hub/connector-runtime';
import type { TargetControl } from '@hub/contracts';
import { errorMessage } from '@hub/resilience';
import type { TargetFlow, TargetProgress } from '../controls/target-progress';
import { z } from 'zod';
import type { ItemStore, UnfinishedCount } from '../store/item-store';

const SCHEDULER_TIMEOUT_MS = 2_000;
const TOP_CODES = 3;

const schedulerAnswer = z.object({
  targets: z.array(
    z.object({
      target: z.string(),
      breaker: z.object({ state: z.enum(['closed', 'open', 'half-open']) }),
      pending: z.number().int().min(0),
      nextDueAt: z.string().nullable(),
      oldestFirstFailureAt: z.string().nullable(),
    }),
  ),
});

export interface SchedulerTarget {
  readonly breaker: 'closed' | 'open' | 'half-open';
  readonly pending: number;
  readonly nextDueAt: string | null;
  readonly oldestFirstFailureAt: string | null;
}

export interface TargetRow {
  /** null: dead letters without a target (undecodable). */
  readonly target: string | null;
  readonly open: number;
  readonly retrying: number;
  readonly oldestOpenAt: string | null;
  /** The most frequent error codes among the open items, at most three. */
  readonly topErrorCodes: readonly { readonly errorCode: string | null; readonly count: number }[];
  /** The scheduler's view; null when it was not asked, could not be read, or does not know the target. */
  readonly scheduler: SchedulerTarget | null;
  /** The operators' orders; null without a control reader or for dead letters without a target. */
  readonly control: ControlView | null;
  /** The connector's lag and recent rate; null when not read (no reader, or Kafka unreadable). */
  readonly flow: TargetFlow | null;
}

export interface ControlView {
  readonly paused: boolean;
  /** auto: the breakers decide; open / closed: forced by an operator. */
  readonly breaker: TargetControl['breaker'];
  readonly changedAt: string | null;
  readonly changedBy: string | null;
}

/** What the overview reads live besides Postgres and the scheduler. */
export interface LiveTargetParts {
  readonly controls?: Pick<TargetControls, 'of'>;
  readonly progress?: Pick<TargetProgress, 'of'>;
}

export interface TargetOverview {
  readonly scheduler:
    | { readonly state: 'not-configured' }
    | { readonly state: 'reachable'; readonly url: string }
    | { readonly state: 'unreachable'; readonly url: string; readonly error: string };
  /** Why lag and rate are missing, when they are. */
  readonly flowError?: string;
  readonly targets: readonly TargetRow[];
}

type SchedulerRead =
  | { readonly ok: true; readonly targets: ReadonlyMap<string, SchedulerTarget> }
  | { readonly ok: false; readonly error: string };

export class TargetOverviews {
  constructor(
    private readonly items: ItemStore,
    private readonly schedulerStatusUrl: string | undefined,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly live: LiveTargetParts = {},
  ) {}

  async overview(): Promise<TargetOverview> {
    const url = this.schedulerStatusUrl;
    const [counts, scheduler] = await Promise.all([
      this.items.unfinishedByCode(),
      url === undefined ? undefined : this.readScheduler(url),
    ]);
    const known = scheduler?.ok === true ? scheduler.targets : new Map<string, SchedulerTarget>();
    // The targets with dead letters or known to the scheduler (it knows every configured one);
    // orders alone do not add a row (the control topic keeps every target ever ordered).
    const names = new Set<string | null>([...counts.map((count) => count.target), ...known.keys()]);
    const flows = await this.readFlows([...names].filter((name) => name !== null));
    const targets = [...names]
      .map((target) => ({
        ...targetRow(target, counts, known),
        control: target === null ? null : this.controlOf(target),
        flow: target === null || !flows.ok ? null : (flows.flows.get(target) ?? null),
      }))
      .sort((a, b) => b.open - a.open || (a.target ?? '').localeCompare(b.target ?? ''));
    return {
      ...(flows.ok ? {} : { flowError: flows.error }),
      scheduler:
        url === undefined || scheduler === undefined
          ? { state: 'not-configured' }
          : scheduler.ok
            ? { state: 'reachable', url }
            : { state: 'unreachable', url, error: scheduler.error },
      targets,
    };
  }

  private controlOf(target: string): ControlView | null {
    const control = this.live.controls?.of(target);
    if (control === undefined) return null;
    const ordered = control.changedAt > 0;
    return {
      paused: control.paused,
      breaker: control.breaker,
      changedAt: ordered ? new Date(control.changedAt).toISOString() : null,
      changedBy: ordered ? control.changedBy : null,
    };
  }

  private async readFlows(
    targets: readonly string[],
  ): Promise<
    | { readonly ok: true; readonly flows: ReadonlyMap<string, TargetFlow> }
    | { readonly ok: false; readonly error: string }
  > {
    if (this.live.progress === undefined) return { ok: true, flows: new Map() };
    try {
      return { ok: true, flows: await this.live.progress.of(targets) };
    } catch (error) {
      return {
        ok: false,
        error: `the connectors' progress could not be read: ${errorMessage(error)}`,
      };
    }
  }

  private async readScheduler(url: string): Promise<SchedulerRead> {
    try {
      const response = await this.fetchFn(url, {
        signal: AbortSignal.timeout(SCHEDULER_TIMEOUT_MS),
        headers: { accept: 'application/json' },
        redirect: 'error',
      });
      if (!response.ok) return { ok: false, error: `answered HTTP ${String(response.status)}` };
      const parsed = schedulerAnswer.safeParse(await response.json());
      if (!parsed.success) return { ok: false, error: 'answered something that is not its status' };
      return {
        ok: true,
        targets: new Map(
          parsed.data.targets.map((entry) => [
            entry.target,
            {
              breaker: entry.breaker.state,
              pending: entry.pending,
              nextDueAt: entry.nextDueAt,
              oldestFirstFailureAt: entry.oldestFirstFailureAt,
            },
          ]),
        ),
      };
    } catch (error) {
      return { ok: false, error: describeFailure(error) };
    }
  }
}

function targetRow(
  target: string | null,
  counts: readonly UnfinishedCount[],
  scheduler: ReadonlyMap<string, SchedulerTarget>,
): Omit<TargetRow, 'control' | 'flow'> {
  const own = counts.filter((count) => count.target === target);
  const open = own.filter((count) => count.status === 'open');
  const sum = (rows: readonly UnfinishedCount[]) =>
    rows.reduce((total, row) => total + row.count, 0);
  const oldest = open.length === 0 ? null : Math.min(...open.map((row) => row.oldestAt));
  return {
    target,
    open: sum(open),
    retrying: sum(own.filter((count) => count.status === 'retrying')),
    oldestOpenAt: oldest === null ? null : new Date(oldest).toISOString(),
    topErrorCodes: [...open]
      .sort((a, b) => b.count - a.count || (a.errorCode ?? '').localeCompare(b.errorCode ?? ''))
      .slice(0, TOP_CODES)
      .map((row) => ({ errorCode: row.errorCode, count: row.count })),
    scheduler: target === null ? null : (scheduler.get(target) ?? null),
  };
}

/** Why the scheduler could not be read, in words (fetch's own message is only "fetch failed"). */
function describeFailure(error: unknown): string {
  // AbortSignal.timeout rejects with a DOMException, not always an Error of this realm.
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : null;
  if (name === 'TimeoutError') return `no answer within ${String(SCHEDULER_TIMEOUT_MS / 1000)} s`;
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : undefined;
  return cause === undefined
    ? errorMessage(error)
    : `${errorMessage(error)}: ${errorMessage(cause)}`;
}
