/**
 * The reconciliation read of Odoo (issue #22): the on-hand quantity of a page of inventory
 * level keys (`<warehouse>:<sku>`) in two batched calls per warehouse (the products by
 * Internal Reference, then their quants at the warehouse's stock location), the location
 * itself cached as for writes. A product Odoo does not know is absent from the answer
 * (missing at the receiver); a known product without a quant there has 0 on hand, which is
 * what Odoo shows. The receiver delta (L2) starts from the quants written since a time.
 */
import type { EntityType } from '@hub/contracts';
import type { ReceiverChanges, ReconcileAdapter } from '@hub/connector-runtime';
import type { JsonValue } from '@hub/idempotency';
import { inventoryQuantityOf, sameQuantity } from '@hub/reconciliation';
import type { OdooClient } from '../odoo/odoo-client';
import { many2oneId, numberOf } from '../odoo/odoo-values';
import type { OdooLookups } from '../write/odoo-lookups';
import { WRITE_ERROR_CODES } from '../write/write-errors';
import { quantChangesSince } from './quant-changes';

/** Odoo keeps quantities as floats: a sum is rounded to this many decimals before comparing. */
const QUANTITY_DECIMALS = 6;

function splitKey(key: string): { warehouse: string; sku: string } | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  return { warehouse: key.slice(0, colon), sku: key.slice(colon + 1) };
}

function isUnknownWarehouse(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === WRITE_ERROR_CODES.unknownWarehouse
  );
}

export class OdooReconcileAdapter implements ReconcileAdapter {
  readonly entityTypes: readonly EntityType[] = ['inventory-level'];

  constructor(
    private readonly client: OdooClient,
    private readonly lookups: OdooLookups,
  ) {}

  async readReceiver(
    _entityType: EntityType,
    keys: readonly string[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<string, JsonValue>> {
    const byWarehouse = new Map<string, string[]>();
    for (const key of keys) {
      const parts = splitKey(key);
      if (parts === undefined) continue;
      byWarehouse.set(parts.warehouse, [...(byWarehouse.get(parts.warehouse) ?? []), parts.sku]);
    }
    const found = new Map<string, JsonValue>();
    for (const [warehouse, skus] of byWarehouse)
      for (const [sku, quantity] of await this.onHandAt(warehouse, skus, signal))
        found.set(`${warehouse}:${sku}`, quantity);
    return found;
  }

  /** L2: the levels whose quants anyone wrote since `since`, with their on-hand now. */
  async readReceiverChangedSince(
    entityType: EntityType,
    since: number,
    limit: number,
    signal: AbortSignal,
  ): Promise<ReceiverChanges> {
    const changed = await quantChangesSince(this.client, since, limit, signal);
    if (changed.keys.length === 0)
      return { values: new Map(), until: changed.until, calls: changed.calls };
    const warehouses = new Set(changed.keys.map((key) => splitKey(key)?.warehouse));
    const values = await this.readReceiver(entityType, changed.keys, signal);
    // readReceiver: the products and the quants per warehouse (its location is cached).
    return { values, until: changed.until, calls: changed.calls + 2 * warehouses.size };
  }

  comparable(_entityType: EntityType, payload: JsonValue): JsonValue {
    return inventoryQuantityOf(payload);
  }

  same(_entityType: EntityType, owner: JsonValue, receiver: JsonValue): boolean {
    return sameQuantity(owner, receiver);
  }

  private async onHandAt(
    warehouse: string,
    skus: readonly string[],
    signal: AbortSignal,
  ): Promise<Map<string, string>> {
    let locationId: number;
    try {
      locationId = await this.lookups.stockLocationId(warehouse, signal);
    } catch (error) {
      // A warehouse Odoo does not have: every key of it is missing there.
      if (isUnknownWarehouse(error)) return new Map();
      throw error;
    }
    const products = await this.client.searchRead(
      'product.product',
      [['default_code', 'in', [...skus]]],
      ['id', 'default_code'],
      signal,
    );
    const skuOf = new Map<number, string>();
    for (const product of products)
      if (typeof product.default_code === 'string')
        skuOf.set(numberOf(product.id), product.default_code);
    const onHand = new Map<string, number>([...skuOf.values()].map((sku) => [sku, 0]));
    if (skuOf.size === 0) return new Map();
    const quants = await this.client.searchRead(
      'stock.quant',
      [
        ['location_id', '=', locationId],
        ['product_id', 'in', [...skuOf.keys()]],
      ],
      ['product_id', 'quantity'],
      signal,
    );
    for (const quant of quants) {
      const sku = skuOf.get(many2oneId(quant.product_id) ?? -1);
      if (sku !== undefined) onHand.set(sku, (onHand.get(sku) ?? 0) + numberOf(quant.quantity));
    }
    return new Map(
      [...onHand].map(([sku, quantity]) => [
        sku,
        String(Number(quantity.toFixed(QUANTITY_DECIMALS))),
      ]),
    );
  }
}
