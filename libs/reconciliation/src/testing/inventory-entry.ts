/** An owner ledger entry of an inventory level as the WMS publishes it, for the int specs. */
import type { Pair } from '../store/drift-store';
import type { LedgerEntry } from '../store/owner-ledger';

export function inventoryEntry(
  pair: Pair,
  key: string,
  version: number,
  quantity: string,
): LedgerEntry {
  return {
    entityType: pair.entityType,
    entityKey: key,
    sourceSystem: 'wms-main',
    sourceRecordId: key,
    sourceVersion: version,
    arrivalOrder: version,
    correlationId: `c1-${key}-${String(version)}`,
    payload: { quantityOnHand: quantity },
  };
}
