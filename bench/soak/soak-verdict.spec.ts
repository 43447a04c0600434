import { floorPoints, judge, trendLine, type Sample } from './soak-verdict';

/** One sample every 5 s for 30 min; `rss(t)` for the one app, no lag. */
function soak(rss: (t: number) => number): Sample[] {
  const samples: Sample[] = [];
  for (let t = 5; t <= 1_800; t += 5) samples.push({ t, rss: { app: rss(t) }, lag: { g: 0 } });
  return samples;
}

const warmUp = 360;
const verdictOf = (samples: readonly Sample[]) => judge(samples, warmUp, ['app'], 60);

describe('the soak verdict', () => {
  it('holds for a flat app whose first samples after the warm-up caught a collection', () => {
    // connector-http in the 30-minute soak: 140 MB for two minutes after the warm-up, then 170.
    const samples = soak((t) => (t < warmUp + 120 ? 140 : 170) + (t % 60 === 0 ? 2 : 0));

    const verdict = verdictOf(samples);

    expect(verdict.apps['app']?.rss.growth).toBeLessThan(0.05);
    expect(verdict.held).toBe(true);
  });

  it('does not hold for a steady leak hidden under a saw-tooth of collections', () => {
    // +1 MB a minute from 150 MB (+16 % over the 24 minutes judged), ±8 MB of GC saw-tooth.
    const samples = soak((t) => 150 + (t - warmUp) / 60 + ((t % 90) / 90) * 16 - 8);

    const verdict = verdictOf(samples);

    expect(verdict.apps['app']?.rss.mbPerMinute).toBeCloseTo(1, 1);
    expect(verdict.apps['app']?.rss.growth).toBeGreaterThan(0.1);
    expect(verdict.held).toBe(false);
  });

  it('holds when one burst at the end is all that is high', () => {
    const samples = soak((t) => (t > 1_700 ? 200 : 150));

    expect(verdictOf(samples).held).toBe(true);
  });

  it('says so when too few samples follow the warm-up', () => {
    const verdict = judge(soak(() => 150).slice(0, 73), warmUp, ['app'], 60);

    expect(verdict.held).toBe(false);
    expect(verdict.text).toContain('too few samples');
  });
});

/** As `soak`, with the app's heap in use sampled too. */
function soakWithHeap(rss: (t: number) => number, heap: (t: number) => number): Sample[] {
  return soak(rss).map((sample) => ({ ...sample, heap: { app: heap(sample.t) } }));
}

/** Heap in use climbing 2 MB/s from `floor(t)` and collected back to it every 45 s. */
const sawTooth =
  (floor: (t: number) => number) =>
  (t: number): number =>
    floor(t) + 2 * (t % 45);

describe('the soak verdict with heap samples', () => {
  it('holds when RSS rises but the heap floor stays flat, and names the RSS growth', () => {
    // connector-odoo's shape: V8 grows the heap it reserves, what survives collections does not.
    const samples = soakWithHeap(
      (t) => 260 + (t - warmUp) / 10,
      sawTooth(() => 60),
    );

    const verdict = verdictOf(samples);

    expect(verdict.apps['app']?.rss.ok).toBe(false);
    expect(verdict.apps['app']?.heapFloor?.growth).toBe(0);
    expect(verdict.held).toBe(true);
    expect(verdict.text).toContain('RSS grew over a flat heap floor');
  });

  it('does not hold when the heap floor rises under the saw-tooth, though the RSS is flat', () => {
    // Objects kept per event: +0.5 MB a minute on a 60 MB floor, +20 % over the 24 minutes.
    const samples = soakWithHeap(
      () => 400,
      sawTooth((t) => 60 + (t - warmUp) / 120),
    );

    const verdict = verdictOf(samples);

    expect(verdict.apps['app']?.heapFloor?.mbPerMinute).toBeCloseTo(0.5, 1);
    expect(verdict.held).toBe(false);
    expect(verdict.text).toContain('app heap floor +');
  });
});

describe('floorPoints', () => {
  it('keeps the lowest point of each whole window, none of the partial last one', () => {
    const points = [
      [0, 5],
      [10, 3],
      [20, 4],
      [30, 9],
      [40, 7],
      [50, 1],
    ] as const;

    // Windows [0, 20) and [20, 40); [40, 60) is not whole by the last point (50), so its 1 is out.
    expect(floorPoints(points, 0, 20)).toEqual([
      [10, 3],
      [20, 4],
    ]);
  });
});

describe('trendLine (Theil–Sen)', () => {
  it('is the line through the points when they lie on one', () => {
    expect(
      trendLine([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
  });

  it('is not moved by an outlier', () => {
    const line = trendLine([
      [0, 10],
      [1, 10],
      [2, 90],
      [3, 10],
      [4, 10],
    ]);
    expect(line).toEqual({ slope: 0, intercept: 10 });
  });
});
