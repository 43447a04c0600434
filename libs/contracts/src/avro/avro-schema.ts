/**
 * The subset of Avro (https://avro.apache.org/docs/1.11.1/specification/) our contracts use,
 * as TypeScript types, so every schema is checked with `satisfies AvroRecordSchema` and
 * its value type can be derived from it (see avro-type.ts).
 *
 * Two metadata attributes of our own sit on `string` (and `int`) schemas. The Avro spec
 * permits attributes it does not define "as metadata" that "must not affect the format of
 * serialized data": readers and the registry ignore them, we use them for the TS type and
 * the JSON-form checks.
 * - `hub.values`: the allowed values; the TS type narrows to their union. Used where an
 *   Avro enum cannot serve: enum symbols may not contain '-', and our ids do
 *   (`inventory-level`, `business-central`).
 * - `hub.format`: a semantic check the Avro type cannot express (see string-formats.ts).
 */
export type AvroPrimitiveName =
  'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export type StringFormat =
  | 'decimal'
  | 'non-negative-decimal'
  | 'currency'
  | 'key'
  | 'key-segment'
  | 'system-id'
  | 'uuid'
  | 'json';

export type IntFormat = 'positive';

export interface AvroStringSchema {
  readonly type: 'string';
  readonly 'hub.values'?: readonly string[];
  readonly 'hub.format'?: StringFormat;
}

export interface AvroIntSchema {
  readonly type: 'int';
  readonly 'hub.format'?: IntFormat;
}

/** Decoded as a plain number of epoch milliseconds (no Date objects anywhere). */
export interface AvroTimestampSchema {
  readonly type: 'long';
  readonly logicalType: 'timestamp-millis';
}

/** Decoded as a plain number of days since 1970-01-01. */
export interface AvroDateSchema {
  readonly type: 'int';
  readonly logicalType: 'date';
}

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: unknown;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly symbols: readonly string[];
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

/** The only union we use: an optional value. Its field must carry `default: null`. */
export type AvroNullableSchema = readonly ['null', AvroSchema];

export type AvroSchema =
  | AvroPrimitiveName
  | AvroStringSchema
  | AvroIntSchema
  | AvroTimestampSchema
  | AvroDateSchema
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroNullableSchema;

export function isNullableSchema(schema: AvroSchema): schema is AvroNullableSchema {
  return Array.isArray(schema);
}
