/**
 * The soak's memory curves as a PNG: megabytes (RSS, or the heap floor) of each app over the
 * run (minutes), one coloured line per app with a legend, the warm-up's end as a dashed line.
 */
import { textWidth } from './bitmap-font';
import { Canvas, type Rgb } from './canvas';

export interface Series {
  readonly name: string;
  /** [seconds since the start, megabytes] */
  readonly points: readonly (readonly [number, number])[];
}

export interface PlotOptions {
  readonly title: string;
  /** The vertical axis' name, e.g. `RSS MB`. */
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Seconds since the start where the warm-up ends. */
  readonly warmUpEndSeconds: number;
  readonly width?: number;
  readonly height?: number;
}

const palette: readonly Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
];
const ink: Rgb = [40, 40, 40];
const grid: Rgb = [225, 225, 225];

/** A round step giving about `count` ticks up to `max`. */
function tickStep(max: number, count: number): number {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return step ?? 10 * magnitude;
}

export function plotMemory(file: string, options: PlotOptions): void {
  const width = options.width ?? 1100;
  const height = options.height ?? 620;
  const canvas = new Canvas(width, height);
  const left = 90;
  const right = width - 250;
  const top = 60;
  const bottom = height - 70;
  const points = options.series.flatMap((series) => series.points);
  const maxSeconds = Math.max(60, ...points.map(([t]) => t));
  const maxMb = Math.max(10, ...points.map(([, mb]) => mb)) * 1.1;
  const x = (seconds: number): number => left + ((right - left) * seconds) / maxSeconds;
  const y = (mb: number): number => bottom - ((bottom - top) * mb) / maxMb;

  canvas.text(left, 12, options.title, ink, 2);
  const yStep = tickStep(maxMb, 6);
  for (let mb = 0; mb <= maxMb; mb += yStep) {
    canvas.line(left, y(mb), right, y(mb), grid);
    const label = String(Math.round(mb));
    canvas.text(left - 12 - textWidth(label) * 2, y(mb) - 7, label, ink, 2);
  }
  const minutes = maxSeconds / 60;
  const xStep = tickStep(minutes, 8);
  for (let minute = 0; minute <= minutes; minute += xStep) {
    canvas.line(x(minute * 60), top, x(minute * 60), bottom, grid);
    const label = String(Math.round(minute * 10) / 10);
    canvas.text(x(minute * 60) - textWidth(label), bottom + 10, label, ink, 2);
  }
  canvas.line(left, top, left, bottom, ink, 2);
  canvas.line(left, bottom, right, bottom, ink, 2);
  canvas.text(left + (right - left) / 2 - 60, height - 30, 'MINUTES', ink, 2);
  canvas.text(10, top - 22, options.yLabel, ink, 2);
  const warm = x(options.warmUpEndSeconds);
  canvas.line(warm, top, warm, bottom, [120, 120, 120], 1, 6);
  canvas.text(warm + 6, top + 4, 'WARM-UP END', [120, 120, 120], 1);

  options.series.forEach((series, index) => {
    const color = palette[index % palette.length] ?? ink;
    series.points.forEach(([t, mb], at) => {
      const previous = series.points[at - 1];
      if (previous !== undefined)
        canvas.line(x(previous[0]), y(previous[1]), x(t), y(mb), color, 2);
    });
    const legendY = top + index * 26;
    canvas.fillRect(right + 20, legendY + 4, 22, 6, color);
    canvas.text(right + 50, legendY, series.name, ink, 2);
  });
  canvas.save(file);
}
