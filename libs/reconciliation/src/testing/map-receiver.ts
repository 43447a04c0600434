/** L3 deps over a receiver held in a Map (key → quantity), recording each batched read. */
import { sameQuantity } from '../compare/decimal';
import { inventoryQuantityOf } from '../compare/inventory';
import type { FullCompareDeps } from '../run/full-compare';
import { appliedFirstLevels } from './applied-as';

export type MapReceiverBase = Pick<FullCompareDeps, 'pair' | 'ledger' | 'drift' | 'clock'> & {
  /** Moves the test clock on: a receiver read takes time. */
  readonly tick: () => void;
};

export function mapReceiverDeps(
  base: MapReceiverBase,
  receiver: ReadonlyMap<string, string>,
  overrides: Partial<FullCompareDeps> = {},
): { full: FullCompareDeps; reads: string[][] } {
  const reads: string[][] = [];
  const { tick, ...rest } = base;
  const full: FullCompareDeps = {
    ...rest,
    readReceiver: (pageKeys) => {
      reads.push([...pageKeys]);
      tick();
      return Promise.resolve(
        new Map(
          pageKeys.flatMap((key) => (receiver.has(key) ? [[key, receiver.get(key) ?? '']] : [])),
        ),
      );
    },
    // Every key applied with the ledger's correlation id, unless a test says otherwise.
    applied: appliedFirstLevels(),
    comparable: inventoryQuantityOf,
    same: sameQuantity,
    pageSize: 4,
    ...overrides,
  };
  return { full, reads };
}
