import { MessagingError } from '../errors/messaging-error';

// Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian
// int32), then the Avro binary encoding of the value.
// https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format
const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

export function frame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
}

export interface Unframed {
  readonly schemaId: number;
  readonly payload: Buffer;
}

/** Splits a framed value; NOT_CONFLUENT_PAYLOAD when it cannot be one. */
export function unframe(buffer: Buffer | null): Unframed {
  if (buffer === null)
    throw new MessagingError(
      'NOT_CONFLUENT_PAYLOAD',
      'Value is null (a tombstone), not a Confluent payload',
      false,
    );
  if (buffer.length < HEADER_LENGTH) {
    throw new MessagingError(
      'NOT_CONFLUENT_PAYLOAD',
      `Value has ${buffer.length} byte(s), fewer than the 5-byte Confluent header`,
      false,
    );
  }
  const magic = buffer.readUInt8(0);
  if (magic !== MAGIC_BYTE) {
    throw new MessagingError(
      'NOT_CONFLUENT_PAYLOAD',
      `Value starts with byte ${magic}, not the Confluent magic byte 0`,
      false,
    );
  }
  return { schemaId: buffer.readInt32BE(1), payload: buffer.subarray(HEADER_LENGTH) };
}
