import type { EventIdentity, TargetControl } from '@hub/contracts';
import type { KafkaClient, SchemaRegistrySerde } from '@hub/messaging';
import type { HubMetrics, Logger, ReadinessCheck } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import type { CircuitState, Clock } from '@hub/resilience';
import type { DataSource } from 'typeorm';
import type { ReadAdapter, WriteAdapter } from '../adapter/erp-adapter';
import type { ConnectorDatabase } from '../persistence/connector-data-sources';
import type { ReconcileAdapter } from '../reconcile/reconcile-adapter';
import type { KeyScope } from '@hub/reconciliation';
import type { ReconcileLevel, ReconcileReport } from '../reconcile/reconciliation';
import type { ReconcileOperator } from '../reconcile/reconcile-operator';
import type { SweepReport } from '../read/sweeper';
import type { ConnectorRuntimeSettings } from '../settings/connector-runtime-settings';
import type { ConnectorTopicOverrides } from './connector-topics';

export interface ConnectorRuntimeOptions {
  /** The system id, as in the ownership policy (usually settings.systemId). */
  readonly system: string;
  /** The write side; without it the runtime consumes no canonical topics. */
  readonly write?: WriteAdapter;
  /** The read side; without it no notifications are consumed and nothing is swept. */
  readonly read?: ReadAdapter;
  /** The reconciliation read; with CONNECTOR_RECONCILE=report the target is compared with the owner ledger. */
  readonly reconcile?: ReconcileAdapter;
  readonly policy: OwnershipPolicy;
  readonly kafka: KafkaClient;
  readonly serde: SchemaRegistrySerde;
  /** The runtime creates, migrates and closes its own DataSources from this. */
  readonly database?: ConnectorDatabase;
  /**
   * Or an initialized DataSource the caller owns, holding idempotencyEntities and the
   * idempotency and connectorRuntimeMigrations, already run. Neither migrated nor closed here.
   */
  readonly dataSource?: DataSource;
  readonly settings: ConnectorRuntimeSettings;
  readonly logger: Logger;
  readonly metrics: HubMetrics;
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  /** Topic names other than @hub/contracts' (tests). */
  readonly topics?: ConnectorTopicOverrides;
  /** When given, start() creates every topic the runtime reads or writes that is missing. */
  readonly ensureTopics?: { readonly partitions: number; readonly replicationFactor: number };
  /** Unique per process; default `<system>/<hostname>/<pid>/<random>`. */
  readonly leaseOwner?: string;
}

export interface ConnectorRuntimeStatus {
  readonly system: string;
  readonly state: 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'aborted';
  readonly breaker: CircuitState;
  /** The operators' orders for this target as this replica read them. */
  readonly control: TargetControl;
  readonly writeTopics: readonly string[];
  readonly readsNotifications: boolean;
  readonly sweepMode: ConnectorRuntimeSettings['sweepMode'];
  readonly lastSweep?: { readonly at: number; readonly report: SweepReport };
  readonly lastSweepError?: string;
  /** With reconciliation on: the last pass of each level on this replica, per entity type. */
  readonly lastReconcile?: readonly ReconcileReport[];
}

export interface ConnectorRuntime {
  /** Registers the contract catalog, migrates (own database), connects, starts the consumers and the sweep timer. */
  start(): Promise<void>;
  /** Graceful: in-flight handlers finish, offsets are committed, everything closes. */
  stop(): Promise<void>;
  /** At once, as a crash would: nothing more is recorded or committed. */
  abort(): Promise<void>;
  /** For a HealthRegistry: `kafka` (producer connected) and `database`. */
  readonly readinessChecks: Readonly<Record<string, ReadinessCheck>>;
  /** One sweep now (ops, tests); `skipped` when another replica sweeps or there is no read side. */
  sweepNow(): Promise<SweepReport>;
  /**
   * One pass of a level now (ops, tests; default L3, the full comparison; an L3 within `scope`
   * when given); refused when reconciliation is off.
   */
  reconcileNow(level?: ReconcileLevel, scope?: KeyScope): Promise<ReconcileReport[]>;
  /** The operator's side of reconciliation (the admin routes); undefined while it is off. */
  readonly reconcileOperator?: ReconcileOperator;
  status(): ConnectorRuntimeStatus;
}
