/**
 * Outcomes and dead letters are about another event: their envelope is the delivered
 * event's (new id and time), and their headers are full hub headers so the standard
 * message decoder reads them like any other hub message.
 */
import { envelopeAbout, type EventEnvelope, type EventIdentity } from '@hub/contracts';
import { encodeHubHeaders, hubHeaderNames } from '@hub/messaging';

/** Only the envelope fields of an event (a decoded event also has its payload, which envelopeAbout refuses). */
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

export function envelopeAboutEvent(event: EventEnvelope, identity: EventIdentity): EventEnvelope {
  return envelopeAbout(envelopeOf(event), identity);
}

export function headersAbout(event: EventEnvelope, target: string): Record<string, string> {
  return {
    ...encodeHubHeaders(event),
    [hubHeaderNames.target]: target,
  };
}
