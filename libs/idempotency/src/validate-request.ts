import { IdempotencyError } from './idempotency-error';
import type { BeginRequest } from './write-types';

function invalid(message: string): IdempotencyError {
  return new IdempotencyError('IDEMPOTENCY_INVALID_REQUEST', message, false);
}

/** Source versions are epoch milliseconds: whole, non-negative, exactly representable. */
export function assertSourceVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw invalid(`source version must be a non-negative safe integer (epoch ms), got ${version}`);
  }
}

export function assertNonEmpty(field: string, value: string): void {
  if (value.length === 0) throw invalid(`${field} must not be empty`);
}

/** A span of time in whole milliseconds, zero or more. */
export function assertDuration(field: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw invalid(`${field} must be a non-negative whole number of milliseconds, got ${ms}`);
}

export function assertBeginRequest(request: BeginRequest): void {
  assertNonEmpty('target', request.target);
  assertNonEmpty('correlationId', request.correlationId);
  assertNonEmpty('entityType', request.entityType);
  assertNonEmpty('entityKey', request.entityKey);
  assertNonEmpty('leaseOwner', request.leaseOwner);
  assertSourceVersion(request.sourceVersion);
  if (!Number.isSafeInteger(request.leaseMs) || request.leaseMs <= 0) {
    throw invalid(
      `leaseMs must be a positive whole number of milliseconds, got ${request.leaseMs}`,
    );
  }
}
