/** What every phase shares: the hub, the load, the outcome watcher, CPU subjects, stats. */
import type { Hub } from '@hub/demo';
import { CpuTracker, type CpuSample, type CpuSubjects } from './cpu-meter';
import { eventKey, type OutcomeWatcher } from './outcome-watcher';
import type { LevelEvent, WmsLoad } from './wms-load';

export const applyCall = 'stock.quant.action_apply_inventory';

export interface PhaseContext {
  readonly hub: Hub;
  readonly load: WmsLoad;
  readonly watcher: OutcomeWatcher;
  readonly cpu: CpuSubjects;
  /** Progress lines for whoever watches the run (stderr). */
  readonly progress: (line: string) => void;
}

export const keyOf = (event: LevelEvent): string => eventKey(event.entityKey, event.sourceVersion);

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Starts a CPU window; call the result with the event count when the phase ends. */
export function cpuWindow(context: PhaseContext): (events: number) => CpuSample {
  const tracker = new CpuTracker(context.cpu);
  return (events) => tracker.finish(events);
}

export const round = (value: number, digits = 1): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** Generous: a slow machine may apply as few as ~20 events/s. */
export const settleTimeoutMs = (events: number): number => 120_000 + (events / 20) * 1000;
