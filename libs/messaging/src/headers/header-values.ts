import { MessagingError } from '../errors/messaging-error';
import type { AttemptRecord } from './hub-headers';

// W3C Trace Context §3.2: version "00" is the only one defined; "ff" is invalid, all-zero ids are invalid.
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export function invalidHeader(header: string, reason: string): MessagingError {
  return new MessagingError('HEADER_INVALID', `Header ${header} ${reason}`, false);
}

export function parseEpochMillis(header: string, text: string): number {
  if (!/^\d{1,16}$/.test(text))
    throw invalidHeader(header, `must be epoch milliseconds, got "${text}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw invalidHeader(header, `is out of range: "${text}"`);
  return value;
}

export function parseCount(header: string, text: string): number {
  if (!/^\d{1,9}$/.test(text))
    throw invalidHeader(header, `must be a non-negative integer, got "${text}"`);
  return Number(text);
}

export function parseNonEmpty(header: string, text: string): string {
  if (text.trim() === '') throw invalidHeader(header, 'must not be empty');
  return text;
}

export function parseTraceparent(header: string, text: string): string {
  const match = traceparentPattern.exec(text);
  if (!match) throw invalidHeader(header, `is not a W3C traceparent: "${text}"`);
  const [, version, traceId, parentId, , rest] = match;
  if (version === 'ff') throw invalidHeader(header, 'has the forbidden version ff');
  if (version === '00' && rest !== undefined)
    throw invalidHeader(header, 'has trailing data after version 00 fields');
  if (traceId === '0'.repeat(32) || parentId === '0'.repeat(16))
    throw invalidHeader(header, 'has an all-zero id');
  return text;
}

function isAttemptRecord(value: unknown): value is AttemptRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isInteger(record['attempt']) &&
    Number.isSafeInteger(record['at']) &&
    typeof record['error'] === 'string' &&
    (record['errorClass'] === undefined || typeof record['errorClass'] === 'string') &&
    (record['code'] === undefined || typeof record['code'] === 'string') &&
    (record['httpStatus'] === undefined || Number.isInteger(record['httpStatus']))
  );
}

export function parseHistory(header: string, text: string): readonly AttemptRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidHeader(header, 'is not JSON');
  }
  if (!Array.isArray(parsed) || !parsed.every(isAttemptRecord)) {
    throw invalidHeader(
      header,
      'must be a JSON array of {attempt, at, error, errorClass?, code?, httpStatus?}',
    );
  }
  return parsed.map(({ attempt, at, error, errorClass, code, httpStatus }) => ({
    attempt,
    at,
    error,
    ...(errorClass === undefined ? {} : { errorClass }),
    ...(code === undefined ? {} : { code }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
  }));
}
