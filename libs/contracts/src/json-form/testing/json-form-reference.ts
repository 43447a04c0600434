/**
 * The JSON-form code as it was at ba66623, before the compiled readers, the direct
 * canonicalize and the arithmetic timestamps: the reference fast-path-equivalence.spec.ts
 * holds the new code to. For specs only (not exported from the lib).
 */
import type { Type } from 'avsc';
import { isNullableSchema, type AvroRecordSchema, type AvroSchema } from '../../avro/avro-schema';
import { avroTypeFor } from '../../avro/avro-codec';
import { fieldPath, itemPath, rootPath, type FieldError, type ParseResult } from '../field-error';
import { readInt, readPrimitive, readString, type ScalarRead } from '../read-scalar';

const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

function referenceCalendarDay(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return same ? ms : undefined;
}

export function referenceParseTimestamp(text: string): number | undefined {
  const match = dateTimePattern.exec(text);
  if (!match) return undefined;
  const day0 = referenceCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (day0 === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offsetMs = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  return day0 + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offsetMs;
}

export const referenceFormatTimestamp = (epochMs: number): string =>
  new Date(epochMs).toISOString();

export function referenceParseDate(text: string): number | undefined {
  const match = datePattern.exec(text);
  if (!match) return undefined;
  const ms = referenceCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return ms === undefined ? undefined : ms / msPerDay;
}

export const referenceFormatDate = (epochDays: number): string =>
  new Date(epochDays * msPerDay).toISOString().slice(0, 10);

const decimalPattern = /^(-)?(\d{1,40})(?:\.(\d{1,40}))?$/;

export function referenceNormalizeDecimal(text: string): string | undefined {
  const match = decimalPattern.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const magnitude = decimals === '' ? integer : `${integer}.${decimals}`;
  return magnitude === '0' ? '0' : `${sign}${magnitude}`;
}

function referenceLogical(schema: { readonly logicalType: string }, json: unknown): ScalarRead {
  if (schema.logicalType === 'date') {
    const days = typeof json === 'string' ? referenceParseDate(json) : undefined;
    return days === undefined
      ? { ok: false, message: 'must be a date YYYY-MM-DD' }
      : { ok: true, value: days };
  }
  const epochMs = typeof json === 'string' ? referenceParseTimestamp(json) : undefined;
  return epochMs === undefined
    ? {
        ok: false,
        message: 'must be an ISO-8601 date-time with zone (e.g. "2024-05-01T10:00:00.000Z")',
      }
    : { ok: true, value: epochMs };
}

function isJsonObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

function scalar(outcome: ScalarRead, path: string, errors: FieldError[]): unknown {
  if (outcome.ok) return outcome.value;
  errors.push({ path, message: outcome.message });
  return undefined;
}

function referenceRecord(
  schema: AvroRecordSchema,
  json: unknown,
  path: string,
  errors: FieldError[],
): unknown {
  if (!isJsonObject(json)) {
    errors.push({ path, message: 'must be an object' });
    return undefined;
  }
  const known = new Set(schema.fields.map((field) => field.name));
  for (const name of Object.keys(json)) {
    if (!known.has(name))
      errors.push({ path: fieldPath(path, name), message: `is not a field of ${schema.name}` });
  }
  const record: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const value = json[field.name];
    if (value === undefined && field.default !== undefined) record[field.name] = field.default;
    else if (value === undefined)
      errors.push({ path: fieldPath(path, field.name), message: 'is required' });
    else record[field.name] = referenceWalk(field.type, value, fieldPath(path, field.name), errors);
  }
  return record;
}

function referenceWalk(
  schema: AvroSchema,
  json: unknown,
  path: string,
  errors: FieldError[],
): unknown {
  if (isNullableSchema(schema))
    return json === null ? null : referenceWalk(schema[1], json, path, errors);
  if (schema === 'string') return scalar(readString(schema, json), path, errors);
  if (schema === 'int') return scalar(readInt(schema, json), path, errors);
  if (typeof schema === 'string') return scalar(readPrimitive(schema, json), path, errors);
  if ('logicalType' in schema) return scalar(referenceLogical(schema, json), path, errors);
  switch (schema.type) {
    case 'string':
      return scalar(readString(schema, json), path, errors);
    case 'int':
      return scalar(readInt(schema, json), path, errors);
    case 'record':
      return referenceRecord(schema, json, path, errors);
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
        return json.map((item, index) =>
          referenceWalk(schema.items, item, itemPath(path, index), errors),
        );
      return scalar({ ok: false, message: 'must be an array' }, path, errors);
    case 'map':
      if (!isJsonObject(json))
        return scalar({ ok: false, message: 'must be an object' }, path, errors);
      return Object.fromEntries(
        Object.entries(json).map(([key, item]) => [
          key,
          referenceWalk(schema.values, item, fieldPath(path, key), errors),
        ]),
      );
  }
}

export function referenceRead(schema: AvroSchema, json: unknown): ParseResult<unknown> {
  const errors: FieldError[] = [];
  const value = referenceWalk(schema, json, rootPath, errors);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

function referenceWrite(schema: AvroSchema, value: unknown): unknown {
  if (isNullableSchema(schema)) return value === null ? null : referenceWrite(schema[1], value);
  if (schema === 'bytes') return Buffer.isBuffer(value) ? value.toString('base64') : null;
  if (typeof schema === 'string') return value;
  if ('logicalType' in schema) {
    const amount = value as number;
    return schema.logicalType === 'date'
      ? referenceFormatDate(amount)
      : referenceFormatTimestamp(amount);
  }
  switch (schema.type) {
    case 'record': {
      const record = value as Record<string, unknown>;
      const json: Record<string, unknown> = {};
      for (const field of schema.fields)
        json[field.name] = referenceWrite(field.type, record[field.name]);
      return json;
    }
    case 'array':
      return (value as readonly unknown[]).map((item) => referenceWrite(schema.items, item));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          referenceWrite(schema.values, item),
        ]),
      );
    default:
      return value;
  }
}

const referenceTypes = new Map<AvroSchema, Type>();

export function referenceCanonicalize(schema: AvroSchema, value: unknown): ParseResult<unknown> {
  let type = referenceTypes.get(schema);
  if (type === undefined) {
    type = avroTypeFor(schema);
    referenceTypes.set(schema, type);
  }
  // No Avro errors listed: canonicalize's own check (unchanged) lists them; callers tell this
  // answer by its empty list.
  if (!type.isValid(value, { noUndeclaredFields: true })) return { ok: false, errors: [] };
  return referenceRead(schema, referenceWrite(schema, value));
}
