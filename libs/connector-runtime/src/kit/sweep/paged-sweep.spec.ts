import { sweepPage, type PagedSweepSource } from './paged-sweep';

interface Row {
  readonly id: number;
  readonly at: number;
}

/** A source over fixed rows, ordered by (at, id), as an ERP's `order by write_date, id` returns them. */
function source(rows: readonly Row[]): PagedSweepSource<Row> & { calls: string[] } {
  const sorted = [...rows].sort((a, b) => a.at - b.at || a.id - b.id);
  const calls: string[] = [];
  return {
    calls,
    fetchPage: (since, limit) => {
      calls.push(`page ${since} ${limit}`);
      return Promise.resolve(sorted.filter((row) => row.at >= since).slice(0, limit));
    },
    fetchAt: (at) => {
      calls.push(`at ${at}`);
      return Promise.resolve(sorted.filter((row) => row.at === at));
    },
    timestampOf: (row) => row.at,
  };
}

/** Sweeps to the end as the runtime does: each page's watermark is the next since. */
async function sweepAll(rows: readonly Row[], pageSize: number, resolutionMs = 1) {
  const src = source(rows);
  const seen: number[] = [];
  let since = 0;
  let more = true;
  let pages = 0;
  while (more && pages++ < 100) {
    const page = await sweepPage(src, since, { pageSize, resolutionMs });
    seen.push(...page.records.map((row) => row.id));
    expect(page.watermark).toBeGreaterThanOrEqual(since);
    since = page.watermark;
    more = page.more;
  }
  return { seen, since, pages };
}

describe('sweepPage', () => {
  it('never splits one timestamp across pages', async () => {
    const rows = [
      { id: 1, at: 1_000 },
      { id: 2, at: 2_000 },
      { id: 3, at: 2_000 },
      { id: 4, at: 2_000 },
    ];
    const page = await sweepPage(source(rows), 0, { pageSize: 3 });
    expect(page).toEqual({ records: [{ id: 1, at: 1_000 }], watermark: 2_000, more: true });
    const next = await sweepPage(source(rows), page.watermark, { pageSize: 3 });
    expect(next.records.map((r) => r.id)).toEqual([2, 3, 4]);
  });

  it('reads a whole instant that fills a page, and moves past it', async () => {
    const rows = [1, 2, 3, 4, 5].map((id) => ({ id, at: 5_000 })).concat([{ id: 6, at: 6_000 }]);
    const src = source(rows);
    const page = await sweepPage(src, 0, { pageSize: 2, resolutionMs: 1_000 });
    expect(page.records.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(page).toMatchObject({ watermark: 6_000, more: true });
    expect(src.calls).toEqual(['page 0 2', 'at 5000']);
  });

  it('puts the last page watermark on its newest timestamp, so that instant is read again', async () => {
    const page = await sweepPage(source([{ id: 1, at: 7_000 }]), 0, { pageSize: 10 });
    expect(page).toEqual({ records: [{ id: 1, at: 7_000 }], watermark: 7_000, more: false });
    const empty = await sweepPage(source([]), 7_500, { pageSize: 10 });
    expect(empty).toEqual({ records: [], watermark: 7_500, more: false });
  });

  it('rounds since up to the source resolution', async () => {
    const src = source([{ id: 1, at: 2_000 }]);
    await sweepPage(src, 1_001, { pageSize: 10, resolutionMs: 1_000 });
    expect(src.calls).toEqual(['page 2000 10']);
  });

  it('sees every record across pages, whatever the page size', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      at: Math.floor(i / 3) * 1_000,
    }));
    for (const pageSize of [1, 2, 3, 4, 7, 50]) {
      const { seen } = await sweepAll(rows, pageSize, 1_000);
      expect(new Set(seen)).toEqual(new Set(rows.map((row) => row.id)));
    }
  });
});
