import type { ReadAdapter, SweepPage } from '../adapter/erp-adapter';
import {
  RecordingSender,
  TARGET,
  fixedIdentity,
  jsonSerde,
  silentLogger,
  unitPolicy,
  unitTopics,
} from '../testing/unit-fakes';
import { RecordPublisher } from './record-publisher';
import { sweepOnce, type SweeperDeps } from './sweeper';

function order(poNumber: string, version: number) {
  return {
    entityType: 'purchase-order' as const,
    sourceRecordId: poNumber,
    sourceVersion: version,
    payload: {
      poNumber,
      supplierId: 'V1',
      status: 'confirmed' as const,
      currency: 'EUR',
      lines: [],
      company: null,
    },
  };
}

function setup(pages: SweepPage[], options: { locked?: boolean; stored?: number } = {}) {
  const sender = new RecordingSender();
  const stored = new Map<string, number>();
  if (options.stored !== undefined) stored.set(TARGET, options.stored);
  const sweep = jest.fn(() =>
    Promise.resolve(pages.shift() ?? { records: [], watermark: 0, more: false }),
  );
  const adapter: ReadAdapter = {
    reads: ['purchase-order'],
    fetch: () => Promise.reject(new Error('unused')),
    sweep,
  };
  const deps: SweeperDeps = {
    system: TARGET,
    adapter,
    gate: { call: (_op, work) => work() },
    publisher: new RecordPublisher({
      system: TARGET,
      policy: unitPolicy(),
      serde: jsonSerde,
      identity: fixedIdentity,
      topics: unitTopics,
      sender,
      logger: silentLogger,
    }),
    watermarks: {
      read: (system) => Promise.resolve(stored.get(system)),
      store: (system, watermark) => {
        stored.set(system, Math.max(stored.get(system) ?? 0, watermark));
        return Promise.resolve();
      },
      withSweepLock: async (_system, work) => (options.locked === true ? undefined : work()),
    },
    maxPages: 10,
    clock: { now: () => 1 },
    logger: silentLogger,
  };
  return { deps, sender, sweep, stored };
}

const signal = new AbortController().signal;

describe('sweepOnce', () => {
  it('pages from the stored watermark, publishes every record and stores each page watermark', async () => {
    const { deps, sender, sweep, stored } = setup(
      [
        { records: [order('PO-1', 100), order('PO-2', 200)], watermark: 200, more: true },
        { records: [order('PO-3', 300)], watermark: 300, more: false },
      ],
      { stored: 50 },
    );
    await expect(sweepOnce(deps, signal)).resolves.toEqual({
      kind: 'swept',
      pages: 2,
      published: 3,
      from: 50,
      watermark: 300,
    });
    expect(sweep.mock.calls.map((call: unknown[]) => call[0])).toEqual([50, 200]);
    expect(sender.sent.map((m) => m.key)).toEqual(['PO-1', 'PO-2', 'PO-3']);
    expect(stored.get(TARGET)).toBe(300);
  });

  it('starts at 0 the first time and stops when a page says more but does not advance', async () => {
    const { deps, sweep } = setup([{ records: [order('PO-1', 0)], watermark: 0, more: true }]);
    await expect(sweepOnce(deps, signal)).resolves.toMatchObject({
      kind: 'swept',
      pages: 1,
      from: 0,
    });
    expect(sweep).toHaveBeenCalledTimes(1);
  });

  it('skips when another replica holds the sweep lock', async () => {
    const { deps, sweep } = setup([], { locked: true });
    await expect(sweepOnce(deps, signal)).resolves.toEqual({ kind: 'skipped', reason: 'locked' });
    expect(sweep).not.toHaveBeenCalled();
  });
});
