/**
 * The extension's `hubItemInventories` API page (page 50103 "Hub Item Inventories", read
 * only): one row per item with `number`, `locationFilter` and `inventory`, the Inventory
 * FlowField computed under the Location Filter FlowFilter. As on any BC API page, filtering
 * on the FlowFilter field sets it (`$filter=locationFilter eq 'EAST'`), so `inventory` is the
 * on-hand at that location; without it, the item's total over all locations. Rows are paged
 * at the server's page size like every other list.
 *
 * And `hubItemLedgerEntries` (page 50104, read only): the Item Ledger Entry table's rows with
 * SystemCreatedAt (`systemCreatedAt`, filterable), what the hub's receiver delta (L2) reads
 * to learn which items changed at which location since a time.
 */
import type { BcAnswer, BcApiContext, BcRequest } from './bc-api';
import { listAnswer } from './bc-api';
import { isoOf } from './bc-odata';
import type { BcCompany } from './bc-store';

const locationFilterPattern = /(?:^|\s|\()locationFilter\s+eq\s+'((?:[^']|'')*)'/i;

export function itemInventories(
  ctx: BcApiContext,
  company: BcCompany,
  request: BcRequest,
): BcAnswer {
  const found = locationFilterPattern.exec(request.query.$filter ?? '')?.[1];
  const location = found?.replace(/''/g, "'");
  const rows = company.items.map((item) => ({
    id: item.id,
    number: item.number,
    displayName: item.displayName,
    locationFilter: location ?? '',
    inventory:
      location === undefined
        ? company.locations.reduce(
            (sum, l) => sum + ctx.store.onHand(company, item.number, l.code),
            0,
          )
        : ctx.store.onHand(company, item.number, location),
  }));
  return listAnswer(
    request,
    `${request.path.contextRoot}hubItemInventories`,
    rows,
    ctx.maxPageSize,
  );
}

export function itemLedgerEntries(
  ctx: BcApiContext,
  company: BcCompany,
  request: BcRequest,
): BcAnswer {
  return listAnswer(
    request,
    `${request.path.contextRoot}hubItemLedgerEntries`,
    company.ledger.map((entry) => ({
      entryNumber: entry.entryNumber,
      itemNumber: entry.itemNumber,
      locationCode: entry.locationCode,
      quantity: entry.quantity,
      systemCreatedAt: isoOf(entry.createdAt),
    })),
    ctx.maxPageSize,
  );
}
