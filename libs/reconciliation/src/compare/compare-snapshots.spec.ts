import {
  compareSnapshots,
  DEFAULT_DRIFT_CAP,
  driftCount,
  exceedsDriftCap,
  type ComparisonInput,
  type OwnerState,
} from './compare-snapshots';
import { sameQuantity } from './decimal';
import type { Explanation } from './verdicts';

function input(
  owner: Record<string, string>,
  receiver: Record<string, string>,
  extra: Partial<Pick<ComparisonInput, 'inFlight' | 'explained'>> = {},
): ComparisonInput {
  return {
    owner: new Map(
      Object.entries(owner).map(([key, value]): [string, OwnerState] => [
        key,
        { value, version: 7 },
      ]),
    ),
    receiver: new Map(Object.entries(receiver)),
    inFlight: extra.inFlight ?? new Set(),
    explained: extra.explained ?? new Map(),
    same: sameQuantity,
  };
}

describe('compareSnapshots', () => {
  it('judges every key of either side once, in key order', () => {
    const result = compareSnapshots(
      input({ A: '5', B: '3', C: '1' }, { A: '5.000', B: '4', D: '9' }),
    );
    expect(result.compared).toBe(4);
    expect(result.inSync).toEqual(['A']);
    expect(result.findings.map(({ key, verdict }) => [key, verdict])).toEqual([
      ['B', 'drifted'],
      ['C', 'missing-at-receiver'],
      ['D', 'unknown-to-owner'],
    ]);
    expect(result.findings[0]).toEqual({
      key: 'B',
      verdict: 'drifted',
      ownerValue: '3',
      ownerVersion: 7,
      receiverValue: '4',
      explanation: null,
    });
    expect(result.counts).toMatchObject({ 'in-sync': 1, drifted: 1, 'missing-at-receiver': 1 });
    expect(driftCount(result.counts)).toBe(2);
  });

  it('never reports a key that changed during the read as drift, even when it differs', () => {
    const result = compareSnapshots(
      input({ A: '5', B: '3' }, { A: '6', B: '3' }, { inFlight: new Set(['A', 'B']) }),
    );
    expect(result.findings.map(({ key, verdict }) => [key, verdict])).toEqual([
      ['A', 'in-flight'],
      ['B', 'in-flight'],
    ]);
    expect(driftCount(result.counts)).toBe(0);
  });

  it('explains a difference the hub is still working on, and only a difference', () => {
    const explained = new Map<string, Explanation>([
      ['A', 'pending-retry'],
      ['B', 'open-dead-letter'],
      ['C', 'pending-retry'],
    ]);
    const result = compareSnapshots(
      input({ A: '5', B: '3', C: '1' }, { A: '4', C: '1' }, { explained }),
    );
    expect(result.findings).toEqual([
      expect.objectContaining({ key: 'A', verdict: 'explained', explanation: 'pending-retry' }),
      expect.objectContaining({ key: 'B', verdict: 'explained', explanation: 'open-dead-letter' }),
    ]);
    expect(result.counts['in-sync']).toBe(1);
  });
});

describe('the drift cap', () => {
  const many = (count: number, drifted: number): ComparisonInput => {
    const owner: Record<string, string> = {};
    const receiver: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      const key = `SKU-${String(i).padStart(4, '0')}`;
      owner[key] = '10';
      receiver[key] = i < drifted ? '11' : '10';
    }
    return input(owner, receiver);
  };

  it('halts a run where more than a fifth of the keys drifted', () => {
    expect(exceedsDriftCap(compareSnapshots(many(100, 21)))).toBe(true);
    expect(exceedsDriftCap(compareSnapshots(many(100, 20)))).toBe(false);
  });

  it('does not apply to a run too small to tell', () => {
    expect(exceedsDriftCap(compareSnapshots(many(DEFAULT_DRIFT_CAP.minimumCompared - 1, 40)))).toBe(
      false,
    );
  });

  it('takes a configured share', () => {
    const comparison = compareSnapshots(many(1000, 2));
    expect(exceedsDriftCap(comparison, { share: 0.001, minimumCompared: 1 })).toBe(true);
  });
});
