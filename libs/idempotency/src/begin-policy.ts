import { isStale } from './is-stale';
import { liveLease } from './lease';
import type {
  AppliedVersion,
  BeginAnswer,
  BeginRequest,
  Proceed,
  RecordClaim,
  WriteRecord,
} from './write-types';

export type BeginDecision = Exclude<BeginAnswer, Proceed> | { readonly kind: 'try-lease' };

/** What begin() knows when it decides: the event's record, its entity's guard and claim. */
export interface BeginState {
  readonly record: WriteRecord | null;
  readonly guard: AppliedVersion | null;
  readonly claim: RecordClaim | null;
}

/**
 * What begin() answers from what is stored, before it tries to take the lease.
 * Order matters: the write record (same event) speaks first, then the stale-write guard
 * (other events of the same entity), then the record's claim (other writes of the same
 * entity now or in doubt); only then may the caller race for the lease.
 */
export function decideBegin(
  { record, guard, claim }: BeginState,
  request: BeginRequest,
  now: number,
  inDoubtHoldMs: number,
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
  const state = (request.semantics ?? 'state') === 'state';
  const arrival = request.arrivalOrder ?? 0;
  if (state && guard !== null) {
    if (
      record === null &&
      guard.correlationId === request.correlationId &&
      guard.version === request.sourceVersion
    ) {
      // The record was purged, but the guard shows this very event applied the current version.
      return { kind: 'already-done', result: null, recordPurged: true };
    }
    if (isStale(request.sourceVersion, guard.version, arrival, guard.arrivalOrder)) {
      return {
        kind: 'superseded',
        appliedVersion: guard.version,
        appliedByCorrelationId: guard.correlationId,
      };
    }
  }
  return claimDecision(claim, request, now, inDoubtHoldMs, state);
}

function claimDecision(
  claim: RecordClaim | null,
  request: BeginRequest,
  now: number,
  inDoubtHoldMs: number,
  state: boolean,
): BeginDecision {
  if (claim === null || claim.correlationId === request.correlationId) return { kind: 'try-lease' };
  const holder = liveLease(claim.leaseOwner, claim.leaseExpiresAt, now);
  if (holder !== null)
    return {
      kind: 'record-busy',
      correlationId: claim.correlationId,
      leaseOwner: holder.owner,
      leaseExpiresAt: holder.expiresAt,
    };
  if (!state) return { kind: 'try-lease' };
  // Released after a failure, or its holder died: the target may hold that write or not.
  const inDoubtSince = claim.inDoubtSince ?? claim.leaseExpiresAt ?? now;
  const olderThanDoubt = isStale(
    request.sourceVersion,
    claim.version,
    request.arrivalOrder ?? 0,
    claim.arrivalOrder,
  );
  // A newer write may go ahead: once applied, it supersedes the doubtful one.
  if (olderThanDoubt && now - inDoubtSince < inDoubtHoldMs)
    return {
      kind: 'held-by-in-doubt',
      correlationId: claim.correlationId,
      version: claim.version,
      inDoubtSince,
    };
  return { kind: 'try-lease' };
}
