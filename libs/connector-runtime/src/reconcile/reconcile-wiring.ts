/**
 * What CONNECTOR_RECONCILE=report adds to a connector runtime: the ledger flow (a consumer
 * group of its own), the levels as periodic jobs with one leader, and the operator's side. Absent when
 * the setting is off, the connector has no reconciliation read, or writes nothing.
 */
import { systemEventIdentity } from '@hub/contracts';
import type { ConsumerRunner } from '@hub/messaging';
import { DriftStore, OwnerLedger, type KeyScope } from '@hub/reconciliation';
import { JobRunner } from '../kit/jobs/job-runner';
import { jobMetrics } from '../kit/jobs/job-metrics';
import { PostgresJobLease } from '../persistence/job-lease';
import type { ConnectorRuntimeOptions } from '../runtime/connector-runtime-options';
import type { RuntimeParts } from '../runtime/runtime-parts';
import { createLedgerFlow } from './ledger-flow';
import { ReconcileBudget } from './reconcile-budget';
import { ReconcileOperator } from './reconcile-operator';
import { Reconciliation, type ReconcileLevel, type ReconcileReport } from './reconciliation';

export interface ReconcileParts {
  readonly ledgerFlow: () => ConsumerRunner;
  /** Starts the periodic comparison (first run one interval after start). */
  startJob(): void;
  stop(): Promise<void>;
  runNow(level: ReconcileLevel, signal: AbortSignal, scope?: KeyScope): Promise<ReconcileReport[]>;
  lastReports(): readonly ReconcileReport[];
  readonly operator: ReconcileOperator;
}

export function reconcileParts(
  options: ConnectorRuntimeOptions,
  parts: RuntimeParts,
): ReconcileParts | undefined {
  const { settings, reconcile: adapter, system, logger, metrics } = options;
  if (settings.reconcile === 'off' || adapter === undefined) return undefined;
  const entityTypes = parts.writeTypes.filter((type) => adapter.entityTypes.includes(type));
  if (entityTypes.length === 0) return undefined;
  const ledger = new OwnerLedger(parts.connectorData, parts.clock);
  const reconciliation = new Reconciliation({
    system,
    adapter,
    entityTypes,
    ledger,
    drift: new DriftStore(parts.connectorData, parts.clock),
    store: parts.store,
    gate: parts.gate,
    budget: new ReconcileBudget({
      share: settings.reconcileBudget,
      ratePerSecond: settings.rateLimitRps,
      burst: settings.rateLimitBurst,
      clock: parts.clock,
    }),
    pageSize: settings.reconcilePageSize,
    intervalMs: settings.reconcileInterval,
    gapIntervalMs: settings.reconcileGapInterval,
    deltaIntervalMs: settings.reconcileDeltaInterval,
    clock: parts.clock,
    logger,
    metrics,
    autoRepair: settings.reconcile === 'repair',
    // An operator may repair chosen items in report mode too; passes repair only in repair mode.
    ...(parts.pipeline !== undefined
      ? {
          repair: {
            pipeline: parts.pipeline,
            serde: options.serde,
            identity: options.identity ?? systemEventIdentity,
          },
        }
      : {}),
  });
  const jobs = new JobRunner({
    lease: new PostgresJobLease(parts.connectorData),
    holder: parts.leaseOwner,
    // A full comparison may take minutes: the lead is renewed while it runs.
    leaseMs: 15 * 60_000,
    metrics: jobMetrics(metrics),
    logger,
    clock: parts.clock,
  });
  return {
    ledgerFlow: () =>
      createLedgerFlow({
        system,
        client: options.kafka,
        serde: options.serde,
        topics: entityTypes.map((type) => parts.topics.canonical[type]),
        deadLetterTopic: parts.topics.deadLetter,
        policy: options.policy,
        ledger,
        logger,
        lagGauge: metrics.consumerLag,
      }),
    startJob: () => {
      for (const job of reconciliation.jobs()) jobs.start(job);
    },
    stop: () => jobs.stop(),
    runNow: (level, signal, scope) => reconciliation.runAll(level, signal, scope),
    lastReports: () => reconciliation.lastReports(),
    operator: new ReconcileOperator(reconciliation),
  };
}
