/**
 * Reconciliation of this connector's target with the owner ledger, per entity type it
 * reconciles: L0 (delivery gaps, from the hub's own tables, no target call), L2 (the
 * receiver delta, where the target can say what changed) and L3 (the full comparison).
 * Each is a periodic job with one leader (the kit's JobRunner). Every target read takes
 * reconciliation's share of the request budget first, then goes through the target gate,
 * so the breaker and the shared rate limit count it with every other call.
 */
import type { EntityType } from '@hub/contracts';
import type { IdempotencyStore, JsonValue } from '@hub/idempotency';
import type { HubMetrics, Logger } from '@hub/observability';
import type { Clock } from '@hub/primitives';
import {
  driftCount,
  runDeliveryGapCheck,
  runFullCompare,
  runReceiverDelta,
  VERDICTS,
  type DriftStore,
  type KeyScope,
  type OwnerLedger,
  type Verdict,
} from '@hub/reconciliation';
import type { PeriodicJob } from '../kit/jobs/job-runner';
import type { TargetGate } from '../write/target-gate';
import type { ReconcileAdapter } from './reconcile-adapter';
import type { ReconcileBudget } from './reconcile-budget';
import { repairRun, type RepairDeps } from './repair';

export type ReconcileLevel = 'L0' | 'L2' | 'L3';
const LEVELS: readonly ReconcileLevel[] = ['L0', 'L2', 'L3'];

export type ReconcileMetrics = Pick<
  HubMetrics,
  'reconcileKeys' | 'reconcileRepairs' | 'reconcileRunSeconds' | 'reconcileErpCalls'
>;

export interface ReconciliationOptions {
  readonly system: string;
  readonly adapter: ReconcileAdapter;
  /** What this connector both writes and can read back. */
  readonly entityTypes: readonly EntityType[];
  readonly ledger: OwnerLedger;
  readonly drift: DriftStore;
  readonly store: Pick<IdempotencyStore, 'appliedVersions' | 'writeStates'>;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly budget: Pick<ReconcileBudget, 'spend'>;
  readonly pageSize: number;
  /** L3's period. */
  readonly intervalMs: number;
  /** L0's period, and its grace: younger owner states are not judged. */
  readonly gapIntervalMs: number;
  /** L2's period, and where a pair's first delta starts (that long before it). */
  readonly deltaIntervalMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: ReconcileMetrics;
  /** How drift is written again (an operator's repair; every pass's with `autoRepair`). */
  readonly repair?: Omit<RepairDeps, 'system' | 'ledger' | 'drift' | 'logger'>;
  /** CONNECTOR_RECONCILE=repair: each pass repairs the drift it found unless the cap halted it. */
  readonly autoRepair: boolean;
}

export interface ReconcileReport {
  readonly level: ReconcileLevel;
  readonly entityType: EntityType;
  readonly runId: string;
  readonly compared: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Target calls (L0 makes none; L3 counts one batched read per page). */
  readonly erpCalls: number;
  readonly halted: boolean;
  /** Repair writes of this pass by outcome (repair mode, drift found, not halted). */
  readonly repairs?: Readonly<Record<string, number>>;
}

export class Reconciliation {
  private readonly last = new Map<ReconcileLevel, readonly ReconcileReport[]>();

  constructor(readonly options: ReconciliationOptions) {}

  /** The reports of the last pass of each level on this replica (for /status). */
  lastReports(): readonly ReconcileReport[] {
    return LEVELS.flatMap((level) => this.last.get(level) ?? []);
  }

  /** The levels this connector offers (L2 only where the target can say what changed). */
  levels(): readonly ReconcileLevel[] {
    return this.options.adapter.readReceiverChangedSince === undefined ? ['L0', 'L3'] : LEVELS;
  }

  /** One pass of a level over every entity type, one after another; L3 within `scope` when given. */
  async runAll(
    level: ReconcileLevel,
    signal: AbortSignal,
    scope?: KeyScope,
  ): Promise<ReconcileReport[]> {
    if (!this.levels().includes(level))
      throw new Error(
        `${this.options.system} offers no ${level}: its target cannot say what changed`,
      );
    if (scope !== undefined && level !== 'L3')
      throw new Error(`A key scope applies to L3 only, not ${level}`);
    const reports: ReconcileReport[] = [];
    for (const entityType of this.options.entityTypes) {
      signal.throwIfAborted();
      const started = this.options.clock.now();
      const found = await this.pass(level, entityType, signal, scope);
      const report = this.options.autoRepair ? await this.repaired(found, signal) : found;
      this.count(report, started);
      this.log(report);
      reports.push(report);
    }
    this.last.set(level, reports);
    return reports;
  }

  jobs(): PeriodicJob[] {
    const job = (level: ReconcileLevel, name: string, intervalMs: number): PeriodicJob => ({
      name,
      intervalMs,
      run: async (signal) => {
        await this.runAll(level, signal);
      },
    });
    const { gapIntervalMs, deltaIntervalMs, intervalMs } = this.options;
    return [
      job('L0', 'reconcile-gaps', gapIntervalMs),
      ...(this.levels().includes('L2') ? [job('L2', 'reconcile-delta', deltaIntervalMs)] : []),
      job('L3', 'reconcile-full', intervalMs),
    ];
  }

  /** A target read within reconciliation's share of the budget, through the gate. */
  async read<T>(
    read: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    calls: (result: T) => number = () => 1,
  ): Promise<T> {
    await this.options.budget.spend(1, signal);
    const result = await this.options.gate.call('fetch', () => read(signal), signal);
    // A read that made more calls than one pays for them before the next read.
    await this.options.budget.spend(Math.max(0, calls(result) - 1), signal);
    return result;
  }

  applied(entityType: EntityType, keys: readonly string[]) {
    const { store, system } = this.options;
    return store.appliedVersions(system, entityType, keys);
  }

  /** What L2 and L3 judge with: the receiver's values against the ledger. */
  judging(entityType: EntityType) {
    const { system, adapter, ledger, drift, pageSize, clock } = this.options;
    return {
      pair: { entityType, receiver: system },
      ledger,
      drift,
      applied: (keys: readonly string[]) => this.applied(entityType, keys),
      comparable: (payload: JsonValue) => adapter.comparable(entityType, payload),
      same: (owner: JsonValue, receiver: JsonValue) => adapter.same(entityType, owner, receiver),
      pageSize,
      clock,
    };
  }

  private async pass(
    level: ReconcileLevel,
    entityType: EntityType,
    signal: AbortSignal,
    scope?: KeyScope,
  ): Promise<ReconcileReport> {
    if (level === 'L0') return this.gaps(entityType);
    if (level === 'L2') return this.delta(entityType, signal);
    const { adapter } = this.options;
    const report = await runFullCompare(
      {
        ...this.judging(entityType),
        readReceiver: (keys, readSignal) =>
          this.read((s) => adapter.readReceiver(entityType, keys, s), readSignal),
        ...(scope === undefined ? {} : { keyScope: scope }),
      },
      signal,
    );
    return { level: 'L3', entityType, ...report };
  }

  private async gaps(entityType: EntityType): Promise<ReconcileReport> {
    const { system, adapter, store } = this.options;
    const report = await runDeliveryGapCheck({
      ...this.judging(entityType),
      writeStates: (ids) => store.writeStates(system, ids),
      comparable: (payload) => adapter.comparable(entityType, payload),
      graceMs: this.options.gapIntervalMs,
    });
    return { level: 'L0', entityType, erpCalls: 0, ...report };
  }

  private async delta(entityType: EntityType, signal: AbortSignal): Promise<ReconcileReport> {
    const { adapter, clock, deltaIntervalMs } = this.options;
    const readChanged = adapter.readReceiverChangedSince?.bind(adapter);
    if (readChanged === undefined) throw new Error('no receiver delta');
    const { since, until, ...report } = await runReceiverDelta(
      {
        ...this.judging(entityType),
        readChanges: (from, limit, readSignal) =>
          this.read(
            (s) => readChanged(entityType, from, limit, s),
            readSignal,
            (changes) => changes.calls,
          ),
        firstSince: clock.now() - deltaIntervalMs,
        maxPages: 100,
      },
      signal,
    );
    this.options.logger.debug({ entityType, since, until }, 'Receiver delta read');
    return { level: 'L2', entityType, ...report };
  }

  /** Repairs what run `runId` left open (an operator's approval, or a pass in repair mode). */
  async repairOf(entityType: EntityType, runId: string, signal: AbortSignal) {
    const { repair, system, ledger, drift, logger, metrics } = this.options;
    if (repair === undefined) return undefined;
    const tally = await repairRun(
      { ...repair, system, ledger, drift, logger },
      entityType,
      runId,
      signal,
    );
    for (const [outcome, count] of Object.entries(tally.outcomes))
      metrics.reconcileRepairs.inc({ entity_type: entityType, receiver: system, outcome }, count);
    return tally.outcomes;
  }

  private async repaired(report: ReconcileReport, signal: AbortSignal): Promise<ReconcileReport> {
    if (report.halted || driftCount(report.counts) === 0) return report;
    const repairs = await this.repairOf(report.entityType, report.runId, signal);
    return repairs === undefined ? report : { ...report, repairs };
  }

  private count(report: ReconcileReport, started: number): void {
    const { metrics, system, clock } = this.options;
    const labels = { entity_type: report.entityType, receiver: system, level: report.level };
    for (const verdict of VERDICTS)
      if (report.counts[verdict] > 0)
        metrics.reconcileKeys.inc({ ...labels, verdict }, report.counts[verdict]);
    metrics.reconcileRunSeconds.observe(labels, (clock.now() - started) / 1000);
    metrics.reconcileErpCalls.observe(labels, report.erpCalls);
  }

  private log(report: ReconcileReport): void {
    const { logger, system } = this.options;
    const drifted = driftCount(report.counts);
    const details = { ...report, system };
    if (drifted > 0)
      logger.warn(
        details,
        `Reconciliation ${report.level} found ${String(drifted)} ${report.entityType} key(s) of ${system} out of step with the owner${report.halted ? ' (halted by the drift cap: an operator approves before any repair)' : ''}`,
      );
    else
      logger.info(
        details,
        `Reconciliation ${report.level}: ${system} is in step for ${report.entityType}`,
      );
  }
}
