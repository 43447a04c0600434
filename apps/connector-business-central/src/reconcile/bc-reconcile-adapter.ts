/**
 * The reconciliation read of Business Central (issue #22): the inventory of a page of
 * inventory level keys (`<warehouse>:<item no.>`) at each warehouse's company and location,
 * from the extension's `hubItemInventories` page with its Location Filter set.
 *
 * The owner ledger pages keys in order, so a page's items of one location are read as ONE
 * range (`number ge '<first>' and number le '<last>'`), followed through `@odata.nextLink`
 * when the range holds more than a server page (20,000 rows); items of the range that are
 * not on the page are dropped. An item the range did not return (BC orders Code values its
 * own way) is asked for again by name, in `or` chains on `number` (BC allows `or` on one
 * field only) kept under a URL length the service takes. An item BC does not have is absent
 * from the answer (missing at the receiver); a warehouse whose location is unknown likewise.
 */
import {
  failedWith,
  inventoryLevelReads,
  orChains,
  type ReconcileAdapter,
  type WarehouseRead,
} from '@hub/connector-runtime';
import { odataString, type BcClient } from '../bc/bc-client';
import {
  BC_LOOKUP_ERROR_CODES,
  withQuery,
  type BcDirectory,
  type BcTarget,
  type BcWarehouseSettings,
} from '../bc/bc-directory';
import { ledgerChangesSince, pagesOf } from './bc-ledger-changes';

const { unknownLocation, unknownCompany } = BC_LOOKUP_ERROR_CODES;

export const ITEM_INVENTORIES = 'hubItemInventories';
/** The longest `$filter` of one request (before percent-encoding), well under URL limits. */
export const MAX_FILTER_LENGTH = 1_500;

interface Counter {
  requests: number;
}

/** The read of one warehouse: its company and location, then the items' inventory there. */
function warehouseRead(client: BcClient, directory: BcDirectory, counter: Counter): WarehouseRead {
  return async (warehouse, items, signal) => {
    let target: BcTarget;
    try {
      target = await directory.target(warehouse, signal);
    } catch (error) {
      if (failedWith(error, [unknownLocation, unknownCompany])) return new Map();
      throw error;
    }
    return inventoryAt(client, target, items, counter, signal);
  };
}

export function bcReconcileAdapter(
  client: BcClient,
  directory: BcDirectory,
  settings: BcWarehouseSettings,
): ReconcileAdapter {
  return inventoryLevelReads(warehouseRead(client, directory, { requests: 0 }), {
    // L2: the items the item ledger says changed since, then their inventory as L3 reads it.
    async readReceiverChangedSince(entityType, since, limit, signal) {
      const changed = await ledgerChangesSince(client, directory, settings, since, limit, signal);
      const counter = { requests: 0 };
      const values = await inventoryLevelReads(
        warehouseRead(client, directory, counter),
      ).readReceiver(entityType, changed.keys, signal);
      return { values, until: changed.until, calls: changed.calls + counter.requests };
    },
  });
}

async function inventoryAt(
  client: BcClient,
  target: BcTarget,
  items: readonly string[],
  counter: Counter,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const wanted = new Set(items);
  const inventory = new Map<string, string>();
  const read = async (filter: string) => {
    const url = withQuery(client.extension(target.companyId, ITEM_INVENTORIES), {
      $filter: filter,
      $select: 'number,inventory',
    });
    const { rows, requests } = await pagesOf(client, url, ITEM_INVENTORIES, signal);
    counter.requests += requests;
    for (const row of rows)
      if (typeof row.number === 'string' && wanted.has(row.number))
        inventory.set(row.number, typeof row.inventory === 'number' ? String(row.inventory) : '0');
  };
  const prefix = `locationFilter eq ${odataString(target.locationCode)}`;
  const first = items[0];
  const last = items.at(-1);
  if (first === undefined || last === undefined) return inventory;
  await read(
    items.length === 1
      ? `${prefix} and number eq ${odataString(first)}`
      : `${prefix} and number ge ${odataString(first)} and number le ${odataString(last)}`,
  );
  const unseen = items.filter((item) => !inventory.has(item));
  if (items.length > 1)
    for (const chain of orChains(prefix, 'number', unseen, MAX_FILTER_LENGTH)) await read(chain);
  return inventory;
}
