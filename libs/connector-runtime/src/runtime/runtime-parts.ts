/** Builds the runtime's parts from its options; no I/O happens here. */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { systemEventIdentity, type EntityType } from '@hub/contracts';
import { IdempotencyStore } from '@hub/idempotency';
import { createProducer, type ProduceBatcher, type Producer } from '@hub/messaging';
import { systemClock, type Clock } from '@hub/resilience';
import type { DataSource } from 'typeorm';
import { ControlReader } from '../controls/control-reader';
import { connectorDataSource, idempotencyDataSource } from '../persistence/connector-data-sources';
import { PostgresTokenBucket } from '../persistence/shared-token-bucket';
import { WatermarkStore } from '../persistence/watermark-store';
import { RecordPublisher } from '../read/record-publisher';
import { batchedSender, createWriteBatcher } from '../write/batched-sender';
import { DeliveryRecords } from '../write/delivery-records';
import { TargetGate } from '../write/target-gate';
import { WritePipeline } from '../write/write-pipeline';
import type { ConnectorRuntimeOptions } from './connector-runtime-options';
import { connectorTopics, type ConnectorTopics } from './connector-topics';

export interface RuntimeParts {
  readonly topics: ConnectorTopics;
  readonly clock: Clock;
  readonly producer: Producer;
  /** Carries the writes' and the read path's messages; closed (flushed) before the producer disconnects. */
  readonly batcher: ProduceBatcher;
  /** DataSources the runtime opened itself and must migrate and close. */
  readonly ownedDataSources: readonly DataSource[];
  /** Where the runtime's own tables live. */
  readonly connectorData: DataSource;
  readonly gate: TargetGate;
  /** The operators' orders for this target, read before the consumers start. */
  readonly controlReader: ControlReader;
  readonly watermarks: WatermarkStore;
  readonly publisher: RecordPublisher;
  readonly pipeline: WritePipeline | undefined;
  readonly writeTypes: readonly EntityType[];
  readonly store: IdempotencyStore;
  /** This process among the connector's replicas: write leases and job leads. */
  readonly leaseOwner: string;
}

function defaultLeaseOwner(system: string): string {
  return `${system}/${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

function dataSources(options: ConnectorRuntimeOptions): {
  owned: DataSource[];
  connector: DataSource;
  idempotency: DataSource;
} {
  if (options.dataSource !== undefined)
    return { owned: [], connector: options.dataSource, idempotency: options.dataSource };
  if (options.database === undefined)
    throw new Error('createConnectorRuntime needs either `database` or `dataSource`');
  const { settings } = options;
  const { url } = options.database;
  const schema = options.database.schema ?? settings.databaseSchema;
  const idempotencySchema =
    options.database.idempotencySchema ?? settings.idempotencySchema ?? schema;
  // Both write flows hold a connection per partition in flight, a partition's keys in flight
  // add theirs (each holds one only while it talks to the store), plus the sweep's lock.
  const poolSize =
    options.database.poolSize ?? settings.concurrency * 2 + settings.keyConcurrency + 2;
  // The sweep's lock and watermark, and the shared rate limit's one round trip at a time.
  const connector = connectorDataSource(url, schema, 4);
  const idempotency = idempotencyDataSource(url, idempotencySchema, poolSize);
  return { owned: [connector, idempotency], connector, idempotency };
}

export function buildRuntimeParts(options: ConnectorRuntimeOptions): RuntimeParts {
  const { system, settings, policy, logger, metrics, serde } = options;
  const clock = options.clock ?? systemClock;
  const identity = options.identity ?? systemEventIdentity;
  const topics = connectorTopics(system, options.topics);
  const producer = createProducer(options.kafka);
  const batcher = createWriteBatcher(producer);
  // Outcomes, retries, dead letters and published records: each send resolves when all its
  // messages are acknowledged, as the producer's own did, in fewer requests.
  const sender = batchedSender(batcher);
  const sources = dataSources(options);
  const controlReader = new ControlReader({
    client: options.kafka,
    sender: producer,
    groupPrefix: `connector-${system}`,
    deadLetterTopic: topics.deadLetter,
    topic: topics.control,
    logger,
  });
  const gate = new TargetGate({
    target: system,
    breaker: {
      windowMs: settings.breakerWindow,
      minimumCalls: settings.breakerMinimumCalls,
      failureRateThreshold: settings.breakerFailureRate,
      coolDownMs: settings.breakerCoolDown,
    },
    ratePerSecond: settings.rateLimitRps,
    burst: settings.rateLimitBurst,
    // In the runtime's own schema, which every replica of this connector shares.
    shared: new PostgresTokenBucket(sources.connector, system, {
      ratePerSecond: settings.rateLimitRps,
      burst: settings.rateLimitBurst,
    }),
    clock,
    metrics,
    logger,
    controls: controlReader.controls,
  });
  const publisher = new RecordPublisher({
    system,
    policy,
    serde,
    identity,
    topics,
    sender,
    logger,
  });
  const store = new IdempotencyStore(sources.idempotency, {
    clock,
    inDoubtHoldMs: settings.inDoubtHold,
    // The keys written at once (CONNECTOR_KEY_CONCURRENCY) begin together, one transaction,
    // and complete together, one statement.
    batchBegins: {},
    batchCompletes: {},
  });
  const leaseOwner = options.leaseOwner ?? defaultLeaseOwner(system);
  const write = options.write;
  // Only what the policy routes here and the adapter can write; typesReceivedBy throws for an undeclared system.
  const writeTypes =
    write === undefined
      ? []
      : policy.typesReceivedBy(system).filter((type) => write.writes.includes(type));
  const pipeline =
    write === undefined
      ? undefined
      : new WritePipeline({
          target: system,
          adapter: write,
          policy,
          store,
          gate,
          records: new DeliveryRecords(system, serde, identity, topics),
          sender,
          clock,
          leaseOwner,
          leaseMs: settings.leaseDuration,
          metrics,
          logger,
        });
  return {
    topics,
    clock,
    producer,
    batcher,
    ownedDataSources: sources.owned,
    connectorData: sources.connector,
    gate,
    controlReader,
    watermarks: new WatermarkStore(sources.connector),
    publisher,
    pipeline,
    writeTypes,
    store,
    leaseOwner,
  };
}
