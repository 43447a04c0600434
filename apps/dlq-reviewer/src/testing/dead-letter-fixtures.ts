/** Dead letters as the retry scheduler or a connector publishes them, and raw ones as the consumer runner does. */
import {
  createEvent,
  systemEventIdentity,
  topics,
  valueSubject,
  type CanonicalEvent,
  type DeadLetterReason,
} from '@hub/contracts';
import {
  deadLetterEvent,
  deadLetterMessage,
  envelopeOf,
  recordFailure,
  type RetryContext,
} from '@hub/delivery-protocol';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  registerContractCatalog,
  type OutgoingMessage,
  type Producer,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';

export interface Fixtures {
  readonly serde: SchemaRegistrySerde;
  publishDeadLetter(options: DeadLetterOptions): Promise<PublishedDeadLetter>;
  publishRaw(message: Omit<OutgoingMessage, 'topic'>): Promise<void>;
  close(): Promise<void>;
}

export interface DeadLetterOptions {
  readonly target: string;
  readonly sku?: string;
  readonly errorMessage?: string;
  /** Default ERP_VALIDATION. */
  readonly errorCode?: string;
  readonly reason?: DeadLetterReason;
  /** Publish the same dead letter this many times (a redelivered message). */
  readonly copies?: number;
  /** The same write failing again: its original and history, plus one more failure. */
  readonly after?: PublishedDeadLetter;
  /** Headers of the original besides the hub's own (a retry must carry them unchanged). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PublishedDeadLetter {
  readonly original: CanonicalEvent<'inventory-level'>;
  readonly deadLetterEventId: string;
  /** The original's value bytes (Confluent wire format). */
  readonly value: Buffer;
  readonly context: RetryContext;
}

export async function deadLetterFixtures(deadLetterTopic: string): Promise<Fixtures> {
  const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
  // The reviewer registered the catalog at start-up; registering again returns the same ids.
  await registerContractCatalog(serde);
  const producer: Producer = createProducer(
    createKafkaClient({
      brokers: [testEndpoints().kafkaBrokers],
      clientId: uniqueName('dlq-fixtures'),
    }),
  );
  await producer.connect();
  return {
    serde,
    async publishDeadLetter(options) {
      const sku = options.sku ?? uniqueName('SKU');
      const original =
        options.after?.original ??
        createEvent(
          'inventory-level',
          {
            sourceSystem: 'wms',
            sourceRecordId: sku,
            sourceVersion: Date.now(),
            payload: {
              sku,
              warehouse: 'WH-EAST',
              quantityOnHand: '12.5',
              unitOfMeasure: 'PCS',
              asOf: Date.now(),
            },
          },
          systemEventIdentity,
        );
      const value =
        options.after?.value ?? serde.encode(valueSubject(topics.inventoryLevel), original);
      const rawHeaders = {
        ...encodeHubHeaders({ ...original, entityKey: original.entityKey }),
        ...options.headers,
      };
      const context = recordFailure(options.after?.context, options.target, {
        failure: {
          code: options.errorCode ?? 'ERP_VALIDATION',
          errorClass: 'permanent',
          message: options.errorMessage ?? 'unit of measure PCS is not known',
          httpStatus: 422,
        },
        at: Date.now(),
      });
      const event = deadLetterEvent(
        {
          envelope: envelopeOf(original),
          target: options.target,
          reason: options.reason ?? 'permanent_failure',
          context,
          value,
          rawHeaders,
        },
        systemEventIdentity,
      );
      const message = deadLetterMessage(
        event,
        serde.encode(valueSubject(topics.deadLetter), event),
      );
      const copies = Array.from({ length: options.copies ?? 1 }, () => ({
        ...message,
        topic: deadLetterTopic,
      }));
      await producer.send(copies);
      return { original, deadLetterEventId: event.eventId, value, context };
    },
    async publishRaw(message) {
      await producer.send([{ ...message, topic: deadLetterTopic }]);
    },
    close: () => producer.disconnect(),
  };
}
