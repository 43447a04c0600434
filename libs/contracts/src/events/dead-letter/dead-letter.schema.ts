/**
 * Value of `hub.dead-letter.v1`: an event no retry will deliver, with the context a human
 * needs to decide. The original message value is embedded as it was consumed (Confluent
 * wire format: magic byte, schema id, Avro body), so it decodes with its own writer schema
 * and can be redelivered byte for byte, whatever its topic. The envelope repeats the
 * original's correlation, entity and source fields; eventId and publishedAt are the dead letter's.
 */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields, timestampMillis } from '../../envelope/envelope-fields';
import { entityTypes } from '../../identity/entity-types';
import { failureSchema } from '../failure/failure.schema';

const deliveryAttemptSchema = {
  type: 'record',
  name: 'DeliveryAttempt',
  fields: [
    {
      name: 'attempt',
      type: { type: 'int', 'hub.format': 'positive' },
      doc: '1 for the first delivery.',
    },
    { name: 'failedAt', type: timestampMillis, doc: 'UTC, epoch milliseconds.' },
    { name: 'failure', type: failureSchema, doc: 'Why this attempt failed.' },
  ],
} as const satisfies AvroRecordSchema;

export const deadLetterSchema = {
  type: 'record',
  name: 'DeadLetter',
  doc: 'An undeliverable event and why.',
  fields: [
    {
      name: 'target',
      type: { type: 'string', 'hub.format': 'system-id' },
      doc: 'The system the event could not be written to.',
    },
    {
      name: 'reason',
      type: {
        type: 'enum',
        name: 'DeadLetterReason',
        symbols: ['permanent_failure', 'retries_exhausted'],
      },
      doc: 'permanent_failure: retrying cannot help (validation, unknown PO, policy); retries_exhausted: the backoff schedule ran out.',
    },
    {
      name: 'originalTopic',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'The topic the original was consumed from.',
    },
    {
      name: 'originalPartition',
      type: ['null', 'int'],
      default: null,
      doc: 'Partition it was consumed from, when it came from Kafka.',
    },
    {
      name: 'originalOffset',
      type: ['null', 'long'],
      default: null,
      doc: 'Offset it was consumed at, when it came from Kafka.',
    },
    {
      name: 'originalEventId',
      type: { type: 'string', 'hub.format': 'uuid' },
      doc: 'eventId of the original.',
    },
    {
      name: 'originalValue',
      type: 'bytes',
      doc: 'The original message value, byte for byte (Confluent wire format).',
    },
    {
      name: 'originalHeaders',
      type: { type: 'map', values: 'string' },
      default: {},
      doc: 'The original Kafka headers, as UTF-8 text.',
    },
    { name: 'firstFailureAt', type: timestampMillis, doc: 'UTC, epoch milliseconds.' },
    {
      name: 'attempts',
      type: { type: 'array', items: deliveryAttemptSchema },
      doc: 'Every failed attempt, oldest first.',
    },
  ],
} as const satisfies AvroRecordSchema;

export const deadLetterEventSchema = {
  type: 'record',
  name: 'DeadLetterEvent',
  namespace: 'hub.contracts',
  doc: 'hub.dead-letter.v1',
  fields: [
    ...envelopeFields(entityTypes),
    { name: 'payload', doc: 'The event body.', type: deadLetterSchema },
  ],
} as const satisfies AvroRecordSchema;
