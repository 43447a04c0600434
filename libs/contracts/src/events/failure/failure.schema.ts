/**
 * A failed write, as outcomes and dead letters carry it (the serialized form of
 * @hub/resilience's ErrorRecord: stable code, class, message, HTTP status).
 * Included inline in each schema that uses it, never referenced across subjects.
 */
import type { AvroRecordSchema } from '../../avro/avro-schema';

export const failureSchema = {
  type: 'record',
  name: 'Failure',
  fields: [
    {
      name: 'code',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Stable error code, e.g. ERP_TIMEOUT.',
    },
    {
      name: 'errorClass',
      type: { type: 'enum', name: 'ErrorClass', symbols: ['transient', 'permanent'] },
      doc: 'transient: a retry can help; permanent: it cannot (dead-letter queue).',
    },
    { name: 'message', type: 'string', doc: 'Human-readable description.' },
    {
      name: 'httpStatus',
      type: ['null', 'int'],
      default: null,
      doc: 'The HTTP status that revealed the failure, if any.',
    },
  ],
} as const satisfies AvroRecordSchema;
