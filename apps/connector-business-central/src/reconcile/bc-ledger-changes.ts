/**
 * The receiver delta (L2) of Business Central: which items changed at which location since
 * a time, from the extension's `hubItemLedgerEntries` (page 50104): every change of on-hand
 * is an Item Ledger Entry, inserted once with its SystemCreatedAt, whoever posted it (the
 * hub's setInventory, a user's item journal, a posted receipt or shipment). One request per
 * company the warehouses live in (more when a server page is full), oldest entry first; the
 * (company, location) of each entry is turned back into the hub's warehouse through
 * BC_WAREHOUSES (a location of the default company not mapped there is its own warehouse).
 */
import type { BcClient, BcRow } from '../bc/bc-client';
import { withQuery, type BcDirectory, type BcWarehouseSettings } from '../bc/bc-directory';

export const ITEM_LEDGER_ENTRIES = 'hubItemLedgerEntries';

export interface LedgerChanges {
  readonly keys: readonly string[];
  /** The newest SystemCreatedAt read (epoch ms); `since` when none. */
  readonly until: number;
  readonly calls: number;
}

/** Every page of a collection and the requests it took. */
export async function pagesOf(
  client: BcClient,
  url: string,
  operation: string,
  signal: AbortSignal,
): Promise<{ rows: BcRow[]; requests: number }> {
  const rows: BcRow[] = [];
  let requests = 0;
  for (let next: string | undefined = url; next !== undefined; requests += 1) {
    const page = await client.get(next, operation, signal);
    rows.push(...((page.value ?? []) as BcRow[]));
    const link = page['@odata.nextLink'];
    next = typeof link === 'string' ? link : undefined;
  }
  return { rows, requests };
}

/** companyId → location code → the hub's warehouse. */
async function warehousesByLocation(
  directory: BcDirectory,
  settings: BcWarehouseSettings,
  signal: AbortSignal,
): Promise<{ byCompany: Map<string, Map<string, string>>; defaultCompany: string }> {
  const defaultCompany = await directory.companyId(settings.company, signal);
  const byCompany = new Map<string, Map<string, string>>([[defaultCompany, new Map()]]);
  for (const [warehouse, mapped] of Object.entries(settings.warehouses)) {
    const company = await directory.companyId(mapped.company ?? settings.company, signal);
    const locations = byCompany.get(company) ?? new Map<string, string>();
    locations.set(mapped.location, warehouse);
    byCompany.set(company, locations);
  }
  return { byCompany, defaultCompany };
}

export async function ledgerChangesSince(
  client: BcClient,
  directory: BcDirectory,
  settings: BcWarehouseSettings,
  since: number,
  limit: number,
  signal: AbortSignal,
): Promise<LedgerChanges> {
  const { byCompany, defaultCompany } = await warehousesByLocation(directory, settings, signal);
  const keys = new Set<string>();
  let until = since;
  let calls = 0;
  for (const [companyId, locations] of byCompany) {
    const url = withQuery(client.extension(companyId, ITEM_LEDGER_ENTRIES), {
      $filter: `systemCreatedAt ge ${new Date(since).toISOString()}`,
      $orderby: 'entryNumber',
      $top: String(limit),
    });
    const { rows, requests } = await pagesOf(client, url, ITEM_LEDGER_ENTRIES, signal);
    calls += requests;
    for (const row of rows) {
      const created =
        typeof row.systemCreatedAt === 'string' ? Date.parse(row.systemCreatedAt) : NaN;
      if (!Number.isNaN(created)) until = Math.max(until, created);
      if (typeof row.locationCode !== 'string' || typeof row.itemNumber !== 'string') continue;
      const warehouse =
        locations.get(row.locationCode) ??
        (companyId === defaultCompany ? row.locationCode : undefined);
      if (warehouse !== undefined) keys.add(`${warehouse}:${row.itemNumber}`);
    }
  }
  return { keys: [...keys], until, calls };
}
