/**
 * The JSON form of a value (timestamps as ISO-8601 strings with zone, dates as YYYY-MM-DD,
 * decimals as strings, bytes as base64, optional fields null or absent) to its Avro form,
 * by walking the Avro schema itself: no second copy of any shape. Every problem is
 * reported with its path, not just the first.
 */
import { isNullableSchema, type AvroRecordSchema, type AvroSchema } from '../avro/avro-schema';
import type { AvroType } from '../avro/avro-type';
import { fieldPath, itemPath, rootPath, type FieldError, type ParseResult } from './field-error';
import { readInt, readLogical, readPrimitive, readString, type ScalarRead } from './read-scalar';

function isJsonObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

// Module-level functions threading `errors` through, and each record's field names kept
// per schema object: the walk runs on every event (twice when canonicalizing), so nothing
// in it is rebuilt per call.
const fieldNames = new WeakMap<AvroRecordSchema, ReadonlySet<string>>();

function fieldNamesOf(schema: AvroRecordSchema): ReadonlySet<string> {
  let names = fieldNames.get(schema);
  if (names === undefined) {
    names = new Set(schema.fields.map((field) => field.name));
    fieldNames.set(schema, names);
  }
  return names;
}

function scalar(outcome: ScalarRead, path: string, errors: FieldError[]): unknown {
  if (outcome.ok) return outcome.value;
  errors.push({ path, message: outcome.message });
  return undefined;
}

function readRecord(
  schema: AvroRecordSchema,
  json: unknown,
  path: string,
  errors: FieldError[],
): unknown {
  if (!isJsonObject(json)) {
    errors.push({ path, message: 'must be an object' });
    return undefined;
  }
  const known = fieldNamesOf(schema);
  for (const name of Object.keys(json)) {
    if (!known.has(name))
      errors.push({ path: fieldPath(path, name), message: `is not a field of ${schema.name}` });
  }
  const record: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const value = json[field.name];
    if (value === undefined && field.default !== undefined) {
      record[field.name] = field.default;
    } else if (value === undefined) {
      errors.push({ path: fieldPath(path, field.name), message: 'is required' });
    } else {
      record[field.name] = walk(field.type, value, fieldPath(path, field.name), errors);
    }
  }
  return record;
}

function walk(schema: AvroSchema, json: unknown, path: string, errors: FieldError[]): unknown {
  if (isNullableSchema(schema)) return json === null ? null : walk(schema[1], json, path, errors);
  if (schema === 'string') return scalar(readString(schema, json), path, errors);
  if (schema === 'int') return scalar(readInt(schema, json), path, errors);
  if (typeof schema === 'string') return scalar(readPrimitive(schema, json), path, errors);
  if ('logicalType' in schema) return scalar(readLogical(schema, json), path, errors);
  switch (schema.type) {
    case 'string':
      return scalar(readString(schema, json), path, errors);
    case 'int':
      return scalar(readInt(schema, json), path, errors);
    case 'record':
      return readRecord(schema, json, path, errors);
    case 'enum':
      return typeof json === 'string' && schema.symbols.includes(json)
        ? json
        : scalar(
            { ok: false, message: `must be one of ${schema.symbols.join(', ')}` },
            path,
            errors,
          );
    case 'array':
      if (Array.isArray(json))
        return json.map((item, index) => walk(schema.items, item, itemPath(path, index), errors));
      return scalar({ ok: false, message: 'must be an array' }, path, errors);
    case 'map':
      if (!isJsonObject(json))
        return scalar({ ok: false, message: 'must be an object' }, path, errors);
      return Object.fromEntries(
        Object.entries(json).map(([key, item]) => [
          key,
          walk(schema.values, item, fieldPath(path, key), errors),
        ]),
      );
  }
}

/** Untyped core of fromJsonForm. */
export function readJsonForm(schema: AvroSchema, json: unknown): ParseResult<unknown> {
  const errors: FieldError[] = [];
  const value = walk(schema, json, rootPath, errors);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

export function fromJsonForm<S extends AvroSchema>(
  schema: S,
  json: unknown,
): ParseResult<AvroType<S>>;
export function fromJsonForm(schema: AvroSchema, json: unknown): ParseResult<unknown> {
  // The walk built the value from the schema and found no problem: it has the schema's type.
  return readJsonForm(schema, json);
}
