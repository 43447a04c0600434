/**
 * Just the envelope fields of an event. envelopeAbout() (and so deadLetterEvent() and
 * deliveryOutcomeEvent()) refuses an event that still carries its payload.
 */
import type { EventEnvelope } from '@hub/contracts';

export function envelopeOf(event: EventEnvelope): EventEnvelope {
  return {
    eventId: event.eventId,
    correlationId: event.correlationId,
    entityType: event.entityType,
    entityKey: event.entityKey,
    sourceSystem: event.sourceSystem,
    sourceRecordId: event.sourceRecordId,
    sourceVersion: event.sourceVersion,
    publishedAt: event.publishedAt,
  };
}
