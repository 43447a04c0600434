/** The rows of the drift tables as the store hands them out. */
import type { JsonValue } from '@hub/idempotency';
import type { Verdict } from '../compare/verdicts';

export interface Pair {
  readonly entityType: string;
  readonly receiver: string;
}

export type RunLevel = 'L0' | 'L1' | 'L2' | 'L3';
export type RunState = 'running' | 'finished' | 'halted' | 'failed';
export type ItemStatus = 'open' | 'ignored' | 'healed';
export type ItemVerdict = Extract<
  Verdict,
  'drifted' | 'missing-at-receiver' | 'unknown-to-owner' | 'undelivered'
>;

export const ITEM_VERDICTS: readonly Verdict[] = [
  'drifted',
  'missing-at-receiver',
  'unknown-to-owner',
  'undelivered',
];

export interface DriftItem extends Pair {
  readonly entityKey: string;
  readonly verdict: ItemVerdict;
  readonly status: ItemStatus;
  readonly ownerValue: JsonValue | null;
  readonly ownerVersion: number | null;
  readonly receiverValue: JsonValue | null;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly lastRunId: string;
  readonly updatedBy: string | null;
}

export interface PairSummary extends Pair {
  readonly open: number;
  readonly ignored: number;
  readonly lastRun: {
    readonly id: string;
    readonly level: RunLevel;
    readonly state: RunState;
    readonly startedAt: number;
    readonly finishedAt: number | null;
  } | null;
}

export interface ItemRow {
  entity_type: string;
  receiver: string;
  entity_key: string;
  verdict: ItemVerdict;
  status: ItemStatus;
  owner_value: JsonValue | null;
  owner_version: string | null;
  receiver_value: JsonValue | null;
  first_seen_at: Date;
  last_seen_at: Date;
  last_run_id: string;
  updated_by: string | null;
}

export function toItem(row: ItemRow): DriftItem {
  return {
    entityType: row.entity_type,
    receiver: row.receiver,
    entityKey: row.entity_key,
    verdict: row.verdict,
    status: row.status,
    ownerValue: row.owner_value,
    ownerVersion: row.owner_version === null ? null : Number(row.owner_version),
    receiverValue: row.receiver_value,
    firstSeenAt: row.first_seen_at.getTime(),
    lastSeenAt: row.last_seen_at.getTime(),
    lastRunId: row.last_run_id,
    updatedBy: row.updated_by,
  };
}

export interface RunRecord extends Pair {
  readonly id: string;
  readonly level: RunLevel;
  readonly scope: JsonValue;
  readonly state: RunState;
  readonly counts: Readonly<Record<string, number>> | null;
  readonly erpCalls: number;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly approvedBy: string | null;
}

export interface RunRow {
  id: string;
  entity_type: string;
  receiver: string;
  level: RunLevel;
  scope: JsonValue;
  state: RunState;
  counts: Record<string, number> | null;
  erp_calls: number;
  started_at: Date;
  finished_at: Date | null;
  approved_by: string | null;
}

export function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    entityType: row.entity_type,
    receiver: row.receiver,
    level: row.level,
    scope: row.scope,
    state: row.state,
    counts: row.counts,
    erpCalls: row.erp_calls,
    startedAt: row.started_at.getTime(),
    finishedAt: row.finished_at?.getTime() ?? null,
    approvedBy: row.approved_by,
  };
}
