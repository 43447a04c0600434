/**
 * Builds connector-odoo from its configuration: the Odoo adapters plugged into the shared
 * connector runtime (which owns Kafka, idempotency, retries, dead letters and the sweep),
 * and a thin Fastify server for probes, metrics and /status. main.ts listens; tests call
 * this and listen on port 0.
 */
import {
  createConnectorRuntime,
  type ConnectorRuntime,
  type ConnectorTopicOverrides,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import { createKafkaClientFrom, createSchemaRegistrySerdeFrom } from '@hub/messaging';
import {
  HealthRegistry,
  createLogger,
  createMetrics,
  createProbeHandlers,
  createRegistry,
  registerProbeRoutes,
  type Logger,
} from '@hub/observability';
import { loadPolicyFile, type OwnershipPolicy } from '@hub/ownership';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ConnectorOdooConfig } from './connector-odoo.config';
import { createOdooAdapters } from './odoo-adapters';
import { checkOdooSetup } from './odoo-startup-check';

export interface ConnectorOdooApp {
  readonly server: FastifyInstance;
  readonly runtime: ConnectorRuntime;
  readonly logger: Logger;
  /**
   * Checks that Odoo has the fields the connector writes (OdooSetupError if not), then starts
   * the runtime (consumers, sweep timer); the server is ready to listen before.
   */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Test seams; production passes none. */
export interface ConnectorOdooAppOptions {
  readonly policy?: OwnershipPolicy;
  readonly topics?: ConnectorTopicOverrides;
  readonly identity?: EventIdentity;
  readonly ensureTopics?: { readonly partitions: number; readonly replicationFactor: number };
}

export function createConnectorOdooApp(
  config: ConnectorOdooConfig,
  options: ConnectorOdooAppOptions = {},
): ConnectorOdooApp {
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const system = config.connector.systemId;
  const adapters = createOdooAdapters(config.odoo, system, logger);
  const client = createKafkaClientFrom(config.kafka, logger);
  const serde = createSchemaRegistrySerdeFrom(config.schemaRegistry);
  const registry = createRegistry();
  const metrics = createMetrics(registry);
  const runtime = createConnectorRuntime({
    system,
    write: adapters.write,
    read: adapters.read,
    policy: options.policy ?? loadPolicyFile(config.ownershipPolicyPath),
    kafka: client,
    serde,
    database: { url: config.database.url },
    settings: config.connector,
    logger,
    metrics,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    ...(options.topics === undefined ? {} : { topics: options.topics }),
    ...(options.ensureTopics === undefined ? {} : { ensureTopics: options.ensureTopics }),
  });

  const health = new HealthRegistry(2_000);
  for (const [name, check] of Object.entries(runtime.readinessChecks)) health.register(name, check);
  const server = Fastify({ logger: false });
  registerProbeRoutes(server, createProbeHandlers({ health, registry }));
  server.get('/status', () => ({
    ...runtime.status(),
    odoo: { url: config.odoo.url, db: config.odoo.db, protocol: adapters.transport.protocol },
  }));

  return {
    server,
    runtime,
    logger,
    start: async () => {
      await checkOdooSetup({
        client: adapters.client,
        system,
        odoo: config.odoo,
        timeoutMs: config.odoo.startupCheckTimeout,
        logger,
      });
      await runtime.start();
    },
    close: async () => {
      health.beginShutdown();
      await server.close();
      await runtime.stop();
    },
  };
}
