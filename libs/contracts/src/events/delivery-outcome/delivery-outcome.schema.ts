/**
 * Value of `hub.delivery-outcome.v1`: what became of one delivery of one event to one
 * target. The envelope repeats the delivered event's correlation, entity and source fields;
 * its own eventId and publishedAt are the outcome's.
 */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields } from '../../envelope/envelope-fields';
import { entityTypes } from '../../identity/entity-types';
import { failureSchema } from '../failure/failure.schema';

export const deliveryOutcomeSchema = {
  type: 'record',
  name: 'DeliveryOutcome',
  doc: 'The result of one delivery attempt.',
  fields: [
    {
      name: 'deliveredEventId',
      type: { type: 'string', 'hub.format': 'uuid' },
      doc: 'eventId of the event delivered.',
    },
    {
      name: 'target',
      type: { type: 'string', 'hub.format': 'system-id' },
      doc: 'The system written to.',
    },
    {
      name: 'outcome',
      doc: 'What became of the delivery.',
      type: {
        type: 'enum',
        name: 'DeliveryOutcomeKind',
        doc: "succeeded: written; duplicate: written before (correlation id known), not written again; superseded: older than the version applied, skipped; failed_transient: onto the retry queue; failed_permanent: onto the dead-letter queue; dead_lettered: retries exhausted, onto the dead-letter queue; no_change: nothing to write (a change request proposing the owner's current value), the target not called. No default on purpose: a reader whose schema lacks a newer symbol cannot decode it, and its consumer dead-letters the message as undecodable, visible to an operator, instead of reading an unknown kind as a known one; readers are upgraded first.",
        symbols: [
          'succeeded',
          'duplicate',
          'superseded',
          'failed_transient',
          'failed_permanent',
          'dead_lettered',
          'no_change',
        ],
      },
    },
    {
      name: 'attempt',
      type: { type: 'int', 'hub.format': 'positive' },
      doc: '1 for the first delivery, then counting retries.',
    },
    {
      name: 'targetReference',
      type: ['null', 'string'],
      default: null,
      doc: "The target's id of what was written (e.g. the ERP document number), when it has one.",
    },
    {
      name: 'failure',
      type: ['null', failureSchema],
      default: null,
      doc: 'Why it failed; null unless the outcome is a failure.',
    },
    {
      name: 'targetCalled',
      type: 'boolean',
      default: false,
      doc: "True when this attempt called the target and it answered or failed to; only such outcomes say anything about the target's health (circuit breakers count nothing else).",
    },
  ],
} as const satisfies AvroRecordSchema;

export const deliveryOutcomeEventSchema = {
  type: 'record',
  name: 'DeliveryOutcomeEvent',
  namespace: 'hub.contracts',
  doc: 'hub.delivery-outcome.v1',
  fields: [
    ...envelopeFields(entityTypes),
    { name: 'payload', doc: 'The event body.', type: deliveryOutcomeSchema },
  ],
} as const satisfies AvroRecordSchema;
