/**
 * The notification that a target's retries may be sendable sooner than its loops planned
 * (a row taken in, a breaker closed or half-open, a probe answered): `pg_notify` on the
 * schema's channel, delivered at commit to every replica's DueListener.
 */
import type { EntityManager } from 'typeorm';

/** Postgres channel names are identifiers: at most 63 bytes. */
const CHANNEL_BYTES = 63;

/** The schema's channel; dueNoticeSql builds the same name from current_schema(). */
export function dueChannel(schema: string): string {
  return `retry_due_${schema}`.slice(0, CHANNEL_BYTES);
}

/**
 * A select-list expression that notifies the loops of the target `targetExpression` names
 * (the search path is the scheduler's schema). Postgres folds the same notice sent twice in
 * one transaction into one.
 */
export function dueNoticeSql(targetExpression: string): string {
  return `pg_notify(left('retry_due_' || current_schema(), ${String(CHANNEL_BYTES)}), ${targetExpression})`;
}

/** Notifies the target's loops when the surrounding transaction commits. */
export async function notifyDue(manager: EntityManager, target: string): Promise<void> {
  await manager.query(`SELECT ${dueNoticeSql('$1::text')}`, [target]);
}
