/**
 * Steady state, open loop: events are scheduled at fixed intervals at the offered rate and
 * sent at their time whatever the ingress answers, so a slow pipeline cannot slow the
 * load down (no coordinated omission). Latency per event = the CreateTime of its
 * `succeeded` outcome minus its scheduled send time.
 */
import type { CpuSample } from './cpu-meter';
import {
  applyCall,
  cpuWindow,
  keyOf,
  percentile,
  round,
  settleTimeoutMs,
  type PhaseContext,
} from './phase-context';
import { countStatus, notAccepted, type PostResult, type StatusCounts } from './wms-load';

export interface SteadyResult {
  readonly offeredPerSecond: number;
  /** Writes completed per second in the second half of the send window. */
  readonly writesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly events: number;
  readonly applied: number;
  readonly notAccepted: number;
  readonly statuses: StatusCounts;
  readonly applyCalls: number;
  /** Sent but not yet written when the sending stopped. */
  readonly backlogAtSendEnd: number;
  readonly backlogGrew: boolean;
  /** From the end of sending until the last write. */
  readonly settleSeconds: number;
  /** Latest a send left after its scheduled time (the bench keeping up). */
  readonly sendLagMaxMs: number;
  readonly cpuSecondsPer1000: CpuSample;
}

export async function runSteady(
  context: PhaseContext,
  offeredPerSecond: number,
  seconds: number,
): Promise<SteadyResult> {
  const { hub, load, watcher } = context;
  const total = Math.round(offeredPerSecond * seconds);
  const events = Array.from({ length: total }, () => load.next());
  const keys = events.map(keyOf);
  const callsBefore = await hub.sim.callCount(applyCall);
  const cpu = cpuWindow(context);
  const statuses: StatusCounts = {};
  const posts: Promise<void>[] = [];
  const interval = 1000 / offeredPerSecond;
  const start = Date.now() + 50;
  const scheduledAt = (index: number): number => start + index * interval;
  let next = 0;
  let sendLagMaxMs = 0;
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      const now = Date.now();
      while (next < total && scheduledAt(next) <= now) {
        sendLagMaxMs = Math.max(sendLagMaxMs, now - scheduledAt(next));
        const event = events[next];
        next += 1;
        if (event === undefined) continue;
        posts.push(
          load.post(event).then((result: PostResult) => {
            countStatus(statuses, result);
          }),
        );
      }
      if (next >= total) {
        clearInterval(tick);
        done();
      }
    }, 1);
  });
  const sendEnd = start + seconds * 1000;
  await Promise.all(posts);
  const appliedAtSendEnd = [...keys].filter((key) => {
    const at = watcher.succeeded.get(key);
    return at !== undefined && at <= sendEnd;
  }).length;
  context.progress(
    `  ${offeredPerSecond}/s: sent ${total}, ${appliedAtSendEnd} written by the end of sending; waiting for the rest`,
  );
  const applied = await watcher.waitFor(keys, settleTimeoutMs(total));
  const cpuSecondsPer1000 = cpu(total);
  const applyCalls = (await hub.sim.callCount(applyCall)) - callsBefore;

  const latencies: number[] = [];
  let lastWrite = 0;
  let secondHalfWrites = 0;
  const halfFrom = start + (seconds * 1000) / 2;
  events.forEach((_, index) => {
    const at = watcher.succeeded.get(keys[index] ?? '');
    if (at === undefined) return;
    latencies.push(at - scheduledAt(index));
    lastWrite = Math.max(lastWrite, at);
    if (at > halfFrom && at <= sendEnd) secondHalfWrites += 1;
  });
  latencies.sort((a, b) => a - b);
  const writesPerSecond = round(secondHalfWrites / (seconds / 2));
  const backlogAtSendEnd = total - appliedAtSendEnd;
  return {
    offeredPerSecond,
    writesPerSecond,
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies[latencies.length - 1] ?? Number.NaN),
    events: total,
    applied,
    notAccepted: notAccepted(statuses),
    statuses,
    applyCalls,
    backlogAtSendEnd,
    backlogGrew: writesPerSecond < offeredPerSecond * 0.95,
    settleSeconds: round(Math.max(0, lastWrite - sendEnd) / 1000),
    sendLagMaxMs,
    cpuSecondsPer1000,
  };
}
