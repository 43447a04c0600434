/**
 * Delivery outcomes: one per delivery attempt, published by connectors; the retry
 * scheduler's circuit breakers and the DLQ reviewer follow them.
 */
import {
  topics,
  type DeliveryOutcomeEvent,
  type DeliveryOutcomeKind,
  type EventEnvelope,
  type EventIdentity,
} from '@hub/contracts';
import type { OutgoingMessage } from '@hub/messaging';
import { envelopeAboutEvent, headersAbout } from './envelope-headers';
import type { ErrorRecord } from '@hub/resilience';

/**
 * The failure code of a write a connector did not attempt because the target's breaker
 * was open. It is reported as failed_transient but says nothing new about the target, so
 * breakers must not count it.
 */
export const CIRCUIT_OPEN = 'CIRCUIT_OPEN';

export interface OutcomeInput {
  /** The envelope of the event delivered. */
  readonly delivered: EventEnvelope;
  readonly target: string;
  readonly outcome: DeliveryOutcomeKind;
  /** 1-based delivery attempt (see deliveryAttempt()). */
  readonly attempt: number;
  readonly targetReference?: string | null;
  readonly failure?: ErrorRecord | null;
  /** Whether this attempt called the target (see breakerSignal). */
  readonly targetCalled: boolean;
}

export function deliveryOutcomeEvent(
  input: OutcomeInput,
  identity: EventIdentity,
): DeliveryOutcomeEvent {
  return {
    ...envelopeAboutEvent(input.delivered, identity),
    payload: {
      deliveredEventId: input.delivered.eventId,
      target: input.target,
      outcome: input.outcome,
      attempt: input.attempt,
      targetReference: input.targetReference ?? null,
      failure: input.failure ?? null,
      targetCalled: input.targetCalled,
    },
  };
}

/** The outcome onto `hub.delivery-outcome.v1`, keyed by entity key; `value` is the encoded event. */
export function outcomeMessage(event: DeliveryOutcomeEvent, value: Buffer): OutgoingMessage {
  return {
    topic: topics.deliveryOutcome,
    key: event.entityKey,
    value,
    headers: headersAbout(event, event.payload.target),
  };
}

/**
 * Whether an outcome tells a breaker something about the target's health, and what. Only
 * an attempt that called the target does: a duplicate, a refusal, a superseded event, a
 * change request that asks for no change or a write held back never reached it, so WMS
 * re-sends during an outage cannot close a breaker. A permanent failure the target answered
 * (a validation error) means it is up. Every kind is named, so a new one must choose.
 */
export function breakerSignal(event: DeliveryOutcomeEvent): 'success' | 'failure' | undefined {
  const { outcome, failure, targetCalled } = event.payload;
  if (!targetCalled) return undefined;
  switch (outcome) {
    case 'succeeded':
    case 'failed_permanent':
      return 'success';
    case 'failed_transient':
      return failure?.code === CIRCUIT_OPEN ? undefined : 'failure';
    // Decided from the hub's own records (or, dead_lettered, by the scheduler's count), not
    // from an answer of the target, whatever targetCalled says.
    case 'duplicate':
    case 'superseded':
    case 'no_change':
    case 'dead_lettered':
      return undefined;
  }
}
