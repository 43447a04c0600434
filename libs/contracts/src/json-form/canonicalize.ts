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
import { readJsonForm } from './from-json-form';
import { type FieldError, type ParseResult } from './field-error';
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

export function canonicalize<S extends AvroSchema>(
  schema: S,
  value: unknown,
): ParseResult<AvroType<S>>;
export function canonicalize(schema: AvroSchema, value: unknown): ParseResult<unknown> {
  const errors = avroTypeErrors(cachedType(schema), value);
  if (errors.length > 0) return { ok: false, errors };
  return readJsonForm(schema, writeJsonForm(schema, value));
}
