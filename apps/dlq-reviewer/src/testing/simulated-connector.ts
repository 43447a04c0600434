/**
 * Plays the target's connector for the tests, and by default the retry scheduler too: it
 * consumes the operator retries on the target's retry topic (as if the scheduler passed each
 * on at once), or, with a real scheduler running, the target's redelivery topic; it answers
 * each with a delivery outcome, as a recovered (or still failing) target would.
 */
import { systemEventIdentity, topics, valueSubject, type EventEnvelope } from '@hub/contracts';
import {
  deliveryAttempt,
  deliveryOutcomeEvent,
  envelopeOf,
  outcomeMessage,
  readOperatorRetry,
  readRetryContext,
} from '@hub/delivery-protocol';
import {
  createKafkaClient,
  createProducer,
  type Producer,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { testEndpoints, testKafka, uniqueName } from '@hub/testing';
import type { DeliveryOutcomeKind } from '@hub/contracts';

export interface Redelivered {
  readonly key: string | null;
  readonly headers: Record<string, string>;
  readonly envelope: EventEnvelope;
  readonly attempt: number;
  readonly value: Buffer | null;
  /** The hub-operator-retry id it carried ('' off the redelivery topic, where it is dropped). */
  readonly operatorRetry: string;
}

export interface SimulatedConnector {
  /** What the next redeliveries are answered with (default succeeded). */
  answerWith(outcome: DeliveryOutcomeKind): void;
  readonly received: readonly Redelivered[];
  stop(): Promise<void>;
}

export async function startSimulatedConnector(options: {
  /** The target's retry topic (hub.retry.<target>.v1): operator retries only. */
  readonly retryTopic?: string;
  /** Or the target's redelivery topic, fed by a real retry scheduler. */
  readonly redeliveryTopic?: string;
  /** Where outcomes go: the reviewer's outcome topic, and the scheduler's when one runs. */
  readonly outcomeTopics: readonly string[];
  readonly target: string;
  readonly serde: SchemaRegistrySerde;
}): Promise<SimulatedConnector> {
  const producer: Producer = createProducer(
    createKafkaClient({
      brokers: [testEndpoints().kafkaBrokers],
      clientId: uniqueName('sim-connector'),
    }),
  );
  await producer.connect();
  const consumer = testKafka('sim-connector').consumer({
    groupId: uniqueName('sim-connector'),
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  const topic = options.retryTopic ?? options.redeliveryTopic;
  if (topic === undefined) throw new Error('a retry or a redelivery topic to consume');
  await consumer.subscribe({ topic, fromBeginning: true });
  let outcome: DeliveryOutcomeKind = 'succeeded';
  const received: Redelivered[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        const first = Array.isArray(value) ? value[0] : value;
        if (first !== undefined) headers[name] = first.toString();
      }
      // Only operator retries are the reviewer's; anything else is left to the scheduler.
      const operatorRetry = readOperatorRetry(headers);
      if (operatorRetry === undefined && options.retryTopic !== undefined) return;
      const envelope = envelopeOf((await options.serde.decode(message.value)) as EventEnvelope);
      const attempt = deliveryAttempt(readRetryContext(headers));
      received.push({
        key: message.key?.toString() ?? null,
        headers,
        envelope,
        attempt,
        value: message.value,
        operatorRetry: operatorRetry ?? '',
      });
      const failed = ['failed_transient', 'failed_permanent', 'dead_lettered'].includes(outcome);
      const event = deliveryOutcomeEvent(
        {
          delivered: envelope,
          target: options.target,
          outcome,
          attempt,
          failure: failed
            ? {
                code: 'ERP_UNAVAILABLE',
                errorClass: 'transient',
                message: 'still down (simulated)',
                httpStatus: 503,
              }
            : null,
          targetCalled: outcome === 'succeeded' || failed,
        },
        systemEventIdentity,
      );
      const value = options.serde.encode(valueSubject(topics.deliveryOutcome), event);
      await producer.send(
        options.outcomeTopics.map((outcomeTopic) => ({
          ...outcomeMessage(event, value),
          topic: outcomeTopic,
        })),
      );
    },
  });
  return {
    answerWith: (next) => {
      outcome = next;
    },
    received,
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
