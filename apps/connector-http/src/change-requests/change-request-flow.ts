/**
 * The change-request side of connector-http, beside the runtime: one consumer group over
 * `hub.change-request.v1` and the redelivery topic of `<system>-change-requests` (retry
 * headers trusted only there), one over the owner's canonical topics (owner-state.ts), a
 * producer for outcomes, retries and dead letters, and pools on the idempotency store and
 * the owner ledger (both migrated by the runtime, which starts first). Nothing runs when
 * the policy forwards no change requests to the system.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  canonicalize,
  changeRequestTarget,
  changeRequestEventSchema,
  formatFieldErrors,
  systemEventIdentity,
  type ChangeRequestEvent,
  type EventIdentity,
} from '@hub/contracts';
import { deliveryAttempt, readRetryContext, traceparentHeader } from '@hub/delivery-protocol';
import { DeliveryRecords } from '@hub/connector-runtime';
import { IdempotencyStore, idempotencyDataSourceOptions } from '@hub/idempotency';
import {
  createConsumerRunner,
  createKafkaClientFrom,
  createProducer,
  createSchemaRegistrySerdeFrom,
  hubMessageDecoder,
  registerContractCatalog,
  type ConsumerRunner,
} from '@hub/messaging';
import {
  connectedCheck,
  inConsumerSpan,
  type HubMetrics,
  type Logger,
  type ReadinessCheck,
} from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import { OwnerLedger, reconciliationDataSourceOptions } from '@hub/reconciliation';
import type { Clock } from '@hub/resilience';
import { DataSource } from 'typeorm';
import type { ConnectorHttpConfig } from '../app/connector-http.config';
import { changeRequestEndpoints } from '../app/endpoints-setting';
import type { HttpWriteAdapter } from '../delivery/http-write-adapter';
import { ChangeRequestDeliverer } from './change-request-delivery';
import {
  changeRequestGroups,
  changeRequestTopics,
  type ChangeRequestTopicOverrides,
} from './change-request-topics';
import { RequesterRecords, changeRequestTypes, ownerStateFlow } from './owner-state';

export interface ChangeRequestFlowOptions {
  readonly config: ConnectorHttpConfig;
  readonly system: string;
  readonly policy: OwnershipPolicy;
  readonly logger: Logger;
  readonly metrics: HubMetrics;
  readonly clock: Clock;
  readonly http: Pick<HttpWriteAdapter, 'deliverTo'>;
  readonly identity?: EventIdentity;
  readonly topics?: ChangeRequestTopicOverrides;
}

export interface ChangeRequestFlow {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): Readonly<Record<string, unknown>>;
  /** For /readyz: ready while every change-request consumer is in its group (always, when off). */
  readonly readiness: ReadinessCheck;
}

interface DecodedRequest {
  readonly request: ChangeRequestEvent;
  readonly bytes: Buffer;
}

function parseChangeRequest(value: unknown): ChangeRequestEvent {
  const checked = canonicalize(changeRequestEventSchema, value);
  if (!checked.ok) throw new Error(`Invalid change request:\n${formatFieldErrors(checked.errors)}`);
  return checked.value;
}

export function createChangeRequestFlow(options: ChangeRequestFlowOptions): ChangeRequestFlow {
  const { config, system, logger } = options;
  const types = changeRequestTypes(options.policy, system);
  const topics = changeRequestTopics(system, options.topics);
  const groups = changeRequestGroups(system);
  const target = changeRequestTarget(system);
  const { url } = config.database;
  const schema = config.connector.databaseSchema;
  const ledgerData = new DataSource({
    ...reconciliationDataSourceOptions({ url, schema }),
    poolSize: 3,
  });
  const storeData = new DataSource(
    idempotencyDataSourceOptions({
      url,
      schema: config.connector.idempotencySchema ?? schema,
      poolSize: 3,
    }),
  );
  // Read only: the requesters' connectors migrate and write it.
  const requesterData = new DataSource({
    type: 'postgres',
    url,
    schema: config.requesterWritesSchema ?? config.connector.idempotencySchema ?? schema,
    poolSize: 2,
  });
  const client = createKafkaClientFrom(config.kafka, logger);
  const serde = createSchemaRegistrySerdeFrom(config.schemaRegistry);
  const producer = createProducer(client);
  const ledger = new OwnerLedger(ledgerData, options.clock);
  const deliverer = new ChangeRequestDeliverer({
    system,
    target,
    endpoints: changeRequestEndpoints(config.endpoints),
    http: options.http,
    store: new IdempotencyStore(storeData, { clock: options.clock }),
    ledger,
    requesterRecords: new RequesterRecords(requesterData),
    records: new DeliveryRecords(target, serde, options.identity ?? systemEventIdentity, topics),
    sender: producer,
    clock: options.clock,
    leaseOwner: `${target}/${hostname()}/${String(process.pid)}/${randomUUID().slice(0, 8)}`,
    leaseMs: config.connector.leaseDuration,
    logger,
    metrics: options.metrics,
  });
  const inner = hubMessageDecoder(serde, { parse: parseChangeRequest });
  let runners: ConsumerRunner[] = [];
  let state: 'off' | 'created' | 'running' | 'stopped' = types.length === 0 ? 'off' : 'created';

  const makeRunners = (): ConsumerRunner[] => [
    ownerStateFlow({
      system,
      ledger,
      client,
      serde,
      topics: types.map((type) => topics.canonical[type]),
      groupId: groups.ownerState,
      deadLetterTopic: topics.deadLetter,
      logger,
    }),
    createConsumerRunner(client, {
      groupId: groups.deliveries,
      topics: [topics.changeRequest, topics.redelivery],
      concurrency: config.connector.concurrency,
      deadLetter: { topic: topics.deadLetter },
      logger,
      decode: {
        headers: (raw) => raw,
        value: async (bytes, message): Promise<DecodedRequest> => ({
          request: await inner.value(bytes, message),
          bytes: bytes ?? Buffer.alloc(0),
        }),
      },
      lagGauge: options.metrics.consumerLag,
      handler: async (message, { signal }) => {
        const { request } = message.value;
        // Retry state is the hub's own only on the redelivery topic.
        const retry =
          message.topic === topics.redelivery ? readRetryContext(message.rawHeaders) : undefined;
        // A consumer span like the runtime's, so the request's retry, dead letter and outcome
        // carry its trace onwards.
        await inConsumerSpan(
          'connector.change-request',
          {
            traceparent: traceparentHeader(message.rawHeaders),
            attributes: {
              'messaging.system': 'kafka',
              'messaging.destination.name': message.topic,
              'messaging.kafka.offset': Number(message.offset),
              'hub.target': target,
              'hub.correlation_id': request.correlationId,
              'hub.entity_type': request.entityType,
              'hub.attempt': deliveryAttempt(retry),
            },
            logContext: {
              correlationId: request.correlationId,
              entityType: request.entityType,
              entityKey: request.entityKey,
              target,
            },
          },
          () =>
            deliverer.deliver(
              {
                event: request,
                message: {
                  key: message.key,
                  value: message.value.bytes,
                  rawHeaders: message.rawHeaders,
                },
                consumedFrom: {
                  topic: message.topic,
                  partition: message.partition,
                  offset: message.offset,
                },
                retry,
              },
              signal,
            ),
        );
      },
    }),
  ];

  return {
    start: async () => {
      if (state === 'off') {
        logger.info({ system }, 'the ownership policy forwards no change requests to this system');
        return;
      }
      // Outcomes and dead letters are encoded under the catalog subjects.
      await registerContractCatalog(serde);
      await ledgerData.initialize();
      await storeData.initialize();
      await requesterData.initialize();
      await producer.connect();
      runners = makeRunners();
      await Promise.all(runners.map((runner) => runner.start()));
      state = 'running';
      logger.info(
        { system, entityTypes: types, topics: [topics.changeRequest, topics.redelivery], target },
        'change requests: delivering to the owner',
      );
    },
    stop: async () => {
      if (state === 'off' || state === 'stopped') return;
      state = 'stopped';
      await Promise.all(runners.map((runner) => runner.stop()));
      await producer.disconnect().catch(() => undefined);
      if (ledgerData.isInitialized) await ledgerData.destroy();
      if (storeData.isInitialized) await storeData.destroy();
      if (requesterData.isInitialized) await requesterData.destroy();
    },
    readiness: connectedCheck(
      () => state === 'off' || (state === 'running' && runners.every((r) => r.consuming())),
      'every change-request consumer in its group',
    ),
    status: () => ({
      state,
      entityTypes: types,
      retryTarget: target,
      consuming: state === 'running' && runners.every((runner) => runner.consuming()),
    }),
  };
}
