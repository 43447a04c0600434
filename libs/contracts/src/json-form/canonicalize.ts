/**
 * Checks an Avro-form value (built by a connector from ERP data, or decoded) as strictly as
 * the JSON form is checked, and returns its canonical spelling (decimals normalized, UUIDs
 * lower-case): the Avro types via avsc, then the hub.format and hub.values checks by a round
 * trip through the JSON form, so there is one set of rules, not two.
 */
import { isNullableSchema, type AvroSchema } from '../avro/avro-schema';
import type { AvroType } from '../avro/avro-type';
import { avroTypeFor } from '../avro/avro-codec';
import type { Type } from 'avsc';
import { fieldReader, jsonFormReader, readField, type JsonFormReader } from './from-json-form';
import { fieldPath, itemPath, rootPath, type FieldError, type ParseResult } from './field-error';
import { write as writeJsonForm } from './to-json-form';

const types = new WeakMap<object, Type>();

/** avsc Types are costly to build; ours are built once per schema object. */
function cachedType(schema: AvroSchema): Type {
  if (typeof schema === 'string' || isNullableSchema(schema)) return avroTypeFor(schema);
  const known = types.get(schema);
  if (known) return known;
  const built = avroTypeFor(schema);
  types.set(schema, built);
  return built;
}

/** avsc reports paths as ['lines', '2', 'sku']; ours read `lines[2].sku`. */
function formatAvscPath(path: readonly string[]): string {
  return path.reduce(
    (text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

function avroTypeErrors(type: Type, value: unknown): FieldError[] {
  // The error hook sends avsc down its slower path-tracking walk: only for a value that fails.
  if (type.isValid(value, { noUndeclaredFields: true })) return [];
  const errors: FieldError[] = [];
  type.isValid(value, {
    noUndeclaredFields: true,
    errorHook: (path) =>
      errors.push({ path: formatAvscPath(path), message: 'does not match its Avro type' }),
  });
  return errors;
}

/** Epoch ms of 0100-01-01 and of 9999-12-31T23:59:59.999Z: what the JSON form can spell. */
const spelledFrom = -59_011_459_200_000;
const spelledTo = 253_402_300_799_999;
const msPerDay = 86_400_000;

/** Canonicalizes an Avro-form value of one schema node, by the JSON form's rules. */
type Canonicalizer = JsonFormReader;

/** The literal round trip: the node's JSON form, read back. */
function roundTrip(schema: AvroSchema): Canonicalizer {
  const read = jsonFormReader(schema);
  return (value, path, errors) => read(writeJsonForm(schema, value), path, errors);
}

function withinSpelled(epochMs: number): boolean {
  return Number.isInteger(epochMs) && epochMs >= spelledFrom && epochMs <= spelledTo;
}

function buildCanonicalizer(schema: AvroSchema): Canonicalizer {
  if (isNullableSchema(schema)) {
    const slow = roundTrip(schema);
    if (schema[1] === 'bytes') return slow;
    const inner = canonicalizerFor(schema[1]);
    return (value, path, errors) =>
      value === null
        ? null
        : value === undefined
          ? slow(value, path, errors)
          : inner(value, path, errors);
  }
  if (schema === 'bytes') return roundTrip(schema);
  // Every other primitive, string, int and enum is its own JSON form.
  if (typeof schema === 'string') return jsonFormReader(schema);
  if ('logicalType' in schema) {
    const slow = roundTrip(schema);
    // `+ 0`: -0 passes the Avro check, and its round trip reads back as 0.
    if (schema.logicalType === 'date')
      return (value, path, errors) =>
        typeof value === 'number' && Number.isInteger(value) && withinSpelled(value * msPerDay)
          ? value + 0
          : slow(value, path, errors);
    return (value, path, errors) =>
      typeof value === 'number' && withinSpelled(value) ? value + 0 : slow(value, path, errors);
  }
  switch (schema.type) {
    case 'record': {
      const fields = schema.fields.map((field) => ({
        reader: fieldReader(field),
        type: field.type,
        canonical: canonicalizerFor(field.type),
      }));
      return (value, path, errors) => {
        const source = value as Record<string, unknown>;
        const record: Record<string, unknown> = {};
        for (const { reader, type, canonical } of fields) {
          const item = source[reader.name];
          if (item === undefined)
            readField(reader, writeJsonForm(type, item), path, record, errors);
          else record[reader.name] = canonical(item, fieldPath(path, reader.name), errors);
        }
        return record;
      };
    }
    case 'array': {
      const items = canonicalizerFor(schema.items);
      return (value, path, errors) =>
        (value as readonly unknown[]).map((item, index) =>
          items(item, itemPath(path, index), errors),
        );
    }
    case 'map': {
      const values = canonicalizerFor(schema.values);
      return (value, path, errors) =>
        Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([key, item]) => [
            key,
            values(item, fieldPath(path, key), errors),
          ]),
        );
    }
    default:
      return jsonFormReader(schema);
  }
}

const canonicalizers = new WeakMap<object, Canonicalizer>();

function canonicalizerFor(schema: AvroSchema): Canonicalizer {
  if (typeof schema === 'string') return buildCanonicalizer(schema);
  const known = canonicalizers.get(schema);
  if (known !== undefined) return known;
  const built = buildCanonicalizer(schema);
  canonicalizers.set(schema, built);
  return built;
}

export function canonicalize<S extends AvroSchema>(
  schema: S,
  value: unknown,
): ParseResult<AvroType<S>>;
export function canonicalize(schema: AvroSchema, value: unknown): ParseResult<unknown> {
  const errors = avroTypeErrors(cachedType(schema), value);
  if (errors.length > 0) return { ok: false, errors };
  const canonical = canonicalizerFor(schema)(value, rootPath, errors);
  return errors.length === 0 ? { ok: true, value: canonical } : { ok: false, errors };
}
