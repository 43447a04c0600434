/**
 * The operator actions: retry now, bulk retry (with a dry run), resolve, discard. Each
 * checks the item's state with a conditional UPDATE (two operators cannot both win),
 * writes the audit log and counts itself.
 */
import { randomUUID } from 'node:crypto';
import type { HubMetrics, Logger } from '@hub/observability';
import type { MessageSender } from '@hub/messaging';
import { errorMessage } from '@hub/resilience';
import { ReviewerError } from '../problem/reviewer-error';
import { redeliveryOf } from '../retry/redelivery';
import type { AuditActor, AuditStore } from '../store/audit-store';
import type { ItemStore } from '../store/item-store';
import type { ItemFilter, ItemStatus, StoredItem } from '../store/item-types';

export interface ActionDeps {
  readonly items: ItemStore;
  readonly audit: AuditStore;
  readonly producer: MessageSender;
  /** False while Kafka is unreachable: retries are refused with 503 up front. */
  readonly producerReady: () => boolean;
  readonly metrics: HubMetrics;
  readonly logger: Logger;
  readonly now: () => number;
  readonly bulkRetryLimit: number;
  /** Called after any change, so gauges follow soon. */
  readonly onChange: () => void;
}

export interface BulkRetryAnswer {
  readonly dryRun: boolean;
  readonly matched: number;
  readonly retried: number;
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

const actorFields = (actor: AuditActor) => ({ actor: actor.name, actorId: actor.id });

const RETRYABLE_FROM: readonly ItemStatus[] = ['open'];
const FINISHABLE_FROM: readonly ItemStatus[] = ['open', 'retrying'];

export class DeadLetterActions {
  constructor(private readonly deps: ActionDeps) {}

  /** The most items one bulk retry moves. */
  get bulkRetryLimit(): number {
    return this.deps.bulkRetryLimit;
  }

  async retry(id: string, actor: AuditActor, note: string | null): Promise<StoredItem> {
    this.expectKafka();
    const item = await this.redeliver(await this.existing(id));
    await this.deps.audit.record(
      {
        ...actorFields(actor),
        action: 'retry',
        itemId: id,
        note,
        details: { target: item.target, awaitedAttempt: item.retryAttempt },
      },
      this.deps.now(),
    );
    this.deps.metrics.dlqActions.inc({ action: 'retry' });
    this.deps.onChange();
    return item;
  }

  /** Open items matching the filter (a status filter is ignored: only open items are retried). */
  async bulkRetry(
    filter: ItemFilter,
    dryRun: boolean,
    actor: AuditActor,
    note: string | null,
  ): Promise<BulkRetryAnswer> {
    const openOnly: ItemFilter = { ...filter, status: ['open'] };
    const matched = await this.deps.items.count(openOnly);
    if (dryRun) return { dryRun, matched, retried: 0, failed: [] };
    this.expectKafka();
    const limit = this.deps.bulkRetryLimit;
    if (matched > limit)
      throw new ReviewerError(
        'TOO_MANY_ITEMS',
        `${String(matched)} open items match; one bulk retry moves at most ${String(limit)}. Narrow the filter.`,
        false,
        { matched, limit },
      );
    const { items } = await this.deps.items.page(openOnly, limit);
    const failed: { id: string; reason: string }[] = [];
    let retried = 0;
    for (const item of items) {
      try {
        await this.redeliver(item);
        retried += 1;
        // Also on the item, so its own history shows the bulk retry that moved it.
        await this.deps.audit.record(
          {
            ...actorFields(actor),
            action: 'bulk-retry',
            itemId: item.id,
            note,
            details: { target: item.target },
          },
          this.deps.now(),
        );
      } catch (error) {
        failed.push({ id: item.id, reason: errorMessage(error) });
      }
    }
    await this.deps.audit.record(
      {
        ...actorFields(actor),
        action: 'bulk-retry',
        itemId: null,
        note,
        details: {
          filter: { ...filter },
          matched,
          retried,
          itemIds: items.map((item) => item.id),
          failed,
        },
      },
      this.deps.now(),
    );
    this.deps.metrics.dlqActions.inc({ action: 'bulk-retry' });
    this.deps.onChange();
    return { dryRun, matched, retried, failed };
  }

  async finish(
    id: string,
    action: 'resolve' | 'discard',
    actor: AuditActor,
    note: string,
  ): Promise<StoredItem> {
    const current = await this.existing(id);
    const status = action === 'resolve' ? 'resolved' : 'discarded';
    const updated = await this.deps.items.transition(id, FINISHABLE_FROM, status, this.deps.now());
    if (updated === undefined) throw notFrom(current, action);
    await this.deps.audit.record(
      { ...actorFields(actor), action, itemId: id, note, details: { from: current.status } },
      this.deps.now(),
    );
    this.deps.metrics.dlqActions.inc({ action });
    this.deps.onChange();
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

  /** Marks it retrying first (an outcome may arrive at once), then publishes; undoes the mark if Kafka refuses. */
  private async redeliver(item: StoredItem): Promise<StoredItem> {
    const redelivery = redeliveryOf(item, randomUUID());
    if (redelivery === undefined)
      throw new ReviewerError(
        'NOT_RETRIABLE',
        `Dead letter ${item.id} (${item.reason}) has no decodable event or target to redeliver; resolve or discard it.`,
      );
    const marked = await this.deps.items.transition(
      item.id,
      RETRYABLE_FROM,
      'retrying',
      this.deps.now(),
      redelivery.awaitedAttempt,
    );
    if (marked === undefined) throw notFrom(item, 'retry');
    try {
      await this.deps.producer.send([redelivery.message]);
    } catch (error) {
      await this.deps.items.transition(item.id, ['retrying'], item.status, this.deps.now());
      this.deps.logger.error({ err: error, itemId: item.id }, 'operator retry not published');
      throw new ReviewerError(
        'KAFKA_UNAVAILABLE',
        'Kafka did not accept the redelivery; the item is unchanged.',
        true,
      );
    }
    return marked;
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
