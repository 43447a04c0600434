/**
 * The Avro form of a value back to its JSON form (the inverse of fromJsonForm): for JSON
 * webhooks (connector-http), operator views and logs. Optional fields are written as null.
 */
import { isNullableSchema, type AvroSchema } from '../avro/avro-schema';
import type { AvroType } from '../avro/avro-type';
import { formatDate, formatTimestamp } from './timestamps';

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Untyped core of toJsonForm, for callers that validated the value another way. */
export function write(schema: AvroSchema, value: unknown): JsonValue {
  if (isNullableSchema(schema)) return value === null ? null : write(schema[1], value);
  if (schema === 'bytes') return Buffer.isBuffer(value) ? value.toString('base64') : null;
  if (typeof schema === 'string') return value as JsonValue;
  if ('logicalType' in schema) {
    const amount = value as number;
    return schema.logicalType === 'date' ? formatDate(amount) : formatTimestamp(amount);
  }
  switch (schema.type) {
    case 'record': {
      const record = value as Record<string, unknown>;
      // A loop, not fromEntries over a mapped array: this runs for every event.
      const json: Record<string, JsonValue> = {};
      for (const field of schema.fields) json[field.name] = write(field.type, record[field.name]);
      return json;
    }
    case 'array':
      return (value as readonly unknown[]).map((item) => write(schema.items, item));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          write(schema.values, item),
        ]),
      );
    default:
      return value as JsonValue;
  }
}

/** Expects a valid value of the schema (as decoded or built with the AvroType); no checks. */
export function toJsonForm<S extends AvroSchema>(schema: S, value: AvroType<S>): JsonValue;
export function toJsonForm(schema: AvroSchema, value: unknown): JsonValue {
  return write(schema, value);
}
