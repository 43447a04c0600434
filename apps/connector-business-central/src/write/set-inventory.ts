/**
 * An inventory level in Business Central: "set on-hand of the item at the location to N"
 * through the extension's `setInventory` action, which posts the difference (codeunit
 * "Adjust Item Inventory") and records the correlation id in its "Hub Inventory Write"
 * table in the same transaction. A repeated write changes nothing; `hubInventoryWrites`
 * finds a write whose answer was lost. The level's source version goes along: BC finishes
 * a request the connector timed out on, possibly after a newer level was written, and the
 * extension records such a late, older write without an adjustment.
 */
import type { WriteResult } from '@hub/connector-runtime';
import type { InventoryLevel } from '@hub/contracts';
import { odataString, type BcClient } from '../bc/bc-client';
import { withQuery, type BcDirectory, type BcTarget } from '../bc/bc-directory';

export async function setInventory(
  client: BcClient,
  directory: BcDirectory,
  level: InventoryLevel,
  write: { readonly correlationId: string; readonly sourceVersion: number },
  signal: AbortSignal,
): Promise<WriteResult> {
  const target = await directory.target(level.warehouse, signal);
  const itemId = await directory.itemId(target.companyId, level.sku, signal);
  await client.post(
    client.extension(target.companyId, `hubItems(${itemId})/Microsoft.NAV.setInventory`),
    {
      locationCode: target.locationCode,
      quantity: Number(level.quantityOnHand),
      hubReference: write.correlationId,
      sourceVersion: write.sourceVersion,
    },
    'setInventory',
    signal,
  );
  return { targetReference: `${target.locationCode}/${level.sku}` };
}

export async function findInventoryWrite(
  client: BcClient,
  target: BcTarget,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const url = withQuery(client.extension(target.companyId, 'hubInventoryWrites'), {
    $filter: `hubReference eq ${odataString(correlationId)}`,
  });
  const [row] = await client.list(url, 'hubInventoryWrites', signal);
  return row === undefined
    ? undefined
    : { targetReference: `${String(row.locationCode)}/${String(row.itemNumber)}` };
}
