/** Read side shared by the API and the console: pages of items, and one item with its full context. */
import type { SchemaRegistrySerde } from '@hub/messaging';
import { errorMessage } from '@hub/resilience';
import { ReviewerError } from '../problem/reviewer-error';
import type { AppliedVersionReader } from '../store/applied-version-reader';
import type { AuditStore } from '../store/audit-store';
import type { ItemGroup, ItemStore } from '../store/item-store';
import type { StoredItem } from '../store/item-types';
import {
  itemDetail,
  itemSummary,
  jsonSafe,
  type DecodedOriginal,
  type ItemDetail,
  type ItemSummary,
} from './item-views';
import { encodeCursor, type ListQuery } from './request-schemas';

export interface ItemPage {
  readonly items: ItemSummary[];
  readonly nextCursor: string | null;
}

export class ItemQueries {
  constructor(
    private readonly items: ItemStore,
    private readonly audit: AuditStore,
    private readonly appliedVersions: AppliedVersionReader,
    private readonly serde: SchemaRegistrySerde,
  ) {}

  async page(query: ListQuery): Promise<ItemPage> {
    const { items, next } = await this.items.page(query.filter, query.limit, query.cursor);
    return { items: items.map(itemSummary), nextCursor: next === null ? null : encodeCursor(next) };
  }

  /** Up to 20 groups of the filtered items by target and error code, largest first. */
  groups(query: ListQuery): Promise<ItemGroup[]> {
    return this.items.groups(query.filter, 20);
  }

  async detail(id: string): Promise<ItemDetail> {
    const item = await this.items.get(id);
    if (item === undefined) throw new ReviewerError('ITEM_NOT_FOUND', `No dead letter ${id}.`);
    const [original, currentView, audit] = await Promise.all([
      this.decodeOriginal(item),
      item.target === null || item.entityType === null || item.entityKey === null
        ? null
        : this.appliedVersions.find({
            target: item.target,
            entityType: item.entityType,
            entityKey: item.entityKey,
          }),
      this.audit.page({ itemId: id }, 100),
    ]);
    return itemDetail(item, original, currentView, audit);
  }

  private async decodeOriginal(item: StoredItem): Promise<DecodedOriginal> {
    if (item.originalValue === null) return { event: null, decodeError: 'no value' };
    try {
      return { event: jsonSafe(await this.serde.decode(item.originalValue)), decodeError: null };
    } catch (error) {
      return { event: null, decodeError: errorMessage(error) };
    }
  }
}
