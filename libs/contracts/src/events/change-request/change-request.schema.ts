/**
 * Value of `hub.change-request.v1`: a system that does not own an entity type wants a change
 * to it. It never writes the entity itself; the request goes to the owner (a human there,
 * or the owner's own process, decides). The envelope's sourceSystem is the requester.
 */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields } from '../../envelope/envelope-fields';
import { entityTypes } from '../../identity/entity-types';

export const changeRequestSchema = {
  type: 'record',
  name: 'ChangeRequest',
  doc: 'A requested change, routed to the owner of the entity type.',
  fields: [
    {
      name: 'ownerSystem',
      type: { type: 'string', 'hub.format': 'system-id' },
      doc: 'The owner the request is routed to.',
    },
    {
      name: 'requestedBy',
      type: ['null', 'string'],
      default: null,
      doc: 'The user in the requesting system, when known.',
    },
    {
      name: 'reason',
      type: ['null', 'string'],
      default: null,
      doc: 'Why the change is wanted, free text.',
    },
    {
      name: 'proposedPayloadJson',
      type: ['null', { type: 'string', 'hub.format': 'json' }],
      default: null,
      doc: "The entity as the requester would have it, in the canonical payload's JSON form; null when only the notification is known.",
    },
  ],
} as const satisfies AvroRecordSchema;

export const changeRequestEventSchema = {
  type: 'record',
  name: 'ChangeRequestEvent',
  namespace: 'hub.contracts',
  doc: 'hub.change-request.v1',
  fields: [
    ...envelopeFields(entityTypes),
    { name: 'payload', doc: 'The event body.', type: changeRequestSchema },
  ],
} as const satisfies AvroRecordSchema;
