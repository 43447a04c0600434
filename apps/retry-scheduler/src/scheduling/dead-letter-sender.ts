/**
 * Exhausted retries onto hub.dead-letter.v1 with their whole history, plus one
 * `dead_lettered` outcome so the DLQ reviewer and dashboards see the end of the story.
 */
import { topics, valueSubject, type EventEnvelope, type EventIdentity } from '@hub/contracts';
import {
  deadLetterEvent,
  deadLetterMessage,
  deliveryOutcomeEvent,
  envelopeOf,
  outcomeMessage,
  readRetryContext,
  RetryProtocolError,
  withTraceparent,
} from '@hub/delivery-protocol';
import type { OutgoingMessage, SchemaRegistrySerde } from '@hub/messaging';
import type { ClaimedRow } from '../store/schedule-store';

/** The envelope fields of a decoded canonical event (the payload is left out). */
function decodedEnvelope(decoded: unknown): EventEnvelope {
  if (typeof decoded !== 'object' || decoded === null)
    throw new RetryProtocolError('A retried value must decode to a hub event');
  // buildEnvelope (inside deadLetterEvent) checks every field against the envelope schema.
  return envelopeOf(decoded as EventEnvelope);
}

/** `traceparent`: the span sending them (see traced-send.ts); the record keeps the row's headers. */
export async function deadLetterMessages(
  row: ClaimedRow,
  serde: SchemaRegistrySerde,
  identity: EventIdentity,
  traceparent?: string,
): Promise<OutgoingMessage[]> {
  const context = readRetryContext(row.headers);
  if (context === undefined)
    throw new RetryProtocolError('A scheduled retry lost its retry headers');
  const envelope = decodedEnvelope(await serde.decode(row.value));
  const deadLetter = deadLetterEvent(
    {
      envelope,
      target: row.target,
      reason: 'retries_exhausted',
      context,
      value: row.value,
      rawHeaders: row.headers,
      consumedFrom: row.consumedFrom,
    },
    identity,
  );
  const last = context.history.at(-1);
  const outcome = deliveryOutcomeEvent(
    {
      delivered: envelope,
      target: row.target,
      outcome: 'dead_lettered',
      attempt: context.attempts,
      targetCalled: false,
      failure:
        last === undefined
          ? null
          : {
              code: last.code ?? 'UNKNOWN',
              errorClass: last.errorClass === 'permanent' ? 'permanent' : 'transient',
              message: last.error,
              httpStatus: last.httpStatus ?? null,
            },
    },
    identity,
  );
  return [
    deadLetterMessage(deadLetter, serde.encode(valueSubject(topics.deadLetter), deadLetter)),
    outcomeMessage(outcome, serde.encode(valueSubject(topics.deliveryOutcome), outcome)),
  ].map((message) => withTraceparent(message, traceparent));
}
