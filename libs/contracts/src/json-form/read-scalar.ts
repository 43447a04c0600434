/**
 * Reading one scalar of the JSON form (a leaf of the schema walk in from-json-form.ts).
 * Each reader returns the Avro-form value, or a problem message.
 */
import type {
  AvroDateSchema,
  AvroIntSchema,
  AvroPrimitiveName,
  AvroStringSchema,
  AvroTimestampSchema,
} from '../avro/avro-schema';
import { checkIntFormat, checkStringFormat } from './string-formats';
import { parseDate, parseTimestamp } from './timestamps';

export type ScalarRead =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const read = (value: unknown): ScalarRead => ({ ok: true, value });
const problem = (message: string): ScalarRead => ({ ok: false, message });
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const intRange = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export function readString(schema: AvroStringSchema | 'string', json: unknown): ScalarRead {
  if (typeof json !== 'string') {
    // A JSON number for an amount is the mistake worth naming: floats round ERP amounts.
    const amount = schema !== 'string' && schema['hub.format']?.endsWith('decimal') === true;
    if (!amount) return problem('must be a string');
    return problem(
      typeof json === 'number'
        ? 'must be a decimal string (e.g. "12.50"), not a number'
        : 'must be a decimal string (e.g. "12.50")',
    );
  }
  if (schema === 'string') return read(json);
  const allowed = schema['hub.values'];
  if (allowed !== undefined && !allowed.includes(json))
    return problem(`must be one of ${allowed.join(', ')}`);
  const format = schema['hub.format'];
  if (format === undefined) return read(json);
  const checked = checkStringFormat(format, json);
  return checked.ok ? read(checked.value) : problem(checked.message);
}

export function readInt(schema: AvroIntSchema | 'int', json: unknown): ScalarRead {
  if (
    typeof json !== 'number' ||
    !Number.isInteger(json) ||
    json < intRange.min ||
    json > intRange.max
  ) {
    return problem('must be a 32-bit integer');
  }
  const format = schema === 'int' ? undefined : schema['hub.format'];
  const message = format === undefined ? undefined : checkIntFormat(format, json);
  return message === undefined ? read(json) : problem(message);
}

export function readLogical(
  schema: AvroTimestampSchema | AvroDateSchema,
  json: unknown,
): ScalarRead {
  if (schema.logicalType === 'date') {
    const days = typeof json === 'string' ? parseDate(json) : undefined;
    return days === undefined ? problem('must be a date YYYY-MM-DD') : read(days);
  }
  const epochMs = typeof json === 'string' ? parseTimestamp(json) : undefined;
  return epochMs === undefined
    ? problem('must be an ISO-8601 date-time with zone (e.g. "2024-05-01T10:00:00.000Z")')
    : read(epochMs);
}

export function readPrimitive(
  name: Exclude<AvroPrimitiveName, 'string' | 'int'>,
  json: unknown,
): ScalarRead {
  switch (name) {
    case 'null':
      return json === null ? read(null) : problem('must be null');
    case 'boolean':
      return typeof json === 'boolean' ? read(json) : problem('must be true or false');
    case 'long':
      return Number.isSafeInteger(json) ? read(json) : problem('must be an integer');
    case 'float':
    case 'double':
      return typeof json === 'number' && Number.isFinite(json)
        ? read(json)
        : problem('must be a number');
    case 'bytes':
      return typeof json === 'string' && base64Pattern.test(json)
        ? read(Buffer.from(json, 'base64'))
        : problem('must be base64 text');
  }
}
