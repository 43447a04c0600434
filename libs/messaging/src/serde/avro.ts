import avro from 'avsc';
import { describeError, MessagingError } from '../errors/messaging-error';

/** A plain JSON Avro schema, e.g. `{ type: 'record', name: 'InventoryLevel', fields: [...] }`. */
export type AvroSchema = Readonly<Record<string, unknown>>;

/** What the serde keeps per schema; the avsc type stays inside this lib. */
export interface AvroCodec {
  readonly type: avro.Type;
}

export function avroCodec(schema: AvroSchema | string, what: string): AvroCodec {
  try {
    const parsed: unknown = typeof schema === 'string' ? JSON.parse(schema) : schema;
    return { type: avro.Type.forSchema(parsed as avro.Schema) };
  } catch (error) {
    throw new MessagingError(
      'SCHEMA_INVALID',
      `${what} is not a valid Avro schema: ${describeError(error)}`,
      false,
      { cause: error },
    );
  }
}

/** The Avro binary encoding of a value, or AVRO_INVALID_VALUE naming the fields that do not fit. */
export function encodeAvro(codec: AvroCodec, value: unknown, subject: string): Buffer {
  // Every message is checked; only a failed check is repeated with the error hook, which
  // sends avsc down its slower path-tracking walk.
  if (codec.type.isValid(value)) return codec.type.toBuffer(value);
  const wrongPaths: string[] = [];
  const valid = codec.type.isValid(value, {
    errorHook: (path: string[]) => {
      wrongPaths.push(path.length > 0 ? path.join('.') : '(value)');
    },
  });
  if (!valid) {
    throw new MessagingError(
      'AVRO_INVALID_VALUE',
      `Value does not match the ${subject} schema at: ${wrongPaths.join(', ')}`,
      false,
    );
  }
  return codec.type.toBuffer(value);
}

/** Reads data written with `writer` as `reader` (Avro schema resolution); SCHEMA_INCOMPATIBLE when it cannot. */
export function avroResolver(reader: AvroCodec, writer: AvroCodec, what: string): avro.Resolver {
  try {
    return reader.type.createResolver(writer.type);
  } catch (error) {
    throw new MessagingError('SCHEMA_INCOMPATIBLE', `${what}: ${describeError(error)}`, false, {
      cause: error,
    });
  }
}

/** Decodes with the writer's schema, or through a resolver to the reader's. */
export function decodeAvro(codec: AvroCodec, payload: Buffer, resolver?: avro.Resolver): unknown {
  try {
    return resolver ? codec.type.fromBuffer(payload, resolver) : codec.type.fromBuffer(payload);
  } catch (error) {
    throw new MessagingError(
      'AVRO_DECODE_FAILED',
      `Avro payload does not decode: ${describeError(error)}`,
      false,
      { cause: error },
    );
  }
}
