import { TargetControls } from '@hub/connector-runtime';
import { defaultTargetControl } from '@hub/contracts';
import { TargetOverviews } from '../api/target-overview';
import type { ItemStore, UnfinishedCount } from '../store/item-store';

const counts: UnfinishedCount[] = [
  { target: 'odoo', errorCode: 'ERP_A', status: 'open', count: 2, oldestAt: Date.UTC(2026, 0, 3) },
  { target: null, errorCode: null, status: 'open', count: 1, oldestAt: Date.UTC(2026, 0, 5) },
];
const store = { unfinishedByCode: () => Promise.resolve(counts) } as unknown as ItemStore;

describe('per-target state with the live parts', () => {
  const controls = new TargetControls();
  controls.set({
    ...defaultTargetControl('odoo'),
    paused: true,
    changedAt: Date.UTC(2026, 0, 6),
    changedBy: 'alice',
  });
  // Known only from its orders (no dead letters, no scheduler): no row of its own.
  controls.set({ ...defaultTargetControl('sap'), breaker: 'open', changedAt: 1, changedBy: 'bob' });

  it("adds each target's orders, lag and rate", async () => {
    const progress = {
      of: jest.fn((targets: readonly string[]) =>
        Promise.resolve(
          new Map(targets.map((target, index) => [target, { lag: index + 4, ratePerSecond: 1.5 }])),
        ),
      ),
    };
    const overview = await new TargetOverviews(store, undefined, fetch, {
      controls,
      progress,
    }).overview();
    expect(progress.of).toHaveBeenCalledWith(['odoo']);
    expect(overview.flowError).toBeUndefined();
    expect(
      overview.targets.map(({ target, control, flow }) => ({ target, control, flow })),
    ).toEqual([
      {
        target: 'odoo',
        control: {
          paused: true,
          breaker: 'auto',
          changedAt: '2026-01-06T00:00:00.000Z',
          changedBy: 'alice',
        },
        flow: { lag: 4, ratePerSecond: 1.5 },
      },
      { target: null, control: null, flow: null },
    ]);
  });

  it('keeps the rest when the broker cannot be read, and says why', async () => {
    const progress = { of: () => Promise.reject(new Error('broker down')) };
    const overview = await new TargetOverviews(store, undefined, fetch, {
      controls,
      progress,
    }).overview();
    expect(overview.flowError).toBe("the connectors' progress could not be read: broker down");
    expect(overview.targets.map((row) => [row.target, row.open, row.flow])).toEqual([
      ['odoo', 2, null],
      [null, 1, null],
    ]);
  });
});
