/**
 * The envelope every hub event carries, inline as the first fields of each topic's value
 * record (each subject stays self-contained: no schema references across subjects).
 * `entityTypes` narrows `entityType`: a canonical topic carries exactly one.
 */
import type { EntityType } from '../identity/entity-types';

export const timestampMillis = { type: 'long', logicalType: 'timestamp-millis' } as const;

export function envelopeFields<const E extends readonly EntityType[]>(entityTypes: E) {
  return [
    {
      name: 'eventId',
      type: { type: 'string', 'hub.format': 'uuid' },
      doc: 'Unique id of this message (a UUID); a retried message keeps it.',
    },
    {
      name: 'correlationId',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Deterministic id of the change (recipe in the README); the idempotency key of every write.',
    },
    {
      name: 'entityType',
      type: { type: 'string', 'hub.values': entityTypes },
      doc: 'Which kind of entity the event is about.',
    },
    {
      name: 'entityKey',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Key of the entity (also the Kafka message key): `<warehouse>:<sku>` or `<poNumber>`.',
    },
    {
      name: 'sourceSystem',
      type: { type: 'string', 'hub.format': 'system-id' },
      doc: 'Id of the system the change came from.',
    },
    {
      name: 'sourceRecordId',
      type: { type: 'string', 'hub.format': 'key' },
      doc: "The record's id in the source system.",
    },
    {
      name: 'sourceVersion',
      type: timestampMillis,
      doc: "The source's change timestamp, UTC, epoch milliseconds. Not unique: ties happen.",
    },
    {
      name: 'publishedAt',
      type: timestampMillis,
      doc: 'When the hub published this message, UTC, epoch milliseconds.',
    },
  ] as const;
}
