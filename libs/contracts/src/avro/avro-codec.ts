/**
 * avsc Types for our schemas, built one way everywhere (the messaging serde, tests, the
 * DLQ reviewer), so every reader decodes to the same TypeScript type (AvroType<S>):
 * - no logical-type classes are registered: `timestamp-millis` and `date` decode to their
 *   underlying long/int, i.e. plain numbers (epoch ms, epoch days); avsc ignores unknown
 *   logical types by default, and its long type already refuses unsafe integers;
 * - unions are unwrapped (`wrapUnions: 'never'`): our only union is ['null', X], so a
 *   value is `X | null`, never `{ string: X }`.
 */
import { Type, type Schema } from 'avsc';
import type { AvroSchema } from './avro-schema';
import type { AvroType } from './avro-type';

export function avroTypeFor(schema: AvroSchema): Type {
  // avsc's typings want mutable arrays; ours are readonly `as const` literals. A JSON copy
  // is exactly the Avro JSON form the spec defines, so nothing is lost.
  const avroJson = JSON.parse(JSON.stringify(schema)) as Schema;
  return Type.forSchema(avroJson, { wrapUnions: 'never' });
}

export interface AvroCodec<S extends AvroSchema> {
  readonly schema: S;
  readonly type: Type;
  /** Avro binary (no Confluent framing; the messaging serde adds that). Throws on an invalid value. */
  encode(value: AvroType<S>): Buffer;
  /** Decodes data written with this schema, or with `writerType` when given (schema resolution). */
  decode(data: Buffer, writerType?: Type): AvroType<S>;
  isValid(value: unknown): value is AvroType<S>;
}

export function avroCodecFor<S extends AvroSchema>(schema: S): AvroCodec<S> {
  const type = avroTypeFor(schema);
  return {
    schema,
    type,
    encode: (value: unknown) => type.toBuffer(value),
    decode: (data, writerType) => {
      const resolver = writerType === undefined ? undefined : type.createResolver(writerType);
      return type.fromBuffer(data, resolver) as AvroType<S>;
    },
    isValid: (value): value is AvroType<S> => type.isValid(value),
  };
}
