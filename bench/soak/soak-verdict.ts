/**
 * The soak's verdict over the samples after the warm-up. An app's RSS has grown when its
 * trend does: the Theil–Sen line through all those samples (the median of the slopes between
 * every two of them, so a dip or a spike, however placed, barely moves it) rises by 10 % or
 * more of its start value from the first sample to the last. Comparing the first tenth with
 * the last judged one moment: a collection caught in the first tenth made connector-http, flat
 * at 170 MB for twenty minutes, look +13.7 %. The lag grows when its median at the end is
 * above the start's by more than `lagTolerance` messages (ten seconds of load by default),
 * i.e. the hub fell behind the offered rate for good.
 */
export interface Sample {
  /** Seconds since the load started. */
  readonly t: number;
  /** App → RSS in MB. */
  readonly rss: Readonly<Record<string, number>>;
  /** Group → lag in messages. */
  readonly lag: Readonly<Record<string, number>>;
}

export interface AppGrowth {
  /** The trend line at the first sample after the warm-up. */
  readonly startMb: number;
  /** The trend line at the last sample. */
  readonly endMb: number;
  /** MB per minute, the trend's slope. */
  readonly mbPerMinute: number;
  readonly growth: number;
  readonly ok: boolean;
}

export interface Verdict {
  readonly held: boolean;
  readonly text: string;
  readonly samplesAfterWarmUp: number;
  readonly apps: Readonly<Record<string, AppGrowth>>;
  readonly lag: { readonly start: number; readonly end: number; readonly growing: boolean };
}

export const maxGrowth = 0.1;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Theil–Sen: the slope is the median of the slopes between every two points (with distinct
 * times), the intercept the median of what the points leave above that slope. Robust to
 * up to about 29 % of the points being anywhere.
 */
export function trendLine(points: readonly (readonly [number, number])[]): {
  readonly slope: number;
  readonly intercept: number;
} {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const [ti, yi] = points[i] ?? [0, 0];
      const [tj, yj] = points[j] ?? [0, 0];
      if (tj !== ti) slopes.push((yj - yi) / (tj - ti));
    }
  const slope = slopes.length === 0 ? 0 : median(slopes);
  return { slope, intercept: median(points.map(([t, y]) => y - slope * t)) };
}

const round = (value: number, digits: number): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

export function judge(
  samples: readonly Sample[],
  warmUpSeconds: number,
  apps: readonly string[],
  lagTolerance: number,
): Verdict {
  const after = samples.filter((sample) => sample.t >= warmUpSeconds);
  const tenth = Math.max(3, Math.ceil(after.length / 10));
  const first = after.slice(0, tenth);
  const last = after.slice(-tenth);
  const appsGrowth: Record<string, AppGrowth> = {};
  const from = after[0]?.t ?? 0;
  const to = after.at(-1)?.t ?? 0;
  for (const app of apps) {
    const points = after.flatMap((s) =>
      s.rss[app] === undefined ? [] : [[s.t, s.rss[app]] as const],
    );
    const { slope, intercept } = trendLine(points);
    const startMb = intercept + slope * from;
    const endMb = intercept + slope * to;
    const growth = (endMb - startMb) / startMb;
    appsGrowth[app] = {
      startMb: round(startMb, 1),
      endMb: round(endMb, 1),
      mbPerMinute: round(slope * 60, 3),
      growth: round(growth, 4),
      ok: points.length > 0 && Number.isFinite(growth) && growth < maxGrowth,
    };
  }
  const totalLag = (sample: Sample): number =>
    Object.values(sample.lag).reduce((sum, lag) => sum + lag, 0);
  const lagStart = median(first.map(totalLag));
  const lagEnd = median(last.map(totalLag));
  const growing = !(lagEnd - lagStart <= lagTolerance);
  const grown = Object.entries(appsGrowth).filter(([, app]) => !app.ok);
  const enough = after.length >= 2 * tenth;
  const held = enough && grown.length === 0 && !growing;
  const text = !enough
    ? `too few samples after the warm-up (${after.length})`
    : [
        grown.length === 0
          ? `every app's RSS trend within ${maxGrowth * 100} % after warm-up`
          : `RSS trend grew: ${grown.map(([app, g]) => `${app} +${round(g.growth * 100, 1)} %`).join(', ')}`,
        growing
          ? `lag grew from ${lagStart} to ${lagEnd}`
          : `lag not growing (${lagStart} → ${lagEnd})`,
      ].join('; ');
  return {
    held,
    text,
    samplesAfterWarmUp: after.length,
    apps: appsGrowth,
    lag: { start: lagStart, end: lagEnd, growing },
  };
}
