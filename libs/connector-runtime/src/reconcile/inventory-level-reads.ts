/**
 * A ReconcileAdapter for inventory levels from a connector's batched read of one warehouse:
 * the keys (`<warehouse>:<sku>`) of a page grouped by warehouse, each warehouse's SKUs
 * handed over in key order, the answers keyed back; the owner's quantity compared as a
 * decimal (`5` is `5.000`). What differs per ERP is only how one warehouse is read.
 */
import type { EntityType } from '@hub/contracts';
import type { JsonValue } from '@hub/idempotency';
import { inventoryQuantityOf, sameQuantity } from '@hub/reconciliation';
import type { ReconcileAdapter } from './reconcile-adapter';

/** The target's value per SKU at one warehouse; a SKU it does not have is absent. */
export type WarehouseRead = (
  warehouse: string,
  skus: readonly string[],
  signal: AbortSignal,
) => Promise<ReadonlyMap<string, JsonValue>>;

/** `<warehouse>:<sku>` keys → SKUs per warehouse, sorted; keys of another shape are left out. */
export function skusByWarehouse(keys: readonly string[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const key of keys) {
    const colon = key.indexOf(':');
    if (colon <= 0) continue;
    const warehouse = key.slice(0, colon);
    grouped.set(warehouse, [...(grouped.get(warehouse) ?? []), key.slice(colon + 1)]);
  }
  for (const skus of grouped.values()) skus.sort();
  return grouped;
}

export function inventoryLevelReads(
  readWarehouse: WarehouseRead,
  more: Pick<ReconcileAdapter, 'readReceiverChangedSince'> = {},
): ReconcileAdapter {
  return {
    entityTypes: ['inventory-level'],
    ...more,
    async readReceiver(_entityType: EntityType, keys: readonly string[], signal: AbortSignal) {
      const found = new Map<string, JsonValue>();
      for (const [warehouse, skus] of skusByWarehouse(keys))
        for (const [sku, value] of await readWarehouse(warehouse, skus, signal))
          found.set(`${warehouse}:${sku}`, value);
      return found;
    },
    comparable: (_entityType, payload) => inventoryQuantityOf(payload),
    same: (_entityType, owner, receiver) => sameQuantity(owner, receiver),
  };
}

/** Whether a lookup failed with one of these codes (e.g. an unknown warehouse: its keys are missing there). */
export function failedWith(error: unknown, codes: readonly string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.includes(error.code)
  );
}

/**
 * `<prefix> and (<field> eq 'a' or <field> eq 'b' …)` filters asking for every value once,
 * each at most `maxLength` characters (before percent-encoding), for OData services that
 * take `or` on one field but no `in` (Business Central, F&O).
 */
export function orChains(
  prefix: string,
  field: string,
  values: readonly string[],
  maxLength: number,
): string[] {
  const chains: string[] = [];
  let terms: string[] = [];
  const filterOf = (list: readonly string[]) => `${prefix} and (${list.join(' or ')})`;
  for (const value of values) {
    const term = `${field} eq '${value.replace(/'/g, "''")}'`;
    if (terms.length > 0 && filterOf([...terms, term]).length > maxLength) {
      chains.push(filterOf(terms));
      terms = [];
    }
    terms.push(term);
  }
  if (terms.length > 0) chains.push(filterOf(terms));
  return chains;
}
