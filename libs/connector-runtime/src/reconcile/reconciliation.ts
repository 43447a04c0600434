/**
 * The full comparison (L3) of this connector's target with the owner ledger, one pass per
 * entity type it reconciles, report-only. Receiver reads go through the target gate, so
 * the breaker and the shared rate limit count them with every other call; the job runs on
 * one replica at a time (the kit's JobRunner).
 */
import type { EntityType } from '@hub/contracts';
import type { IdempotencyStore } from '@hub/idempotency';
import type { Logger } from '@hub/observability';
import type { Clock } from '@hub/primitives';
import {
  runFullCompare,
  type DriftStore,
  type FullCompareReport,
  type OwnerLedger,
} from '@hub/reconciliation';
import type { PeriodicJob } from '../kit/jobs/job-runner';
import type { TargetGate } from '../write/target-gate';
import type { ReconcileAdapter } from './reconcile-adapter';

export interface ReconciliationOptions {
  readonly system: string;
  readonly adapter: ReconcileAdapter;
  /** What this connector both writes and can read back. */
  readonly entityTypes: readonly EntityType[];
  readonly ledger: OwnerLedger;
  readonly drift: DriftStore;
  readonly store: Pick<IdempotencyStore, 'appliedVersions'>;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly pageSize: number;
  readonly intervalMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ReconcileReport extends FullCompareReport {
  readonly entityType: EntityType;
}

export class Reconciliation {
  private last: readonly ReconcileReport[] = [];

  constructor(private readonly options: ReconciliationOptions) {}

  /** The reports of the last pass on this replica (for /status). */
  lastReports(): readonly ReconcileReport[] {
    return this.last;
  }

  /** One full comparison of every entity type, one after another. */
  async runAll(signal: AbortSignal): Promise<ReconcileReport[]> {
    const reports: ReconcileReport[] = [];
    for (const entityType of this.options.entityTypes)
      reports.push({ entityType, ...(await this.runOne(entityType, signal)) });
    this.last = reports;
    return reports;
  }

  job(): PeriodicJob {
    return {
      name: 'reconcile-full',
      intervalMs: this.options.intervalMs,
      run: async (signal) => {
        await this.runAll(signal);
      },
    };
  }

  private async runOne(entityType: EntityType, signal: AbortSignal): Promise<FullCompareReport> {
    const { system, adapter, gate, store, logger } = this.options;
    const report = await runFullCompare(
      {
        pair: { entityType, receiver: system },
        ledger: this.options.ledger,
        drift: this.options.drift,
        readReceiver: (keys, readSignal) =>
          gate.call('fetch', () => adapter.readReceiver(entityType, keys, readSignal), readSignal),
        applied: async (keys) => {
          const applied = await store.appliedVersions(system, entityType, keys);
          return new Map([...applied].map(([key, version]) => [key, version.correlationId]));
        },
        comparable: (payload) => adapter.comparable(entityType, payload),
        same: (owner, receiver) => adapter.same(entityType, owner, receiver),
        pageSize: this.options.pageSize,
        clock: this.options.clock,
      },
      signal,
    );
    const drifted = report.counts.drifted + report.counts['missing-at-receiver'];
    const log = drifted > 0 ? logger.warn.bind(logger) : logger.info.bind(logger);
    log(
      {
        entityType,
        runId: report.runId,
        compared: report.compared,
        counts: report.counts,
        erpCalls: report.erpCalls,
        halted: report.halted,
      },
      drifted > 0
        ? `Reconciliation found ${String(drifted)} drifted ${entityType} key(s) at ${system} (report only)`
        : `Reconciliation: ${system} matches the owner for ${entityType}`,
    );
    return report;
  }
}
