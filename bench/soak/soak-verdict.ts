/**
 * The soak's verdict over the samples after the warm-up: an app's RSS has grown when the
 * median of the last tenth of them is 10 % or more above the median of the first tenth
 * (medians, so one GC pause or one burst does not decide); the lag grows when its median
 * at the end is above the start's by more than `lagTolerance` messages (ten seconds of
 * load by default), i.e. the hub fell behind the offered rate for good.
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
  readonly startMb: number;
  readonly endMb: number;
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
  for (const app of apps) {
    const startMb = median(first.flatMap((s) => (s.rss[app] === undefined ? [] : [s.rss[app]])));
    const endMb = median(last.flatMap((s) => (s.rss[app] === undefined ? [] : [s.rss[app]])));
    const growth = (endMb - startMb) / startMb;
    appsGrowth[app] = {
      startMb: round(startMb, 1),
      endMb: round(endMb, 1),
      growth: round(growth, 4),
      ok: Number.isFinite(growth) && growth < maxGrowth,
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
          ? `every app's RSS within ${maxGrowth * 100} % after warm-up`
          : `RSS grew: ${grown.map(([app, g]) => `${app} +${round(g.growth * 100, 1)} %`).join(', ')}`,
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
