import { HubError } from '@hub/primitives';
export type IdempotencyErrorCode =
  /** The caller does not hold the lease (taken over after expiry, already finished, or never begun). */
  | 'IDEMPOTENCY_LEASE_NOT_HELD'
  /** A request the store cannot accept (bad version, lease length, empty key). */
  | 'IDEMPOTENCY_INVALID_REQUEST'
  /** begin() lost the lease race repeatedly to workers that released at once; redeliver. */
  | 'IDEMPOTENCY_CONTENDED'
  /** A row read back from Postgres does not have the shape the migrations create. */
  | 'IDEMPOTENCY_UNEXPECTED_ROW';

/**
 * The store's one error type. `retriable` says whether redelivering the event can help:
 * a lost lease is retriable (the next begin() tells the truth: done, or in flight
 * elsewhere); an invalid request is not.
 */
export class IdempotencyError extends HubError {
  override readonly name = 'IdempotencyError';

  constructor(
    override readonly code: IdempotencyErrorCode,
    message: string,
    retriable: boolean,
  ) {
    super(code, message, retriable);
  }
}
