/**
 * The JSON form of a value (timestamps as ISO-8601 strings with zone, dates as YYYY-MM-DD,
 * decimals as strings, bytes as base64, optional fields null or absent) to its Avro form,
 * by walking the Avro schema itself: no second copy of any shape. Every problem is
 * reported with its path, not just the first.
 *
 * The walk runs on every event (canonicalize.ts runs its leaves too), so each schema
 * object is turned once into a reader, a function per node that knows its node's kind,
 * field names and child readers; a message then only runs the checks of its own values.
 */
import {
  isNullableSchema,
  type AvroField,
  type AvroRecordSchema,
  type AvroSchema,
} from '../avro/avro-schema';
import type { AvroType } from '../avro/avro-type';
import { fieldPath, itemPath, rootPath, type FieldError, type ParseResult } from './field-error';
import { readInt, readLogical, readPrimitive, readString, type ScalarRead } from './read-scalar';

/** Reads the JSON form of one schema node found at `path`, adding its problems to `errors`. */
export type JsonFormReader = (json: unknown, path: string, errors: FieldError[]) => unknown;

function isJsonObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

function scalar(outcome: ScalarRead, path: string, errors: FieldError[]): unknown {
  if (outcome.ok) return outcome.value;
  errors.push({ path, message: outcome.message });
  return undefined;
}

function refuse(message: string): JsonFormReader {
  return (_json, path, errors) => scalar({ ok: false, message }, path, errors);
}

export interface FieldReader {
  readonly name: string;
  readonly default: unknown;
  readonly read: JsonFormReader;
}

/** One field of a record: its default when absent, a problem when required. */
export function readField(
  field: FieldReader,
  value: unknown,
  parent: string,
  record: Record<string, unknown>,
  errors: FieldError[],
): void {
  if (value === undefined && field.default !== undefined) {
    record[field.name] = field.default;
  } else if (value === undefined) {
    errors.push({ path: fieldPath(parent, field.name), message: 'is required' });
  } else {
    record[field.name] = field.read(value, fieldPath(parent, field.name), errors);
  }
}

export function fieldReader(field: AvroField): FieldReader {
  return { name: field.name, default: field.default, read: jsonFormReader(field.type) };
}

function recordReader(schema: AvroRecordSchema): JsonFormReader {
  const known: ReadonlySet<string> = new Set(schema.fields.map((field) => field.name));
  const fields = schema.fields.map(fieldReader);
  return (json, path, errors) => {
    if (!isJsonObject(json)) {
      errors.push({ path, message: 'must be an object' });
      return undefined;
    }
    for (const name of Object.keys(json)) {
      if (!known.has(name))
        errors.push({ path: fieldPath(path, name), message: `is not a field of ${schema.name}` });
    }
    const record: Record<string, unknown> = {};
    for (const field of fields) readField(field, json[field.name], path, record, errors);
    return record;
  };
}

function buildReader(schema: AvroSchema): JsonFormReader {
  if (isNullableSchema(schema)) {
    const inner = jsonFormReader(schema[1]);
    return (json, path, errors) => (json === null ? null : inner(json, path, errors));
  }
  if (schema === 'string')
    return (json, path, errors) => scalar(readString(schema, json), path, errors);
  if (schema === 'int') return (json, path, errors) => scalar(readInt(schema, json), path, errors);
  if (typeof schema === 'string')
    return (json, path, errors) => scalar(readPrimitive(schema, json), path, errors);
  if ('logicalType' in schema)
    return (json, path, errors) => scalar(readLogical(schema, json), path, errors);
  switch (schema.type) {
    case 'string':
      return (json, path, errors) => scalar(readString(schema, json), path, errors);
    case 'int':
      return (json, path, errors) => scalar(readInt(schema, json), path, errors);
    case 'record':
      return recordReader(schema);
    case 'enum': {
      const wrong = refuse(`must be one of ${schema.symbols.join(', ')}`);
      return (json, path, errors) =>
        typeof json === 'string' && schema.symbols.includes(json)
          ? json
          : wrong(json, path, errors);
    }
    case 'array': {
      const items = jsonFormReader(schema.items);
      const wrong = refuse('must be an array');
      return (json, path, errors) =>
        Array.isArray(json)
          ? json.map((item, index) => items(item, itemPath(path, index), errors))
          : wrong(json, path, errors);
    }
    case 'map': {
      const values = jsonFormReader(schema.values);
      const wrong = refuse('must be an object');
      return (json, path, errors) =>
        isJsonObject(json)
          ? Object.fromEntries(
              Object.entries(json).map(([key, item]) => [
                key,
                values(item, fieldPath(path, key), errors),
              ]),
            )
          : wrong(json, path, errors);
    }
  }
}

// Built once per schema object (primitive names by name); our schemas hold no references
// by name, so no node is its own ancestor.
const readers = new WeakMap<object, JsonFormReader>();
const primitiveReaders = new Map<string, JsonFormReader>();

export function jsonFormReader(schema: AvroSchema): JsonFormReader {
  const known = typeof schema === 'string' ? primitiveReaders.get(schema) : readers.get(schema);
  if (known !== undefined) return known;
  const built = buildReader(schema);
  if (typeof schema === 'string') primitiveReaders.set(schema, built);
  else readers.set(schema, built);
  return built;
}

/** Untyped core of fromJsonForm. */
export function readJsonForm(schema: AvroSchema, json: unknown): ParseResult<unknown> {
  const errors: FieldError[] = [];
  const value = jsonFormReader(schema)(json, rootPath, errors);
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
