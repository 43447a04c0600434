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
      doc: "The entity or notification as the requester sent it (JSON), shown to the owner and the reviewer: a WMS's canonical entity, Odoo's or Dynamics' webhook body, SAP's event data; null when the message carries none (Business Central's thin notification).",
    },
    {
      name: 'canonicalProposalJson',
      type: ['null', { type: 'string', 'hub.format': 'json' }],
      default: null,
      doc: "The proposal in the canonical payload's JSON form, as far as the requester's message tells it: a WMS's whole entity; the fields the ingress maps from a thin notification (Odoo's stock.quant: quantityOnHand). Null when it tells none, or the request was published before this field. Only this is compared with the owner's value.",
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
