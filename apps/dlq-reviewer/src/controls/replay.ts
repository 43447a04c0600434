/**
 * Replay: every dead letter the reviewer stores for one entity key or one correlation id
 * of a target goes out again through the operator-retry path (the outbox, the target's
 * retry topic, the scheduler's breaker and drain rate), whatever it became since (open,
 * resolved, discarded); one being retried already is left alone. The connector's
 * idempotency still applies: a write already applied is a no-op there (duplicate or
 * superseded), and the answer says so for each item, from the applied-version table.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ReviewerError } from '../problem/reviewer-error';
import { redeliveryOf } from '../retry/redelivery';
import type { AppliedVersionView } from '../store/applied-version-reader';
import type { AuditActor, AuditStore } from '../store/audit-store';
import type { ItemStore } from '../store/item-store';
import type { ItemStatus, StoredItem } from '../store/item-types';
import { queueRedelivery, toQueuedMessage } from '../store/redelivery-outbox';
import { countedControl, type ControlMetrics } from './control-metrics';

export type ReplayKey =
  | { readonly entityKey: string; readonly correlationId?: undefined }
  | { readonly correlationId: string; readonly entityKey?: undefined };

export interface ReplayedItem {
  readonly id: string;
  readonly correlationId: string | null;
  readonly entityKey: string | null;
  readonly statusBefore: ItemStatus;
  /** no-op: the target already holds this version or a newer one; the connector writes nothing. */
  readonly expected: 'write' | 'no-op';
  readonly why: string;
}

export interface ReplayAnswer {
  readonly target: string;
  readonly replayed: readonly ReplayedItem[];
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

export interface ReplayDeps {
  readonly items: ItemStore;
  readonly audit: AuditStore;
  readonly transaction: <T>(work: (db: EntityManager) => Promise<T>) => Promise<T>;
  readonly appliedVersions: {
    find(key: {
      target: string;
      entityType: string;
      entityKey: string;
    }): Promise<AppliedVersionView | null>;
  };
  readonly producerReady: () => boolean;
  readonly onQueued: () => void;
  readonly now: () => number;
  /** The most items one replay moves (DLQ_BULK_RETRY_LIMIT). */
  readonly limit: number;
  readonly metrics: ControlMetrics;
}

const REPLAYABLE_FROM: readonly ItemStatus[] = ['open', 'resolved', 'discarded'];

export class Replays {
  constructor(private readonly deps: ReplayDeps) {}

  replay(
    target: string,
    key: ReplayKey,
    actor: AuditActor,
    note: string | null,
  ): Promise<ReplayAnswer> {
    return countedControl(this.deps.metrics, target, 'replay', () =>
      this.requeueAll(target, key, actor, note),
    );
  }

  private async requeueAll(
    target: string,
    key: ReplayKey,
    actor: AuditActor,
    note: string | null,
  ): Promise<ReplayAnswer> {
    if (!this.deps.producerReady())
      throw new ReviewerError(
        'KAFKA_UNAVAILABLE',
        'Kafka is not reachable yet; nothing was replayed. Try again shortly.',
        true,
      );
    const ids = await this.matching(target, key);
    if (ids.length === 0)
      throw new ReviewerError(
        'NOTHING_TO_REPLAY',
        `No dead letter of ${target} with ${describe(key)} is stored; nothing was replayed.`,
      );
    const answer = await this.deps.transaction(async (db) => {
      const replayed: ReplayedItem[] = [];
      const skipped: { id: string; reason: string }[] = [];
      for (const id of ids) {
        const item = await this.deps.items.lock(db, id);
        if (item === undefined) continue;
        const done = await this.requeue(db, item);
        if (typeof done === 'string') skipped.push({ id, reason: done });
        else replayed.push(done);
      }
      await this.deps.audit.record(
        {
          actor: actor.name,
          actorId: actor.id,
          action: 'target-replay',
          itemId: null,
          note,
          details: { target, ...key, replayed: replayed.map((item) => item.id), skipped },
        },
        this.deps.now(),
        db,
      );
      for (const item of replayed)
        await this.deps.audit.record(
          {
            actor: actor.name,
            actorId: actor.id,
            action: 'target-replay',
            itemId: item.id,
            note,
            details: { target, from: item.statusBefore, expected: item.expected },
          },
          this.deps.now(),
          db,
        );
      return { target, replayed, skipped };
    });
    if (answer.replayed.length > 0) this.deps.onQueued();
    return answer;
  }

  private async matching(target: string, key: ReplayKey): Promise<string[]> {
    const column = key.entityKey === undefined ? 'correlation_id' : 'entity_key';
    const rows: { id: string }[] = await this.deps.transaction((db) =>
      db.query(
        `SELECT "id" FROM "dead_letter_items" WHERE "target" = $1 AND "${column}" = $2
          ORDER BY "id" LIMIT $3`,
        [target, key.entityKey ?? key.correlationId, this.deps.limit + 1],
      ),
    );
    if (rows.length > this.deps.limit)
      throw new ReviewerError(
        'TOO_MANY_ITEMS',
        `More than ${String(this.deps.limit)} dead letters match; one replay moves at most that many.`,
        false,
        { limit: this.deps.limit },
      );
    return rows.map((row) => row.id);
  }

  /** The item queued again, or why not. */
  private async requeue(db: EntityManager, item: StoredItem): Promise<ReplayedItem | string> {
    if (!REPLAYABLE_FROM.includes(item.status)) return `it is ${item.status} (in flight already)`;
    const retryId = randomUUID();
    const redelivery = redeliveryOf(item, retryId);
    if (redelivery === undefined) return 'it has no decodable event or target to redeliver';
    const moved = await this.deps.items.transition(
      db,
      {
        id: item.id,
        from: REPLAYABLE_FROM,
        status: 'retrying',
        retryAttempt: redelivery.awaitedAttempt,
      },
      this.deps.now(),
    );
    if (moved === undefined) return 'another action moved it meanwhile';
    await queueRedelivery(
      db,
      { itemId: item.id, retryId, message: toQueuedMessage(redelivery.message) },
      this.deps.now(),
    );
    return { ...(await this.expectation(item)), statusBefore: item.status };
  }

  private async expectation(item: StoredItem): Promise<Omit<ReplayedItem, 'statusBefore'>> {
    const base = { id: item.id, correlationId: item.correlationId, entityKey: item.entityKey };
    const { target, entityType, entityKey, sourceVersion } = item;
    const applied =
      target === null || entityType === null || entityKey === null
        ? null
        : await this.deps.appliedVersions.find({ target, entityType, entityKey });
    if (applied === null || sourceVersion === null || applied.sourceVersion < sourceVersion)
      return { ...base, expected: 'write', why: 'the target does not hold this version yet' };
    return {
      ...base,
      expected: 'no-op',
      why:
        `version ${String(applied.sourceVersion)} (correlation ${applied.correlationId}) is already applied; ` +
        "the connector's idempotency answers duplicate or superseded and writes nothing",
    };
  }
}

function describe(key: ReplayKey): string {
  return key.entityKey === undefined
    ? `correlation id ${key.correlationId}`
    : `entity key ${key.entityKey}`;
}
