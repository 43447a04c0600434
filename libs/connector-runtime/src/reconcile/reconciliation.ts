/**
 * Reconciliation of this connector's target with the owner ledger, per entity type it
 * reconciles, report-only: L0 (delivery gaps, from the hub's own tables, no ERP call) and L3
 * (the full comparison). Each is a periodic job with one leader (the kit's JobRunner); L3's
 * receiver reads go through the target gate, so the breaker and the shared rate limit count
 * them with every other call.
 */
import type { EntityType } from '@hub/contracts';
import type { IdempotencyStore } from '@hub/idempotency';
import type { Logger } from '@hub/observability';
import type { Clock } from '@hub/primitives';
import {
  driftCount,
  runDeliveryGapCheck,
  runFullCompare,
  type DriftStore,
  type OwnerLedger,
  type Verdict,
} from '@hub/reconciliation';
import type { PeriodicJob } from '../kit/jobs/job-runner';
import type { TargetGate } from '../write/target-gate';
import type { ReconcileAdapter } from './reconcile-adapter';
import { repairRun, type RepairDeps } from './repair';

export type ReconcileLevel = 'L0' | 'L3';

export interface ReconciliationOptions {
  readonly system: string;
  readonly adapter: ReconcileAdapter;
  /** What this connector both writes and can read back. */
  readonly entityTypes: readonly EntityType[];
  readonly ledger: OwnerLedger;
  readonly drift: DriftStore;
  readonly store: Pick<IdempotencyStore, 'appliedVersions' | 'writeStates'>;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly pageSize: number;
  /** L3's period. */
  readonly intervalMs: number;
  /** L0's period, and its grace: younger owner states are not judged. */
  readonly gapIntervalMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** With CONNECTOR_RECONCILE=repair: how drift found by a pass is written again. */
  readonly repair?: Omit<RepairDeps, 'system' | 'ledger' | 'drift' | 'logger'>;
}

export interface ReconcileReport {
  readonly level: ReconcileLevel;
  readonly entityType: EntityType;
  readonly runId: string;
  readonly compared: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Batched target reads (L0 makes none). */
  readonly erpCalls: number;
  readonly halted: boolean;
  /** Repair writes of this pass by outcome (repair mode, drift found, not halted). */
  readonly repairs?: Readonly<Record<string, number>>;
}

export class Reconciliation {
  private readonly last = new Map<ReconcileLevel, readonly ReconcileReport[]>();

  constructor(private readonly options: ReconciliationOptions) {}

  /** The reports of the last pass of each level on this replica (for /status). */
  lastReports(): readonly ReconcileReport[] {
    return [...(this.last.get('L0') ?? []), ...(this.last.get('L3') ?? [])];
  }

  /** One pass of a level over every entity type, one after another. */
  async runAll(level: ReconcileLevel, signal: AbortSignal): Promise<ReconcileReport[]> {
    const reports: ReconcileReport[] = [];
    for (const entityType of this.options.entityTypes) {
      signal.throwIfAborted();
      const found =
        level === 'L0' ? await this.gaps(entityType) : await this.compare(entityType, signal);
      const report = await this.repaired(found, signal);
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
    return [
      job('L0', 'reconcile-gaps', this.options.gapIntervalMs),
      job('L3', 'reconcile-full', this.options.intervalMs),
    ];
  }

  private async applied(entityType: EntityType, keys: readonly string[]) {
    const { store, system } = this.options;
    const applied = await store.appliedVersions(system, entityType, keys);
    return new Map([...applied].map(([key, version]) => [key, version.correlationId]));
  }

  private async gaps(entityType: EntityType): Promise<ReconcileReport> {
    const { system, adapter, store } = this.options;
    const report = await runDeliveryGapCheck({
      pair: { entityType, receiver: system },
      ledger: this.options.ledger,
      drift: this.options.drift,
      applied: (keys) => this.applied(entityType, keys),
      writeStates: (ids) => store.writeStates(system, ids),
      comparable: (payload) => adapter.comparable(entityType, payload),
      graceMs: this.options.gapIntervalMs,
      pageSize: this.options.pageSize,
      clock: this.options.clock,
    });
    return { level: 'L0', entityType, erpCalls: 0, ...report };
  }

  private async compare(entityType: EntityType, signal: AbortSignal): Promise<ReconcileReport> {
    const { system, adapter, gate } = this.options;
    const report = await runFullCompare(
      {
        pair: { entityType, receiver: system },
        ledger: this.options.ledger,
        drift: this.options.drift,
        readReceiver: (keys, readSignal) =>
          gate.call('fetch', () => adapter.readReceiver(entityType, keys, readSignal), readSignal),
        applied: (keys) => this.applied(entityType, keys),
        comparable: (payload) => adapter.comparable(entityType, payload),
        same: (owner, receiver) => adapter.same(entityType, owner, receiver),
        pageSize: this.options.pageSize,
        clock: this.options.clock,
      },
      signal,
    );
    return { level: 'L3', entityType, ...report };
  }

  private async repaired(report: ReconcileReport, signal: AbortSignal): Promise<ReconcileReport> {
    const { repair, system, ledger, drift, logger } = this.options;
    if (repair === undefined || report.halted || driftCount(report.counts) === 0) return report;
    const tally = await repairRun(
      { ...repair, system, ledger, drift, logger },
      report.entityType,
      report.runId,
      signal,
    );
    return { ...report, repairs: tally.outcomes };
  }

  private log(report: ReconcileReport): void {
    const { logger, system } = this.options;
    const drifted = driftCount(report.counts);
    const details = { ...report, system };
    if (drifted > 0)
      logger.warn(
        details,
        `Reconciliation ${report.level} found ${String(drifted)} ${report.entityType} key(s) of ${system} out of step with the owner (report only)`,
      );
    else
      logger.info(
        details,
        `Reconciliation ${report.level}: ${system} is in step for ${report.entityType}`,
      );
  }
}
