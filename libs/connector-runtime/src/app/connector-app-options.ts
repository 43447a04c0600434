import type { EventIdentity } from '@hub/contracts';
import type { createKafkaClientFrom, createSchemaRegistrySerdeFrom } from '@hub/messaging';
import type { HubMetrics, Logger, LoggerOptions, ReadinessCheck } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import type { Clock } from '@hub/resilience';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import type { ReadAdapter, WriteAdapter } from '../adapter/erp-adapter';
import type { ReconcileAdapter } from '../reconcile/reconcile-adapter';
import type {
  ConnectorRuntime,
  ConnectorRuntimeOptions,
} from '../runtime/connector-runtime-options';
import type { ConnectorTopicOverrides } from '../runtime/connector-topics';
import type { ConnectorRuntimeSettings } from '../settings/connector-runtime-settings';

/** The read-side settings; a write-only connector leaves them out of its configuration. */
export type ReadSideSetting = 'sweepMode' | 'sweepInterval' | 'sweepMaxPages' | 'notFoundRetry';

/** What the kit needs of a connector's loaded configuration (hubServiceSettings + connectorAppSettings + connector). */
export interface ConnectorAppConfig {
  readonly kafka: Parameters<typeof createKafkaClientFrom>[0];
  readonly schemaRegistry: Parameters<typeof createSchemaRegistrySerdeFrom>[0];
  /** `migrateAtStart` (DATABASE_MIGRATE_AT_START) unset means on. */
  readonly database: { readonly url: string; readonly migrateAtStart?: boolean };
  readonly observability: {
    readonly serviceName: string;
    readonly logLevel: NonNullable<LoggerOptions['level']>;
  };
  readonly connector: Omit<ConnectorRuntimeSettings, ReadSideSetting> &
    Partial<Pick<ConnectorRuntimeSettings, ReadSideSetting>>;
  readonly ownershipPolicyPath: string;
}

/** What the kit hands the connector's protocol factory. */
export interface ConnectorKitContext<C extends ConnectorAppConfig> {
  readonly config: C;
  readonly system: string;
  readonly logger: Logger;
  readonly metrics: HubMetrics;
  readonly policy: OwnershipPolicy;
  readonly clock: Clock;
}

/** A step before the runtime starts; a throw refuses the start (the message says what to fix). */
export interface ConnectorStartupCheck {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}

/** A connector's own Postgres tables: initialized and migrated at start, pinged by /readyz, closed last. */
export interface ConnectorOwnTables {
  /** The readiness check's name. */
  readonly name: string;
  /** Not yet initialized; holds the connector's migrations. */
  readonly dataSource: DataSource;
}

/** Everything protocol-specific a connector supplies; the kit does the rest. */
export interface ConnectorProtocol {
  readonly write?: WriteAdapter;
  readonly read?: ReadAdapter;
  /** The reconciliation read (issue #22); used with CONNECTOR_RECONCILE=report. */
  readonly reconcile?: ReconcileAdapter;
  readonly ownTables?: ConnectorOwnTables;
  /** Run in order after the own tables are migrated and before the runtime starts. */
  readonly startupChecks?: readonly ConnectorStartupCheck[];
  /** Extra /readyz checks, besides the runtime's and the own tables' (e.g. consumers of the connector's own). */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
  /** Extra fields of GET /status, besides the runtime's. */
  status?(): Readonly<Record<string, unknown>>;
  /** The connector's own routes (controllers and their providers). */
  readonly module?: DynamicModule;
  /** Before the Nest app initializes: exception filters, content-type parsers. */
  configureHttp?(app: NestFastifyApplication): void;
  /** Extra fields of the "<service> started" log line. */
  readonly startedLog?: Readonly<Record<string, unknown>>;
}

export interface ConnectorAppOptions<C extends ConnectorAppConfig> {
  readonly config: C;
  protocol(context: ConnectorKitContext<C>): ConnectorProtocol;
  /** Test seams; production passes none of these. */
  readonly policy?: OwnershipPolicy;
  readonly topics?: ConnectorTopicOverrides;
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  readonly ensureTopics?: ConnectorRuntimeOptions['ensureTopics'];
  /** Unit tests replace the runtime; default createConnectorRuntime. */
  readonly createRuntime?: (options: ConnectorRuntimeOptions) => ConnectorRuntime;
}

export interface ConnectorApp {
  readonly runtime: ConnectorRuntime;
  readonly logger: Logger;
  readonly metrics: HubMetrics;
  /** The Fastify instance under the Nest app (inject, or listen after start()). */
  readonly server: FastifyInstance;
  /** The Nest app; throws before start(). */
  readonly app: NestFastifyApplication;
  /**
   * Own tables, Nest routes, start-up checks, then the runtime; on failure everything
   * opened is closed again and the error rethrown.
   */
  start(): Promise<void>;
  /** start() unless done, then listen (main.ts: host 0.0.0.0). */
  listen(port: number, host?: string): Promise<void>;
  /**
   * The `migrate` command: the runtime's tables, the idempotency store and the connector's
   * own tables migrated and closed again; nothing else is started. Not after start().
   */
  migrate(): Promise<void>;
  /** Graceful: /readyz fails first, then the runtime drains, then HTTP and own tables close. */
  close(): Promise<void>;
}
