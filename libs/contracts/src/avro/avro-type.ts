/**
 * The TypeScript type of the values a schema describes, derived at the type level, so the
 * Avro schema stays the one source of truth: `type InventoryLevel = AvroType<typeof schema>`.
 * Values are what avsc decodes (see avro-codec.ts): records are objects with every field
 * present, optional fields are `X | null`, longs and logical types are plain numbers,
 * bytes are Buffers.
 */
import type { AvroField, AvroPrimitiveName } from './avro-schema';

interface PrimitiveValues {
  null: null;
  boolean: boolean;
  int: number;
  long: number;
  float: number;
  double: number;
  bytes: Buffer;
  string: string;
}

type OrNull<T> = T | null;

// A schema typed only as AvroRecordSchema (not a literal) has no known fields: its values
// are plain records, and the type stops there instead of recursing without end.
type RecordValue<Fields extends readonly AvroField[]> = string extends Fields[number]['name']
  ? Readonly<Record<string, unknown>>
  : { readonly [F in Fields[number] as F['name']]: AvroType<F['type']> };

export type AvroType<S> = S extends AvroPrimitiveName
  ? PrimitiveValues[S]
  : S extends readonly ['null', infer Inner]
    ? OrNull<AvroType<Inner>>
    : S extends {
          readonly type: 'record';
          readonly fields: infer Fields extends readonly AvroField[];
        }
      ? RecordValue<Fields>
      : S extends { readonly type: 'enum'; readonly symbols: readonly (infer Symbol)[] }
        ? Symbol
        : S extends { readonly type: 'array'; readonly items: infer Items }
          ? readonly AvroType<Items>[]
          : S extends { readonly type: 'map'; readonly values: infer Values }
            ? Readonly<Record<string, AvroType<Values>>>
            : S extends { readonly type: 'string'; readonly 'hub.values': readonly (infer Value)[] }
              ? Value
              : S extends { readonly type: infer Name extends AvroPrimitiveName }
                ? PrimitiveValues[Name]
                : never;
