/** A dead-letter item as the reviewer stores it, and the failed attempts it carries. */

export const itemStatuses = ['open', 'retrying', 'resolved', 'discarded'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** The reason a raw (undecoded) dead letter gets; the others come from the DeadLetter record. */
export const UNDECODABLE = 'undecodable';

export interface AttemptView {
  readonly attempt: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly errorClass: string | null;
  readonly code: string | null;
  readonly message: string;
  readonly httpStatus: number | null;
  /** Whether the attempt came with the dead letter or from the outcome of a retry from here. */
  readonly via: 'dead-letter' | 'retry';
}

export interface NewItem {
  readonly dedupKey: string;
  readonly reason: string;
  readonly target: string | null;
  readonly entityType: string | null;
  readonly entityKey: string | null;
  readonly correlationId: string | null;
  readonly sourceSystem: string | null;
  readonly sourceVersion: number | null;
  readonly deadLetterEventId: string | null;
  readonly originalTopic: string | null;
  readonly originalPartition: number | null;
  readonly originalOffset: number | null;
  readonly originalEventId: string | null;
  /** Original value bytes (embedded in a DeadLetter, or the raw message value). */
  readonly originalValue: Buffer | null;
  readonly originalHeaders: Readonly<Record<string, string>>;
  readonly messageKey: string | null;
  /** Headers of the DLQ message itself (hub-dlq-* for raw items). */
  readonly dlqHeaders: Readonly<Record<string, string>>;
  readonly attempts: readonly AttemptView[];
  readonly errorClass: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string;
  readonly firstFailureAt: number | null;
  readonly lastFailureAt: number | null;
  readonly deadLetteredAt: number;
}

export interface StoredItem extends NewItem {
  readonly id: string;
  readonly status: ItemStatus;
  readonly retryAttempt: number | null;
  readonly retriedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Keyset position for cursor pagination (Postgres timestamp text, microseconds). */
  readonly position: string;
}

export interface ItemFilter {
  readonly status?: readonly ItemStatus[];
  readonly target?: string;
  readonly entityType?: string;
  readonly entityKey?: string;
  readonly errorClass?: string;
  /** The last failure's stable code, e.g. ODOO_VALIDATION. */
  readonly errorCode?: string;
  /** Epoch milliseconds, inclusive, on the dead-lettered time. */
  readonly from?: number;
  /** Epoch milliseconds, exclusive. */
  readonly to?: number;
  /** Text contained in the last error message (case-insensitive, taken literally). */
  readonly text?: string;
}

export interface PageCursor {
  readonly position: string;
  readonly id: string;
}
