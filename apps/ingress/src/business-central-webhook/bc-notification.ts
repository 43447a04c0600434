/**
 * Business Central webhook notifications (docs/erp-protocols.md §2.6): `{"value": [{subscriptionId,
 * clientState, expirationDateTime, resource, changeType, lastModifiedDateTime}]}`, several
 * subscriptions per POST. Each item is judged alone; BC deletes a subscription on any
 * answer but 2xx/408/429/5xx, so item problems never fail the request.
 */
import { parseTimestamp, type EntityType } from '@hub/contracts';

/** BC API entity sets → canonical entity types. */
export const bcEntitySets: Readonly<Record<string, EntityType>> = {
  items: 'inventory-level',
  purchaseOrders: 'purchase-order',
  purchaseReceipts: 'goods-receipt',
};

export interface BcNotification {
  readonly subscriptionId: string;
  readonly clientState: string;
  readonly resource: string;
  readonly changeType: 'created' | 'updated' | 'deleted' | 'collection';
  readonly lastModified: number;
  readonly entityType: EntityType | undefined;
}

export type BcItem =
  | { readonly ok: true; readonly notification: BcNotification }
  | { readonly ok: false; readonly reason: string };

const changeTypes = ['created', 'updated', 'deleted', 'collection'] as const;

function isChangeType(value: unknown): value is BcNotification['changeType'] {
  return typeof value === 'string' && (changeTypes as readonly string[]).includes(value);
}

/** The last entity set named in a resource path: `/api/v2.0/companies(1)/items(2)` → `items`. */
export function entitySetOf(resource: string): string | undefined {
  const path = resource.split('?')[0] ?? '';
  return /\/([A-Za-z]+)(?:\([^)]*\))?\/?$/.exec(path)?.[1];
}

function parseItem(item: unknown): BcItem {
  if (typeof item !== 'object' || item === null) return { ok: false, reason: 'not-an-object' };
  const fields = item as Readonly<Record<string, unknown>>;
  const { subscriptionId, clientState, resource, changeType, lastModifiedDateTime } = fields;
  const lastModified =
    typeof lastModifiedDateTime === 'string' ? parseTimestamp(lastModifiedDateTime) : undefined;
  if (
    typeof subscriptionId !== 'string' ||
    typeof clientState !== 'string' ||
    typeof resource !== 'string' ||
    resource === ''
  )
    return { ok: false, reason: 'missing-fields' };
  if (!isChangeType(changeType) || lastModified === undefined)
    return { ok: false, reason: 'missing-fields' };
  const set = entitySetOf(resource);
  const entityType = set === undefined ? undefined : bcEntitySets[set];
  return {
    ok: true,
    notification: { subscriptionId, clientState, resource, changeType, lastModified, entityType },
  };
}

/** Every item of the body, judged; a body without a `value` array yields no items. */
export function parseBcBody(body: unknown): readonly BcItem[] {
  if (typeof body !== 'object' || body === null || !('value' in body) || !Array.isArray(body.value))
    return [];
  return (body.value as readonly unknown[]).map(parseItem);
}
