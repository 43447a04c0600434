import { judge, trendLine, type Sample } from './soak-verdict';

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

    expect(verdict.apps['app']?.growth).toBeLessThan(0.05);
    expect(verdict.held).toBe(true);
  });

  it('does not hold for a steady leak hidden under a saw-tooth of collections', () => {
    // +1 MB a minute from 150 MB (+16 % over the 24 minutes judged), ±8 MB of GC saw-tooth.
    const samples = soak((t) => 150 + (t - warmUp) / 60 + ((t % 90) / 90) * 16 - 8);

    const verdict = verdictOf(samples);

    expect(verdict.apps['app']?.mbPerMinute).toBeCloseTo(1, 1);
    expect(verdict.apps['app']?.growth).toBeGreaterThan(0.1);
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
