import type { AppliedVersion } from '@hub/idempotency';
import { sameQuantity } from '../compare/decimal';
import { inventoryQuantityOf } from '../compare/inventory';
import type { LedgerRow } from '../store/owner-ledger';
import { inventoryEntry } from '../testing/inventory-entry';
import { appliedJudgement } from './applied-state';
import { judgeReceiver, type ReceiverJudgeDeps } from './judge-receiver';

const pair = { entityType: 'inventory-level', receiver: 'odoo-main' } as const;
const WINDOW_OPENED = 10_000;
const row = (key: string, version: number, quantity: string): LedgerRow => ({
  ...inventoryEntry(pair, key, version, quantity),
  updatedAt: 1_000,
});
const guard = (
  correlationId: string,
  version: number,
  appliedAt: number,
  arrivalOrder = version,
): AppliedVersion => ({ correlationId, version, arrivalOrder, appliedAt });

function deps(applied: Map<string, AppliedVersion>): ReceiverJudgeDeps {
  return {
    pair,
    ledger: { changedSince: () => Promise.resolve(new Set<string>()) },
    applied: () => Promise.resolve(applied),
    comparable: inventoryQuantityOf,
    same: sameQuantity,
  };
}

describe('appliedJudgement', () => {
  const level = row('WH1:SKU-1', 5, '10');

  it("counts the row's own write and a repair of it (same version and arrival) as applied", () => {
    expect(appliedJudgement(level, guard('c1-WH1:SKU-1-5', 5, 0))).toBe('applied');
    expect(appliedJudgement(level, guard('r1-0123456789abcdef', 5, 0))).toBe('applied');
  });

  it('tells a guard ahead of the ledger from one behind it, and none at all', () => {
    expect(appliedJudgement(level, guard('c1-other', 6, 0))).toBe('ahead');
    expect(appliedJudgement(level, guard('c1-other', 5, 0, 7))).toBe('ahead');
    expect(appliedJudgement(level, guard('c1-other', 4, 0))).toBe('not-applied');
    expect(appliedJudgement(level, undefined)).toBe('not-applied');
  });
});

describe('judgeReceiver', () => {
  it('calls a key whose write landed after the window opened in flight, not drift', async () => {
    // The receiver was read before the write landed; the guard, read after, says applied.
    const rows = [row('WH1:SKU-1', 5, '10'), row('WH1:SKU-2', 5, '10')];
    const applied = new Map([
      ['WH1:SKU-1', guard('c1-WH1:SKU-1-5', 5, WINDOW_OPENED + 5)],
      ['WH1:SKU-2', guard('c1-WH1:SKU-2-5', 5, WINDOW_OPENED - 5)],
    ]);
    const receiver = new Map<string, string>();

    const judged = await judgeReceiver(deps(applied), rows, receiver, WINDOW_OPENED);

    expect(judged.counts).toMatchObject({ 'in-flight': 1, 'missing-at-receiver': 1 });
    expect(judged.findings.map((finding) => [finding.key, finding.verdict])).toEqual([
      ['WH1:SKU-1', 'in-flight'],
      ['WH1:SKU-2', 'missing-at-receiver'],
    ]);
  });

  it('judges a repaired key by value, and a key the ledger lags behind as in flight', async () => {
    const rows = [row('WH1:SKU-1', 5, '10'), row('WH1:SKU-2', 5, '10')];
    const applied = new Map([
      ['WH1:SKU-1', guard('r1-0123456789abcdef', 5, 0)],
      ['WH1:SKU-2', guard('c1-WH1:SKU-2-6', 6, 0)],
    ]);
    const receiver = new Map([
      ['WH1:SKU-1', '3'],
      ['WH1:SKU-2', '4'],
    ]);

    const judged = await judgeReceiver(deps(applied), rows, receiver, WINDOW_OPENED);

    expect(judged.counts).toMatchObject({ drifted: 1, 'in-flight': 1, explained: 0 });
  });
});
