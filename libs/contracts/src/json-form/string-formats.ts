/**
 * The checks behind `hub.format` (see avro-schema.ts): what the Avro type cannot say.
 * Each returns the problem as a message, or undefined when the value is fine. Decimals are
 * also normalized (decimal.ts), so `normalize` returns the canonical spelling.
 */
import type { IntFormat, StringFormat } from '../avro/avro-schema';
import { systemIdPattern } from '../identity/system-ids';
import { isNegativeDecimal, normalizeDecimal } from './decimal';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const currencyPattern = /^[A-Z]{3}$/;
// Keys end up in Kafka keys, URLs and ERP reference fields: no control characters.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

export type FormatCheck =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

const pass = (value: string): FormatCheck => ({ ok: true, value });
const problem = (message: string): FormatCheck => ({ ok: false, message });

function checkKey(value: string): FormatCheck {
  const trimmed = value.trim();
  if (trimmed === '') return problem('must not be empty');
  if (value !== trimmed) return problem('must not start or end with whitespace');
  if (controlCharacters.test(value)) return problem('must not contain control characters');
  return pass(value);
}

function checkJson(value: string): FormatCheck {
  try {
    JSON.parse(value);
    return pass(value);
  } catch {
    return problem('must be JSON text');
  }
}

const checks: { readonly [F in StringFormat]: (value: string) => FormatCheck } = {
  decimal: (value) => {
    const canonical = normalizeDecimal(value);
    return canonical === undefined
      ? problem('must be a decimal string (e.g. "12.50")')
      : pass(canonical);
  },
  'non-negative-decimal': (value) => {
    const canonical = normalizeDecimal(value);
    if (canonical === undefined) return problem('must be a decimal string (e.g. "12.50")');
    return isNegativeDecimal(canonical) ? problem('must not be negative') : pass(canonical);
  },
  currency: (value) =>
    currencyPattern.test(value)
      ? pass(value)
      : problem('must be an ISO 4217 currency code (3 upper-case letters)'),
  key: checkKey,
  'key-segment': (value) => {
    const key = checkKey(value);
    return key.ok && value.includes(':') ? problem("must not contain ':'") : key;
  },
  'system-id': (value) =>
    systemIdPattern.test(value) ? pass(value) : problem('must be a system id ([a-z0-9-]+)'),
  uuid: (value) =>
    uuidPattern.test(value) ? pass(value.toLowerCase()) : problem('must be a UUID'),
  json: checkJson,
};

export function checkStringFormat(format: StringFormat, value: string): FormatCheck {
  return checks[format](value);
}

const intChecks: { readonly [F in IntFormat]: (value: number) => string | undefined } = {
  positive: (value) => (value < 1 ? 'must be at least 1' : undefined),
};

export function checkIntFormat(format: IntFormat, value: number): string | undefined {
  return intChecks[format](value);
}
