/**
 * The reconciliation read of Dynamics 365 F&O (issue #22): the physical on-hand of a page of
 * inventory level keys (`<warehouse>:<item number>`) in the connector's legal entity, from the
 * data entity `WarehousesOnHandV2` (Inventory on-hand by warehouse V2) through the
 * cross-company query every collection read uses (`cross-company=true` and `dataAreaId`).
 *
 * A page's items of one warehouse are read as ONE range (`ItemNumber ge '<first>' and
 * ItemNumber le '<last>'`), followed through `@odata.nextLink` at the server's page size;
 * F&O compares item numbers without case, so first and last are chosen that way and rows
 * are matched to the asked items without case. Items of the range that are not on the page
 * are dropped; an asked item the range did not return (F&O's collation orders some
 * characters its own way) is asked for again by number in `or` chains. On-hand rows of
 * product dimensions and sites add up to the warehouse's quantity. F&O has no on-hand row
 * for an item without inventory there: such an item reads as 0.
 */
import { inventoryLevelReads, orChains, type ReconcileAdapter } from '@hub/connector-runtime';
import { literal, type FoClient } from '../fo/fo-client';

export const ON_HAND = 'WarehousesOnHandV2';
/** The longest `$filter` of one request (before percent-encoding), well under URL limits. */
export const MAX_FILTER_LENGTH = 1_500;

const caseless = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' });

export function foReconcileAdapter(client: FoClient): ReconcileAdapter {
  return inventoryLevelReads(async (warehouse, items, signal) => {
    const asked = new Map(items.map((item) => [item.toUpperCase(), item]));
    const onHand = new Map<string, number>();
    const read = async (filter: string) => {
      for (const row of await client.list(ON_HAND, { filter }, signal)) {
        const item =
          typeof row.ItemNumber === 'string' ? asked.get(row.ItemNumber.toUpperCase()) : undefined;
        if (item !== undefined)
          onHand.set(item, (onHand.get(item) ?? 0) + Number(row.OnHandQuantity ?? 0));
      }
    };
    const prefix = `InventoryWarehouseId eq ${literal(warehouse)}`;
    const ordered = [...items].sort(caseless);
    const first = ordered[0];
    const last = ordered.at(-1);
    if (first === undefined || last === undefined) return new Map();
    await read(`${prefix} and ItemNumber ge ${literal(first)} and ItemNumber le ${literal(last)}`);
    const unseen = items.filter((item) => !onHand.has(item));
    if (items.length > 1)
      for (const chain of orChains(prefix, 'ItemNumber', unseen, MAX_FILTER_LENGTH))
        await read(chain);
    return new Map(items.map((item) => [item, String(Number((onHand.get(item) ?? 0).toFixed(6)))]));
  });
}
