/** Read side shared by the API and the console: pages of items, and one item with its full context. */
import type { SchemaRegistrySerde } from '@hub/messaging';
import { errorMessage } from '@hub/resilience';
import { ReviewerError } from '../problem/reviewer-error';
import type { AppliedVersionReader } from '../store/applied-version-reader';
import type { AuditStore } from '../store/audit-store';
import type { ItemGroup, ItemStore } from '../store/item-store';
import type { PageCursor, StoredItem } from '../store/item-types';
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
  /** `cursor` of the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
  /** `before` of the previous (newer) page; null on the first page. */
  readonly prevCursor: string | null;
}

/** How many items match, and how many of them are listed before this page. */
export interface PagePosition {
  readonly matched: number;
  readonly offset: number;
}

export class ItemQueries {
  constructor(
    private readonly items: ItemStore,
    private readonly audit: AuditStore,
    private readonly appliedVersions: AppliedVersionReader,
    private readonly serde: SchemaRegistrySerde,
  ) {}

  async page(query: ListQuery): Promise<ItemPage> {
    return (await this.read(query)).page;
  }

  /** A page, the count of matches and where the page starts among them (for the console). */
  async pageWithPosition(query: ListQuery): Promise<{ page: ItemPage; position: PagePosition }> {
    const [{ page, first }, matched] = await Promise.all([
      this.read(query),
      this.items.count(query.filter),
    ]);
    // Keyset pages have no offset: count what is listed before the page's first item.
    const offset =
      first === null || page.prevCursor === null ? 0 : await this.items.count(query.filter, first);
    return { page, position: { matched, offset } };
  }

  private async read(query: ListQuery): Promise<{ page: ItemPage; first: PageCursor | null }> {
    const { items, next, previous } = await this.items.page(
      query.filter,
      query.limit,
      query.cursor,
      query.direction,
    );
    const encoded = (cursor: PageCursor | null) => (cursor === null ? null : encodeCursor(cursor));
    const first = items[0];
    return {
      page: {
        items: items.map(itemSummary),
        nextCursor: encoded(next),
        prevCursor: encoded(previous),
      },
      first: first === undefined ? null : { position: first.position, id: first.id },
    };
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
