/**
 * The reconciliation benchmark's starting point, set up faster than the write path could:
 *   - the simulated Odoo holds every SKU with its quant at the warehouse (control API, in
 *     chunks under the simulator's 10 MiB body limit);
 *   - connector-odoo's own tables hold, per SKU, the owner state it received (the owner
 *     ledger) and the write it applied (idempotency records through begin/complete), exactly
 *     as the pipeline leaves them after delivering each level once.
 */
import type { Hub } from '@hub/demo';
import { inventoryLevel } from '@hub/connector-testing';
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import { IdempotencyStore, idempotencyDataSourceOptions } from '@hub/idempotency';
import { OwnerLedger, reconciliationDataSourceOptions } from '@hub/reconciliation';
import { DataSource } from 'typeorm';

const SEED_CHUNK = 20_000;
const LEDGER_BATCH = 1_000;
const WRITE_CONCURRENCY = 24;

/** The quantity the owner holds for SKU number `index` (1 to 97 units). */
export const ownerQuantity = (index: number): number => (index % 97) + 1;

export async function seedOdoo(hub: Hub, skus: readonly string[], warehouse: string) {
  await hub.sim.seed({ warehouses: [{ code: warehouse, name: 'Reconciliation bench' }] });
  for (let start = 0; start < skus.length; start += SEED_CHUNK) {
    const chunk = skus.slice(start, start + SEED_CHUNK);
    await hub.sim.seed({
      products: chunk.map((sku) => ({ default_code: sku, name: sku })),
      quants: chunk.map((sku, i) => ({
        default_code: sku,
        warehouse,
        quantity: ownerQuantity(start + i),
      })),
    });
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** The owner's levels, dated an hour back so that every live level is newer. */
export function ownerLevels(
  hub: Hub,
  skus: readonly string[],
  warehouse: string,
): AnyCanonicalEvent[] {
  const asOf = Date.now() - 3_600_000;
  return skus.map((sku, i) =>
    inventoryLevel(sku, String(ownerQuantity(i)), {
      warehouse,
      asOf,
      sourceSystem: hub.layout.systems.wms,
    }),
  );
}

export async function seedHubState(hub: Hub, levels: readonly AnyCanonicalEvent[]): Promise<void> {
  const url = hub.stack.databaseUrl;
  const schema = hub.layout.schemas.erp;
  const receiver = hub.layout.systems.erp;
  const ledgerData = await new DataSource(
    reconciliationDataSourceOptions({ url, schema }),
  ).initialize();
  const writeData = await new DataSource(
    idempotencyDataSourceOptions({ url, schema }),
  ).initialize();
  try {
    const ledger = new OwnerLedger(ledgerData, { now: () => Date.now() });
    for (let start = 0; start < levels.length; start += LEDGER_BATCH)
      await ledger.record(
        receiver,
        levels.slice(start, start + LEDGER_BATCH).map((event) => ({
          entityType: event.entityType,
          entityKey: event.entityKey,
          sourceSystem: event.sourceSystem,
          sourceRecordId: event.sourceRecordId,
          sourceVersion: event.sourceVersion,
          arrivalOrder: 0,
          correlationId: event.correlationId,
          payload: event.payload,
        })),
      );
    const store = new IdempotencyStore(writeData);
    const leaseOwner = 'reconcile-bench-seed';
    await inParallel(levels, WRITE_CONCURRENCY, async (event) => {
      const answer = await store.begin({
        target: receiver,
        correlationId: event.correlationId,
        entityType: event.entityType,
        entityKey: event.entityKey,
        sourceVersion: event.sourceVersion,
        leaseOwner,
        leaseMs: 60_000,
      });
      // A live level of this key got there first: the newer write stands.
      if (answer.kind !== 'proceed') return;
      await store.complete(receiver, event.correlationId, leaseOwner, {
        targetReference: `seeded/${event.entityKey}`,
      });
    });
  } finally {
    await ledgerData.destroy();
    await writeData.destroy();
  }
}
