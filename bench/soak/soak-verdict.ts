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
  /**
   * App → JS heap in use in MB (prom-client's `nodejs_heap_size_used_bytes` from its /metrics);
   * absent from soaks recorded before the heap was sampled, and for apps without /metrics.
   */
  readonly heap?: Readonly<Record<string, number>>;
  /** Group → lag in messages. */
  readonly lag: Readonly<Record<string, number>>;
}

/** A Theil–Sen trend over the samples after the warm-up. */
export interface Trend {
  /** The trend line at the first sample after the warm-up. */
  readonly startMb: number;
  /** The trend line at the last sample. */
  readonly endMb: number;
  /** MB per minute, the trend's slope. */
  readonly mbPerMinute: number;
  readonly growth: number;
  readonly ok: boolean;
}

export interface AppGrowth {
  /**
   * The heap left after collections: in each window of `floorSeconds` the lowest heap in use
   * (the sample just after that window's major collection), their trend. Absent without heap
   * samples.
   */
  readonly heapFloor?: Trend;
  readonly rss: Trend;
  /** By the heap floor when the app was sampled for it, else by the RSS. */
  readonly ok: boolean;
}

export interface Verdict {
  readonly held: boolean;
  readonly text: string;
  readonly samplesAfterWarmUp: number;
  /** Width of the windows whose lowest heap sample makes the heap floor. */
  readonly floorSeconds: number;
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

type Points = readonly (readonly [number, number])[];

/** The trend of `points` from `from` to `to` seconds; ok while it rises by less than maxGrowth. */
function trendOf(points: Points, from: number, to: number): Trend {
  const { slope, intercept } = trendLine(points);
  const startMb = intercept + slope * from;
  const endMb = intercept + slope * to;
  const growth = (endMb - startMb) / startMb;
  return {
    startMb: round(startMb, 1),
    endMb: round(endMb, 1),
    mbPerMinute: round(slope * 60, 3),
    growth: round(growth, 4),
    ok: points.length > 0 && Number.isFinite(growth) && growth < maxGrowth,
  };
}

/**
 * The lowest point of each whole window of `windowSeconds` from `from`: what the heap keeps.
 * Between major collections the heap in use climbs with garbage (connector-odoo's old space
 * went from 60 to 250 MB in 80 s under load), so its raw trend tells when V8 collects, not what
 * the app keeps; each window's minimum is the sample just after a collection.
 */
export function floorPoints(points: Points, from: number, windowSeconds: number): Points {
  const last = points.at(-1)?.[0] ?? from;
  const floors: (readonly [number, number])[] = [];
  for (let start = from; start + windowSeconds <= last + 1e-9; start += windowSeconds) {
    const inWindow = points.filter(([t]) => t >= start && t < start + windowSeconds);
    const lowest = inWindow.reduce<readonly [number, number] | undefined>(
      (low, point) => (low === undefined || point[1] < low[1] ? point : low),
      undefined,
    );
    if (lowest !== undefined) floors.push(lowest);
  }
  return floors;
}

const percent = (growth: number): string => `${growth >= 0 ? '+' : ''}${round(growth * 100, 1)} %`;

export function judge(
  samples: readonly Sample[],
  warmUpSeconds: number,
  apps: readonly string[],
  lagTolerance: number,
  floorSeconds = 60,
): Verdict {
  const after = samples.filter((sample) => sample.t >= warmUpSeconds);
  const tenth = Math.max(3, Math.ceil(after.length / 10));
  const first = after.slice(0, tenth);
  const last = after.slice(-tenth);
  const appsGrowth: Record<string, AppGrowth> = {};
  const from = after[0]?.t ?? 0;
  const to = after.at(-1)?.t ?? 0;
  const series = (app: string, of: (sample: Sample) => number | undefined): Points =>
    after.flatMap((sample) => {
      const mb = of(sample);
      return mb === undefined ? [] : [[sample.t, mb] as const];
    });
  for (const app of apps) {
    const rss = trendOf(
      series(app, (s) => s.rss[app]),
      from,
      to,
    );
    const heap = series(app, (s) => s.heap?.[app]);
    const heapFloor =
      heap.length === 0 ? undefined : trendOf(floorPoints(heap, from, floorSeconds), from, to);
    appsGrowth[app] = {
      ...(heapFloor === undefined ? {} : { heapFloor }),
      rss,
      ok: (heapFloor ?? rss).ok,
    };
  }
  const totalLag = (sample: Sample): number =>
    Object.values(sample.lag).reduce((sum, lag) => sum + lag, 0);
  const lagStart = median(first.map(totalLag));
  const lagEnd = median(last.map(totalLag));
  const growing = !(lagEnd - lagStart <= lagTolerance);
  const grown = Object.entries(appsGrowth).filter(([, app]) => !app.ok);
  const rssOnly = Object.entries(appsGrowth).filter(
    ([, app]) => app.ok && app.heapFloor !== undefined && !app.rss.ok,
  );
  const enough = after.length >= 2 * tenth;
  const held = enough && grown.length === 0 && !growing;
  const text = !enough
    ? `too few samples after the warm-up (${after.length})`
    : [
        grown.length === 0
          ? `every app's heap floor (or RSS, unsampled heap) trend within ${maxGrowth * 100} % after warm-up`
          : `memory kept grew: ${grown.map(([app, g]) => `${app} ${g.heapFloor === undefined ? 'RSS' : 'heap floor'} ${percent((g.heapFloor ?? g.rss).growth)}`).join(', ')}`,
        ...(rssOnly.length === 0
          ? []
          : [
              `RSS grew over a flat heap floor (V8 heap sizing or allocator, not objects kept): ${rssOnly.map(([app, g]) => `${app} ${percent(g.rss.growth)}`).join(', ')}`,
            ]),
        growing
          ? `lag grew from ${lagStart} to ${lagEnd}`
          : `lag not growing (${lagStart} → ${lagEnd})`,
      ].join('; ');
  return {
    held,
    text,
    samplesAfterWarmUp: after.length,
    floorSeconds,
    apps: appsGrowth,
    lag: { start: lagStart, end: lagEnd, growing },
  };
}
