/**
 * The operator actions: retry now, bulk retry (with a dry run), resolve, discard. Each is one
 * Postgres transaction: the conditional UPDATE of the item (two operators cannot both win),
 * its audit row and, for a retry, the redelivery message in the outbox. All commit or none
 * does; the relay (src/retry/redelivery-relay.ts) publishes committed messages.
 */
import { randomUUID } from 'node:crypto';
import type { HubMetrics } from '@hub/observability';
import type { EntityManager } from 'typeorm';
import { ReviewerError } from '../problem/reviewer-error';
import { redeliveryOf } from '../retry/redelivery';
import type { AuditAction, AuditActor, AuditEntry, AuditStore } from '../store/audit-store';
import type { ItemStore } from '../store/item-store';
import type { ItemFilter, ItemStatus, StoredItem } from '../store/item-types';
import { queueRedelivery, toQueuedMessage } from '../store/redelivery-outbox';

export interface ActionDeps {
  readonly items: ItemStore;
  readonly audit: AuditStore;
  /** Runs `work` in one Postgres transaction (DataSource.transaction). */
  readonly transaction: <T>(work: (db: EntityManager) => Promise<T>) => Promise<T>;
  /**
   * False while this replica has no Kafka connection: retries are refused with 503 up front
   * (nothing is committed), so an operator is not shown "retrying" for a message that cannot
   * leave. An outage after the commit is absorbed by the outbox.
   */
  readonly producerReady: () => boolean;
  /** Called once retries are committed: the relay publishes them now rather than at its next tick. */
  readonly onQueued: () => void;
  readonly metrics: HubMetrics;
  readonly now: () => number;
  readonly bulkRetryLimit: number;
  /** Called after any change, so gauges follow soon. */
  readonly onChange: () => void;
}

export type BulkAction = 'retry' | 'resolve' | 'discard';

export interface BulkAnswer {
  readonly dryRun: boolean;
  readonly matched: number;
  /** Items this action moved (committed together with their audit entries). */
  readonly changed: number;
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

export type BulkRetryAnswer = Omit<BulkAnswer, 'changed'> & { readonly retried: number };

const actorFields = (actor: AuditActor) => ({ actor: actor.name, actorId: actor.id });

const RETRYABLE_FROM: readonly ItemStatus[] = ['open'];
const FINISHABLE_FROM: readonly ItemStatus[] = ['open', 'retrying'];

export class DeadLetterActions {
  constructor(private readonly deps: ActionDeps) {}

  /** The most items one bulk retry moves. */
  get bulkRetryLimit(): number {
    return this.deps.bulkRetryLimit;
  }

  /** Answers once the retry is committed; the relay publishes it right after. */
  async retry(id: string, actor: AuditActor, note: string | null): Promise<StoredItem> {
    this.expectKafka();
    const current = await this.existing(id);
    const item = await this.deps.transaction(async (db) => {
      const marked = await this.queueRetry(db, current);
      if (marked instanceof ReviewerError) throw marked;
      await this.record(db, {
        ...actorFields(actor),
        action: 'retry',
        itemId: id,
        note,
        details: { target: marked.target, awaitedAttempt: marked.retryAttempt },
      });
      return marked;
    });
    this.committed('retry', true);
    return item;
  }

  /**
   * Open items matching the filter (a status filter is ignored: only open items are retried),
   * all in one transaction. An item another operator moved meanwhile, or one that cannot be
   * redelivered, is listed in `failed`; a Postgres error commits nothing.
   */
  async bulkRetry(
    filter: ItemFilter,
    dryRun: boolean,
    actor: AuditActor,
    note: string | null,
  ): Promise<BulkRetryAnswer> {
    const { changed, ...answer } = await this.bulk('retry', filter, dryRun, actor, note);
    return { ...answer, retried: changed };
  }

  /**
   * Resolves or discards the open and retrying items matching the filter (a status filter
   * narrows within those two), like a bulk retry: one transaction, the same limit, an audit
   * entry per item and one summary entry; items moved meanwhile are listed in `failed`.
   */
  async bulkFinish(
    action: 'resolve' | 'discard',
    filter: ItemFilter,
    dryRun: boolean,
    actor: AuditActor,
    note: string | null,
  ): Promise<BulkAnswer> {
    return this.bulk(action, filter, dryRun, actor, note);
  }

  private async bulk(
    action: BulkAction,
    filter: ItemFilter,
    dryRun: boolean,
    actor: AuditActor,
    note: string | null,
  ): Promise<BulkAnswer> {
    const from = action === 'retry' ? RETRYABLE_FROM : FINISHABLE_FROM;
    const scope = action === 'retry' ? undefined : filter.status;
    const eligible: ItemFilter = {
      ...filter,
      status: scope === undefined ? from : from.filter((status) => scope.includes(status)),
    };
    const matched = await this.deps.items.count(eligible);
    if (dryRun) return { dryRun, matched, changed: 0, failed: [] };
    if (action === 'retry') this.expectKafka();
    const limit = this.deps.bulkRetryLimit;
    if (matched > limit)
      throw new ReviewerError(
        'TOO_MANY_ITEMS',
        `${String(matched)} items match; one bulk ${action} moves at most ${String(limit)}. Narrow the filter.`,
        false,
        { matched, limit },
      );
    const { items } = await this.deps.items.page(eligible, limit);
    const audited = `bulk-${action}` as const;
    const answer = await this.deps.transaction(async (db) => {
      const failed: { id: string; reason: string }[] = [];
      for (const item of items) {
        const moved =
          action === 'retry'
            ? await this.queueRetry(db, item)
            : ((await this.deps.items.transition(
                db,
                { id: item.id, from, status: action === 'resolve' ? 'resolved' : 'discarded' },
                this.deps.now(),
              )) ?? (await this.lostTo(item, action)));
        if (moved instanceof ReviewerError) {
          failed.push({ id: item.id, reason: moved.message });
          continue;
        }
        // Also on the item, so its own history shows the bulk action that moved it.
        await this.record(db, {
          ...actorFields(actor),
          action: audited,
          itemId: item.id,
          note,
          details: { target: item.target, from: item.status },
        });
      }
      const changed = items.length - failed.length;
      await this.record(db, {
        ...actorFields(actor),
        action: audited,
        itemId: null,
        note,
        details: {
          filter: { ...filter },
          matched,
          changed,
          itemIds: items.map((item) => item.id),
          failed,
        },
      });
      return { dryRun, matched, changed, failed };
    });
    this.committed(audited, action === 'retry' && answer.changed > 0);
    return answer;
  }

  async finish(
    id: string,
    action: 'resolve' | 'discard',
    actor: AuditActor,
    note: string,
  ): Promise<StoredItem> {
    const current = await this.existing(id);
    const status = action === 'resolve' ? 'resolved' : 'discarded';
    const updated = await this.deps.transaction(async (db) => {
      const changed = await this.deps.items.transition(
        db,
        { id, from: FINISHABLE_FROM, status },
        this.deps.now(),
      );
      if (changed === undefined) throw await this.lostTo(current, action);
      await this.record(db, {
        ...actorFields(actor),
        action,
        itemId: id,
        note,
        details: { from: current.status },
      });
      return changed;
    });
    this.committed(action, false);
    return updated;
  }

  private expectKafka(): void {
    if (!this.deps.producerReady())
      throw new ReviewerError(
        'KAFKA_UNAVAILABLE',
        'Kafka is not reachable yet; nothing was retried. Try again shortly.',
        true,
      );
  }

  private async existing(id: string): Promise<StoredItem> {
    const item = await this.deps.items.get(id);
    if (item === undefined) throw new ReviewerError('ITEM_NOT_FOUND', `No dead letter ${id}.`);
    return item;
  }

  /**
   * Locks the item, and if it is still open marks it retrying and queues its redelivery,
   * built from the locked row, in the caller's transaction. A `ReviewerError` when it is no
   * longer open (another operator or an outcome came first) or cannot be redelivered:
   * nothing is written then.
   */
  private async queueRetry(
    db: EntityManager,
    item: StoredItem,
  ): Promise<StoredItem | ReviewerError> {
    const locked = (await this.deps.items.lock(db, item.id)) ?? item;
    const retryId = randomUUID();
    const redelivery = redeliveryOf(locked, retryId);
    if (redelivery === undefined) return notRetriable(locked);
    if (!RETRYABLE_FROM.includes(locked.status)) return notFrom(locked, 'retry');
    const marked = await this.deps.items.transition(
      db,
      {
        id: item.id,
        from: RETRYABLE_FROM,
        status: 'retrying',
        retryAttempt: redelivery.awaitedAttempt,
      },
      this.deps.now(),
    );
    if (marked === undefined) return notFrom(locked, 'retry');
    await queueRedelivery(
      db,
      { itemId: item.id, retryId, message: toQueuedMessage(redelivery.message) },
      this.deps.now(),
    );
    return marked;
  }

  /** The refusal for an item that was no longer in a state to act on, naming its state now. */
  private async lostTo(item: StoredItem, action: string): Promise<ReviewerError> {
    return notFrom((await this.deps.items.get(item.id)) ?? item, action);
  }

  private record(db: EntityManager, entry: AuditEntry): Promise<void> {
    return this.deps.audit.record(entry, this.deps.now(), db);
  }

  private committed(action: AuditAction, queued: boolean): void {
    if (queued) this.deps.onQueued();
    this.deps.metrics.dlqActions.inc({ action });
    this.deps.onChange();
  }
}

function notFrom(item: StoredItem, action: string): ReviewerError {
  return new ReviewerError(
    'INVALID_TRANSITION',
    `Cannot ${action} dead letter ${item.id}: it is ${item.status}.`,
    false,
    { status: item.status },
  );
}

function notRetriable(item: StoredItem): ReviewerError {
  return new ReviewerError(
    'NOT_RETRIABLE',
    `Dead letter ${item.id} (${item.reason}) has no decodable event or target to redeliver; resolve or discard it.`,
  );
}
