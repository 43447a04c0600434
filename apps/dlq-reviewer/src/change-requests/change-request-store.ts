/**
 * The reviewer's table of change requests and their delivery state: `pending` until the
 * first outcome, then `delivered` (succeeded, or a duplicate of a delivered one),
 * `no-change` (not delivered: it proposed the owner's current value, outcome `no_change`),
 * `failed` (waiting in the retry queue) or `dead-lettered` (failed for good or retries
 * exhausted; the item is on the dead-letter list). A newer outcome moves the state, an older one read again does not.
 */
import type { ChangeRequestEvent, DeliveryOutcomeEvent, DeliveryOutcomeKind } from '@hub/contracts';
import type { DataSource } from 'typeorm';

export const CHANGE_REQUEST_STATES = [
  'pending',
  'delivered',
  'no-change',
  'failed',
  'dead-lettered',
] as const;
export type ChangeRequestState = (typeof CHANGE_REQUEST_STATES)[number];

const STATE_OF: Readonly<Record<DeliveryOutcomeKind, ChangeRequestState>> = {
  succeeded: 'delivered',
  duplicate: 'delivered',
  no_change: 'no-change',
  // Before `no_change` existed connector-http reported a no-change request as `superseded`
  // (a change request is superseded by nothing else); such outcomes read again keep their meaning.
  superseded: 'no-change',
  failed_transient: 'failed',
  failed_permanent: 'dead-lettered',
  dead_lettered: 'dead-lettered',
};

export interface ChangeRequestView {
  readonly correlationId: string;
  readonly entityType: string;
  readonly entityKey: string;
  readonly requester: string;
  readonly requestedBy: string | null;
  readonly ownerSystem: string | null;
  readonly reason: string | null;
  readonly proposedJson: string | null;
  /** When the requester changed the record (its source version), RFC 3339. */
  readonly changedAt: string;
  readonly state: ChangeRequestState;
  readonly target: string | null;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly lastError: string | null;
  readonly lastOutcomeAt: string | null;
}

export interface ChangeRequestFilter {
  readonly state?: ChangeRequestState;
  readonly entityType?: string;
  readonly entityKey?: string;
}

export interface ChangeRequestPage {
  readonly items: readonly ChangeRequestView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

interface Row {
  correlation_id: string;
  entity_type: string;
  entity_key: string;
  requester: string;
  requested_by: string | null;
  owner_system: string | null;
  reason: string | null;
  proposed_json: string | null;
  source_version: string;
  state: ChangeRequestState;
  target: string | null;
  attempts: number;
  last_error_code: string | null;
  last_error: string | null;
  last_outcome_at: Date | null;
}

const toView = (row: Row): ChangeRequestView => ({
  correlationId: row.correlation_id,
  entityType: row.entity_type,
  entityKey: row.entity_key,
  requester: row.requester,
  requestedBy: row.requested_by,
  ownerSystem: row.owner_system,
  reason: row.reason,
  proposedJson: row.proposed_json,
  changedAt: new Date(Number(row.source_version)).toISOString(),
  state: row.state,
  target: row.target,
  attempts: row.attempts,
  lastErrorCode: row.last_error_code,
  lastError: row.last_error,
  lastOutcomeAt: row.last_outcome_at?.toISOString() ?? null,
});

export class ChangeRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The request itself; its delivery state, if an outcome came first, is kept. */
  async recordRequest(request: ChangeRequestEvent, now: number): Promise<void> {
    const { payload } = request;
    await this.dataSource.query(
      `INSERT INTO "change_requests" ("correlation_id", "entity_type", "entity_key", "requester",
         "source_record_id", "source_version", "owner_system", "requested_by", "reason",
         "proposed_json", "requested_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, to_timestamp($11::double precision / 1000), to_timestamp($12::double precision / 1000))
       ON CONFLICT ("correlation_id") DO UPDATE SET
         "owner_system" = excluded."owner_system", "requested_by" = excluded."requested_by",
         "reason" = excluded."reason", "proposed_json" = excluded."proposed_json",
         "requested_at" = excluded."requested_at"`,
      [
        request.correlationId,
        request.entityType,
        request.entityKey,
        request.sourceSystem,
        request.sourceRecordId,
        request.sourceVersion,
        payload.ownerSystem,
        payload.requestedBy,
        payload.reason,
        payload.proposedPayloadJson,
        request.publishedAt,
        now,
      ],
    );
  }

  /** One outcome of the request's delivery (the caller keeps only change-request targets). */
  async recordOutcome(outcome: DeliveryOutcomeEvent, now: number): Promise<void> {
    const { payload } = outcome;
    await this.dataSource.query(
      `INSERT INTO "change_requests" AS c ("correlation_id", "entity_type", "entity_key", "requester",
         "source_record_id", "source_version", "state", "target", "attempts", "last_error_code",
         "last_error", "last_outcome_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, to_timestamp($12::double precision / 1000), to_timestamp($13::double precision / 1000))
       ON CONFLICT ("correlation_id") DO UPDATE SET
         "state" = excluded."state", "target" = excluded."target",
         "attempts" = GREATEST(c."attempts", excluded."attempts"),
         "last_error_code" = COALESCE(excluded."last_error_code", c."last_error_code"),
         "last_error" = COALESCE(excluded."last_error", c."last_error"),
         "last_outcome_at" = excluded."last_outcome_at", "updated_at" = excluded."updated_at"
       WHERE c."last_outcome_at" IS NULL OR c."last_outcome_at" <= excluded."last_outcome_at"`,
      [
        outcome.correlationId,
        outcome.entityType,
        outcome.entityKey,
        outcome.sourceSystem,
        outcome.sourceRecordId,
        outcome.sourceVersion,
        STATE_OF[payload.outcome],
        payload.target,
        payload.attempt,
        payload.failure?.code ?? null,
        payload.failure?.message ?? null,
        outcome.publishedAt,
        now,
      ],
    );
  }

  /** Newest change first; `page` is 1-based. */
  async page(
    filter: ChangeRequestFilter,
    page: number,
    pageSize: number,
  ): Promise<ChangeRequestPage> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (column: string, value: string | undefined): void => {
      if (value === undefined) return;
      values.push(value);
      conditions.push(`"${column}" = $${String(values.length)}`);
    };
    add('state', filter.state);
    add('entity_type', filter.entityType);
    add('entity_key', filter.entityKey);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const [rows, counted] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT * FROM "change_requests" ${where}
         ORDER BY "source_version" DESC, "correlation_id"
         LIMIT $${String(values.length + 1)} OFFSET $${String(values.length + 2)}`,
        [...values, pageSize, (page - 1) * pageSize],
      ),
      this.dataSource.query<{ total: string }[]>(
        `SELECT count(*) AS total FROM "change_requests" ${where}`,
        values,
      ),
    ]);
    return { items: rows.map(toView), total: Number(counted[0]?.total ?? 0), page, pageSize };
  }
}
