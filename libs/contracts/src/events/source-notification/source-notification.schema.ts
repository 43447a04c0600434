/**
 * Value of `hub.source-notification.v1`: an ERP said "this record changed" without the full
 * record (Business Central sends a resource path, SAP's event a key); the ERP's connector
 * (read side) fetches the record and publishes the canonical event.
 * The entity key is often unknown at this point, so `entityKey` carries the source record
 * id: notifications about one record still share a partition and stay in order.
 */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields, timestampMillis } from '../../envelope/envelope-fields';
import { entityTypes } from '../../identity/entity-types';

export const sourceNotificationSchema = {
  type: 'record',
  name: 'SourceNotification',
  doc: 'A thin change notification from a source system.',
  fields: [
    {
      name: 'changeKind',
      type: { type: 'enum', name: 'ChangeKind', symbols: ['created', 'updated', 'deleted'] },
      doc: 'What happened to the record, as the source reports it.',
    },
    {
      name: 'resource',
      type: { type: 'string', 'hub.format': 'key' },
      doc: "The source's reference to the record: BC resource path, SAP event subject, Odoo model/id.",
    },
    {
      name: 'sourceEventId',
      type: ['null', 'string'],
      default: null,
      doc: "The source's own id of the notification (SAP CloudEvent id), if it has one.",
    },
    {
      name: 'receivedAt',
      type: timestampMillis,
      doc: 'When the ingress received it, UTC, epoch milliseconds.',
    },
    {
      name: 'attributes',
      type: { type: 'map', values: 'string' },
      default: {},
      doc: 'Further source-specific facts the read side needs (company id, subscription id).',
    },
  ],
} as const satisfies AvroRecordSchema;

export const sourceNotificationEventSchema = {
  type: 'record',
  name: 'SourceNotificationEvent',
  namespace: 'hub.contracts',
  doc: 'hub.source-notification.v1',
  fields: [
    ...envelopeFields(entityTypes),
    { name: 'payload', doc: 'The event body.', type: sourceNotificationSchema },
  ],
} as const satisfies AvroRecordSchema;
