/**
 * The messages a delivery leaves behind (retry, dead letter, outcome), built with
 * @hub/delivery-protocol and encoded under the catalog subjects, sent to the runtime's
 * (possibly overridden) topics. Any consumed envelope event is delivered this way (the
 * runtime's canonical events, connector-http's change requests), so every such message
 * carries the delivery's trace the same way.
 */
import {
  topics as fixedTopics,
  valueSubject,
  type DeliveryOutcomeKind,
  type EventEnvelope,
  type EventIdentity,
} from '@hub/contracts';
import {
  deadLetterEvent,
  deadLetterMessage,
  deliveryOutcomeEvent,
  envelopeOf,
  outcomeMessage,
  retryMessage,
  traceparentHeader,
  withTraceparent,
  type CarriedMessage,
  type RetryContext,
} from '@hub/delivery-protocol';
import type { OutgoingMessage, SchemaRegistrySerde } from '@hub/messaging';
import { activeOr, traceparentOf } from '@hub/observability';
import type { ErrorRecord } from '@hub/resilience';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import type { ConnectorTopics } from '../runtime/connector-topics';

/** One consumed envelope event on its way to a target: what its retry, dead letter and outcome are made of. */
export interface EnvelopeDelivery<E extends EventEnvelope = EventEnvelope> {
  readonly event: E;
  readonly message: CarriedMessage;
  readonly consumedFrom: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
  };
}

/** One consumed canonical event on its way to the target. */
export interface Delivery extends EnvelopeDelivery<AnyCanonicalEvent> {
  /** The retry context its headers carry; undefined on a first delivery. */
  readonly retry: RetryContext | undefined;
  /** Where the owner's event arrived among its entity's events (see @hub/delivery-protocol arrival-order). */
  readonly arrivalOrder: number;
}

/** Where the messages about deliveries go. */
export type DeliveryRecordTopics = Pick<
  ConnectorTopics,
  'deliveryOutcome' | 'retry' | 'deadLetter'
>;

export interface OutcomeDetails {
  readonly outcome: DeliveryOutcomeKind;
  readonly attempt: number;
  readonly targetReference?: string | null;
  readonly failure?: ErrorRecord | null;
  /** Whether this attempt called the target: only then may the outcome feed a breaker. */
  readonly targetCalled: boolean;
}

/**
 * The traceparent a message about this delivery carries by default: the active span's (the
 * connector's consumer span) or, with tracing off, the one the delivery arrived with.
 */
export function traceparentFor(delivery: Pick<EnvelopeDelivery, 'message'>): string | undefined {
  return traceparentOf(activeOr(traceparentHeader(delivery.message.rawHeaders)));
}

export class DeliveryRecords {
  constructor(
    private readonly target: string,
    private readonly serde: Pick<SchemaRegistrySerde, 'encode'>,
    private readonly identity: EventIdentity,
    private readonly topics: DeliveryRecordTopics,
  ) {}

  outcome(
    delivery: EnvelopeDelivery,
    details: OutcomeDetails,
    traceparent = traceparentFor(delivery),
  ): OutgoingMessage {
    const event = deliveryOutcomeEvent(
      {
        delivered: envelopeOf(delivery.event),
        target: this.target,
        outcome: details.outcome,
        attempt: details.attempt,
        targetReference: details.targetReference ?? null,
        failure: details.failure ?? null,
        targetCalled: details.targetCalled,
      },
      this.identity,
    );
    const value = this.serde.encode(valueSubject(fixedTopics.deliveryOutcome), event);
    return withTraceparent(
      { ...outcomeMessage(event, value), topic: this.topics.deliveryOutcome },
      traceparent,
    );
  }

  retry(
    delivery: EnvelopeDelivery,
    context: RetryContext,
    traceparent = traceparentFor(delivery),
  ): OutgoingMessage {
    return withTraceparent(
      { ...retryMessage(delivery.message, context), topic: this.topics.retry },
      traceparent,
    );
  }

  deadLetter(
    delivery: EnvelopeDelivery,
    context: RetryContext,
    traceparent = traceparentFor(delivery),
  ): OutgoingMessage {
    const event = deadLetterEvent(
      {
        envelope: envelopeOf(delivery.event),
        target: this.target,
        reason: 'permanent_failure',
        context,
        value: delivery.message.value ?? Buffer.alloc(0),
        rawHeaders: delivery.message.rawHeaders,
        consumedFrom: delivery.consumedFrom,
      },
      this.identity,
    );
    const value = this.serde.encode(valueSubject(fixedTopics.deadLetter), event);
    return withTraceparent(
      { ...deadLetterMessage(event, value), topic: this.topics.deadLetter },
      traceparent,
    );
  }
}
