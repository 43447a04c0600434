import { isStale } from './is-stale';
import { liveLease } from './lease';
import type {
  AppliedVersion,
  BeginAnswer,
  BeginRequest,
  Proceed,
  WriteRecord,
} from './write-types';

export type BeginDecision = Exclude<BeginAnswer, Proceed> | { readonly kind: 'try-lease' };

/**
 * What begin() answers from what is stored, before it tries to take the lease.
 * Order matters: the write record (same event) speaks first, then the stale-write guard
 * (other events of the same entity); only then may the caller race for the lease.
 */
export function decideBegin(
  record: WriteRecord | null,
  guard: AppliedVersion | null,
  request: BeginRequest,
  now: number,
): BeginDecision {
  if (record?.state === 'succeeded')
    return { kind: 'already-done', result: record.result, recordPurged: false };
  if (record?.state === 'failed-permanently')
    return { kind: 'failed-permanently', error: record.error };
  const lease = record === null ? null : liveLease(record.leaseOwner, record.leaseExpiresAt, now);
  if (lease !== null) {
    return {
      kind: 'in-flight-elsewhere',
      leaseOwner: lease.owner,
      leaseExpiresAt: lease.expiresAt,
    };
  }
  if (guard === null) return { kind: 'try-lease' };
  if (
    record === null &&
    guard.correlationId === request.correlationId &&
    guard.version === request.sourceVersion
  ) {
    // The record was purged, but the guard shows this very event applied the current version.
    return { kind: 'already-done', result: null, recordPurged: true };
  }
  if (isStale(request.sourceVersion, guard.version)) {
    return {
      kind: 'superseded',
      appliedVersion: guard.version,
      appliedByCorrelationId: guard.correlationId,
    };
  }
  return { kind: 'try-lease' };
}
