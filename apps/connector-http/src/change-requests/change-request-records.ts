/**
 * The messages a change-request delivery leaves behind, built with @hub/delivery-protocol
 * like every delivery's: the outcome, the retry (same value bytes, retry headers) and the
 * dead letter (the request's bytes and headers, every attempt, consumed from its topic).
 */
import {
  topics as hubTopics,
  valueSubject,
  type ChangeRequestEvent,
  type DeliveryOutcomeKind,
  type EventIdentity,
} from '@hub/contracts';
import {
  deadLetterEvent,
  deadLetterMessage,
  deliveryOutcomeEvent,
  envelopeOf,
  outcomeMessage,
  retryMessage,
  type CarriedMessage,
  type RetryContext,
} from '@hub/delivery-protocol';
import type { OutgoingMessage, SchemaRegistrySerde } from '@hub/messaging';
import type { ErrorRecord } from '@hub/resilience';
import type { ChangeRequestTopics } from './change-request-topics';

/** One consumed change request on its way to the owner. */
export interface ChangeRequestDelivery {
  readonly request: ChangeRequestEvent;
  readonly message: CarriedMessage;
  readonly consumedFrom: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
  };
  /** Undefined on a first delivery. */
  readonly retry: RetryContext | undefined;
}

export class ChangeRequestRecords {
  constructor(
    private readonly target: string,
    private readonly serde: Pick<SchemaRegistrySerde, 'encode'>,
    private readonly identity: EventIdentity,
    private readonly topics: ChangeRequestTopics,
  ) {}

  outcome(
    delivery: ChangeRequestDelivery,
    outcome: DeliveryOutcomeKind,
    attempt: number,
    targetCalled: boolean,
    failure: ErrorRecord | null = null,
  ): OutgoingMessage {
    const event = deliveryOutcomeEvent(
      {
        delivered: envelopeOf(delivery.request),
        target: this.target,
        outcome,
        attempt,
        failure,
        targetCalled,
      },
      this.identity,
    );
    const value = this.serde.encode(valueSubject(hubTopics.deliveryOutcome), event);
    return { ...outcomeMessage(event, value), topic: this.topics.deliveryOutcome };
  }

  retry(delivery: ChangeRequestDelivery, context: RetryContext): OutgoingMessage {
    return { ...retryMessage(delivery.message, context), topic: this.topics.retry };
  }

  deadLetter(delivery: ChangeRequestDelivery, context: RetryContext): OutgoingMessage {
    const event = deadLetterEvent(
      {
        envelope: envelopeOf(delivery.request),
        target: this.target,
        reason: 'permanent_failure',
        context,
        value: delivery.message.value ?? Buffer.alloc(0),
        rawHeaders: delivery.message.rawHeaders,
        consumedFrom: delivery.consumedFrom,
      },
      this.identity,
    );
    const value = this.serde.encode(valueSubject(hubTopics.deadLetter), event);
    return { ...deadLetterMessage(event, value), topic: this.topics.deadLetter };
  }
}
