/**
 * Inventory level → a counting journal in F&O, posted by the shipped X++ action, as three
 * resumable steps (the kit's runSteps records each result before the next starts):
 *   1. `journal`: the journal whose Description is the correlation id, found or created
 *      (InventoryCountingJournalHeaders, JournalNameId from the settings);
 *   2. `line`: its line for (item, warehouse), found or created with the absolute counted
 *      quantity (InventoryCountingJournalLines.CountedQuantity); posting books the
 *      difference to on-hand, so the result is "set to N";
 *   3. `post`: HubPostCountingJournal on the header (extensions/dynamics-finance), which
 *      posts once and answers AlreadyPosted for a posted journal.
 * Every step looks before it creates, so a crash between F&O's answer and the step's
 * record resumes on the same journal and line and posts once.
 */
import type { InventoryLevel } from '@hub/contracts';
import {
  runSteps,
  type TtlCache,
  type WriteContext,
  type WriteResult,
} from '@hub/connector-runtime';
import { PermanentError } from '@hub/resilience';
import { literal, type FoClient } from '../fo/fo-client';
import { journalReference } from './hub-reference';
import { WRITE_ERROR_CODES } from './write-errors';

export const HEADERS = 'InventoryCountingJournalHeaders';
export const LINES = 'InventoryCountingJournalLines';
export const POST_JOURNAL_ACTION = 'HubPostCountingJournal';

export interface InventoryWriteSettings {
  readonly systemId: string;
  readonly journalNameId: string;
}

/** Warehouse id → its site (OperationalSiteId), through the Warehouses entity. */
export async function siteOf(
  client: FoClient,
  sites: TtlCache<string>,
  warehouse: string,
  systemId: string,
  signal: AbortSignal,
): Promise<string> {
  return sites.getOrLoad(warehouse, async () => {
    const { rows } = await client.page(
      'Warehouses',
      { filter: `WarehouseId eq ${literal(warehouse)}`, top: 1 },
      signal,
    );
    const site = rows[0]?.OperationalSiteId;
    if (typeof site !== 'string')
      throw new PermanentError(
        WRITE_ERROR_CODES.unknownWarehouse,
        `Warehouse ${warehouse} does not exist in legal entity ${client.legalEntity} of F&O ${systemId}`,
      );
    return site;
  });
}

async function findJournal(client: FoClient, correlationId: string, signal: AbortSignal) {
  const { rows } = await client.page(
    HEADERS,
    {
      filter: `Description eq ${literal(journalReference(correlationId))}`,
      orderby: 'JournalNumber',
      top: 1,
    },
    signal,
  );
  return rows[0];
}

export async function applyInventoryLevel(
  client: FoClient,
  sites: TtlCache<string>,
  settings: InventoryWriteSettings,
  level: InventoryLevel,
  context: WriteContext,
): Promise<WriteResult> {
  const { signal, correlationId } = context;
  const results = await runSteps(context, [
    {
      name: 'journal',
      run: async () => {
        const found = await findJournal(client, correlationId, signal);
        if (found !== undefined) return { journalNumber: String(found.JournalNumber) };
        const site = await siteOf(client, sites, level.warehouse, settings.systemId, signal);
        const created = await client.create(
          HEADERS,
          {
            JournalNameId: settings.journalNameId,
            Description: journalReference(correlationId),
            DefaultWarehouseId: level.warehouse,
            DefaultInventorySiteId: site,
          },
          signal,
        );
        return { journalNumber: String(created.JournalNumber) };
      },
    },
    {
      name: 'line',
      run: async (previous) => {
        const { journalNumber } = previous.journal as { journalNumber: string };
        const lines = await client.list(
          LINES,
          { filter: `JournalNumber eq ${literal(journalNumber)}` },
          signal,
        );
        const found = lines.find(
          (l) => l.ItemNumber === level.sku && l.WarehouseId === level.warehouse,
        );
        if (found !== undefined) return { lineNumber: Number(found.LineNumber) };
        const site = await siteOf(client, sites, level.warehouse, settings.systemId, signal);
        const created = await client.create(
          LINES,
          {
            JournalNumber: journalNumber,
            ItemNumber: level.sku,
            InventorySiteId: site,
            WarehouseId: level.warehouse,
            CountedQuantity: Number(level.quantityOnHand),
            CountingDate: new Date(level.asOf).toISOString(),
          },
          signal,
        );
        return { lineNumber: Number(created.LineNumber) };
      },
    },
    {
      name: 'post',
      run: async (previous) => {
        const { journalNumber } = previous.journal as { journalNumber: string };
        const status = await client.action(
          HEADERS,
          { JournalNumber: journalNumber },
          POST_JOURNAL_ACTION,
          {},
          signal,
        );
        return { journalNumber, status: String(status) };
      },
    },
  ]);
  const { journalNumber } = results.journal as { journalNumber: string };
  return { targetReference: `${HEADERS}(${client.legalEntity},${journalNumber})` };
}

/** A posted journal carrying this correlation id (HubIsPosted comes with the extension). */
export async function findPostedJournal(
  client: FoClient,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const found = await findJournal(client, correlationId, signal);
  if (found === undefined || found.HubIsPosted !== 'Yes') return undefined;
  return { targetReference: `${HEADERS}(${client.legalEntity},${String(found.JournalNumber)})` };
}
