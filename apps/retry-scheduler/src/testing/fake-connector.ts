/**
 * The tests play the connector: they publish first failures to the retry topic, read the
 * redelivery topic, fail again or succeed, and publish outcomes, all through
 * @hub/delivery-protocol exactly as a connector does.
 */
import { randomUUID } from 'node:crypto';
import {
  redeliveryTopic,
  systemEventIdentity,
  topics,
  valueSubject,
  type DeliveryOutcomeKind,
  type EventEnvelope,
} from '@hub/contracts';
import {
  deliveryOutcomeEvent,
  operatorRetryMessage,
  outcomeMessage,
  readRetryContext,
  recordFailure,
  retryMessage,
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
import type { ErrorRecord } from '@hub/resilience';
import { testEndpoints, testKafka, uniqueName } from '@hub/testing';
import type { Consumer } from 'kafkajs';

export const transientFailure: ErrorRecord = {
  code: 'HTTP_SERVER_ERROR',
  errorClass: 'transient',
  message: 'ERP answered 503',
  httpStatus: 503,
};

export interface Received {
  readonly receivedAt: number;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
  readonly context: RetryContext;
  readonly eventId: string;
}

export interface TestWrite {
  readonly envelope: EventEnvelope;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

export class FakeConnector {
  private constructor(
    readonly serde: SchemaRegistrySerde,
    private readonly producer: Producer,
  ) {}

  static async start(): Promise<FakeConnector> {
    const endpoints = testEndpoints();
    const serde = createSchemaRegistrySerde({ url: endpoints.schemaRegistryUrl });
    await registerContractCatalog(serde);
    const client = createKafkaClient({
      brokers: [endpoints.kafkaBrokers],
      clientId: uniqueName('fake-connector'),
    });
    const producer = createProducer(client);
    await producer.connect();
    return new FakeConnector(serde, producer);
  }

  /** A canonical inventory-level event as the main flow carries it. */
  write(sku = `SKU-${randomUUID().slice(0, 8)}`): TestWrite {
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      correlationId: `c1-${randomUUID().replace(/-/g, '')}`,
      entityType: 'inventory-level',
      entityKey: `WH-EAST:${sku}`,
      sourceSystem: 'wms',
      sourceRecordId: sku,
      sourceVersion: Date.now(),
      publishedAt: Date.now(),
    };
    const event = {
      ...envelope,
      payload: {
        sku,
        warehouse: 'WH-EAST',
        quantityOnHand: '1',
        unitOfMeasure: 'PCS',
        asOf: Date.now(),
      },
    };
    return {
      envelope,
      key: envelope.entityKey,
      value: this.serde.encode(valueSubject(topics.inventoryLevel), event),
      headers: encodeHubHeaders({
        correlationId: envelope.correlationId,
        sourceSystem: envelope.sourceSystem,
        entityType: envelope.entityType,
        entityKey: envelope.entityKey,
        sourceVersion: envelope.sourceVersion,
        eventId: envelope.eventId,
      }),
    };
  }

  /** The first delivery failed at `at`: onto the retry topic. Returns the context sent. */
  async failFirst(
    write: TestWrite,
    target: string,
    at = Date.now(),
    retryAfterMs?: number,
  ): Promise<RetryContext> {
    const context = recordFailure(undefined, target, {
      failure: transientFailure,
      at,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    await this.producer.send([
      retryMessage({ key: write.key, value: write.value, rawHeaders: write.headers }, context),
    ]);
    return context;
  }

  /** Onto the retry topic with whatever history the test built (e.g. operator holds). */
  async sendRetry(write: TestWrite, context: RetryContext): Promise<void> {
    await this.producer.send([
      retryMessage({ key: write.key, value: write.value, rawHeaders: write.headers }, context),
    ]);
  }

  /** Many first failures in one produce request; `at` is one time for all or one per write. */
  async failFirstMany(
    writes: readonly TestWrite[],
    target: string,
    at: number | readonly number[] = Date.now(),
  ): Promise<void> {
    await this.producer.send(
      writes.map((write, index) => {
        const failedAt = typeof at === 'number' ? at : (at[index] ?? Date.now());
        const context = recordFailure(undefined, target, {
          failure: transientFailure,
          at: failedAt,
        });
        return retryMessage(
          { key: write.key, value: write.value, rawHeaders: write.headers },
          context,
        );
      }),
    );
  }

  /** A redelivery failed again: the next failure back onto the retry topic. */
  async failAgain(received: Received, at = Date.now()): Promise<RetryContext> {
    const context = recordFailure(received.context, received.context.target, {
      failure: transientFailure,
      at,
    });
    await this.producer.send([
      retryMessage(
        { key: received.key, value: received.value, rawHeaders: received.headers },
        context,
      ),
    ]);
    return context;
  }

  /** Plays the DLQ reviewer: an operator's retry of `write` with the history it carries. */
  async operatorRetry(
    write: TestWrite,
    context: RetryContext,
    retryId = randomUUID(),
  ): Promise<void> {
    await this.producer.send(operatorRetries([write], () => context, retryId));
  }

  /** Many operator retries in one produce request (a bulk retry). */
  async operatorRetryMany(
    writes: readonly TestWrite[],
    context: (write: TestWrite) => RetryContext,
  ): Promise<void> {
    await this.producer.send(operatorRetries(writes, context));
  }

  async outcome(
    envelope: EventEnvelope,
    target: string,
    outcome: DeliveryOutcomeKind,
    attempt = 1,
  ): Promise<void> {
    const event = deliveryOutcomeEvent(
      {
        delivered: envelope,
        target,
        outcome,
        attempt,
        failure: outcome === 'failed_transient' ? transientFailure : null,
        targetCalled: outcome === 'succeeded' || outcome.startsWith('failed_'),
      },
      systemEventIdentity,
    );
    await this.producer.send([
      outcomeMessage(event, this.serde.encode(valueSubject(topics.deliveryOutcome), event)),
    ]);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

function operatorRetries(
  writes: readonly TestWrite[],
  context: (write: TestWrite) => RetryContext,
  retryId?: string,
): OutgoingMessage[] {
  return writes.map((write) =>
    operatorRetryMessage(
      { key: write.key, value: write.value, rawHeaders: write.headers },
      context(write),
      retryId ?? randomUUID(),
    ),
  );
}

/** Collects a topic's messages (optionally only one target's) from the moment it is joined. */
export class TopicCollector<T> {
  readonly items: T[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start<T>(
    topic: string,
    map: (message: {
      value: Buffer;
      key: string | null;
      headers: Record<string, string>;
      receivedAt: number;
    }) => T | undefined,
  ): Promise<TopicCollector<T>> {
    const consumer = testKafka('collector').consumer({
      groupId: uniqueName('collector'),
      maxWaitTimeInMs: 20,
    });
    const collector = new TopicCollector<T>(consumer);
    await consumer.connect();
    // From the moment it joins: the shared topics (dead letters, outcomes) hold every earlier
    // run's messages, which a new group would read first.
    await consumer.subscribe({ topic, fromBeginning: false });
    const joined = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => {
        resolve();
      });
    });
    await consumer.run({
      eachMessage: ({ message }) => {
        const receivedAt = Date.now();
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          const first = Array.isArray(value) ? value[0] : value;
          if (first !== undefined) headers[name] = first.toString();
        }
        if (message.value !== null) {
          const item = map({
            value: message.value,
            key: message.key?.toString() ?? null,
            headers,
            receivedAt,
          });
          if (item !== undefined) collector.items.push(item);
        }
        return Promise.resolve();
      },
    });
    await joined;
    return collector;
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.items.length < count) {
      if (Date.now() > deadline)
        throw new Error(`waited ${timeoutMs} ms for ${count} messages, got ${this.items.length}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.items.slice(0, count);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export function redeliveries(target: string): Promise<TopicCollector<Received>> {
  return TopicCollector.start(redeliveryTopic(target), ({ value, key, headers, receivedAt }) => {
    const context = readRetryContext(headers);
    const eventId = headers['hub-event-id'];
    if (context === undefined || eventId === undefined) return undefined;
    return { receivedAt, key, value, headers, context, eventId };
  });
}
