/**
 * Backlog drain: with connector-odoo stopped, the ingress takes N levels as fast as it can
 * (closed loop, a fixed number of requests in flight); then the connector starts again
 * and the clock runs from its restart until the N-th write. The drain is also timed from
 * the first to the last write, which leaves the app's start-up and group join out.
 */
import type { ChildProcess } from 'node:child_process';
import { topics } from '@hub/contracts';
import type { PartitionRange } from './baseline-consumer';
import type { CpuSample } from './cpu-meter';
import {
  applyCall,
  cpuWindow,
  keyOf,
  round,
  settleTimeoutMs,
  type PhaseContext,
} from './phase-context';
import { startReplica } from './replicas';
import { highWatermarks, rangesBetween } from './topic-offsets';
import { countStatus, notAccepted, type LevelEvent, type StatusCounts } from './wms-load';

export interface BacklogResult {
  readonly events: number;
  /** connector-odoo processes draining it. */
  readonly replicas: number;
  /** Where the backlog lies on the canonical topic (the baseline reads the same range). */
  readonly ranges: readonly PartitionRange[];
  readonly ingressAcceptedPerSecond: number;
  readonly intakeSeconds: number;
  readonly notAccepted: number;
  readonly statuses: StatusCounts;
  readonly restartSeconds: number;
  readonly drainSeconds: number;
  readonly drainPerSecond: number;
  readonly firstToLastPerSecond: number;
  readonly applied: number;
  readonly applyCalls: number;
  readonly duplicates: number;
  readonly cpuSecondsPer1000: { readonly intake: CpuSample; readonly drain: CpuSample };
}

/** Re-sends of one event answered with something other than 202 before giving up. */
const postAttempts = 5;

async function stopGracefully(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });
  child.kill('SIGTERM');
  await exited;
}

async function intake(
  context: PhaseContext,
  events: readonly LevelEvent[],
  concurrency: number,
): Promise<{ accepted: LevelEvent[]; statuses: StatusCounts }> {
  const accepted: LevelEvent[] = [];
  const statuses: StatusCounts = {};
  const lanes = Array.from({ length: concurrency }, (): LevelEvent[] => []);
  for (const event of events) lanes[context.load.lane(event, concurrency)]?.push(event);
  let posted = 0;
  const worker = async (lane: readonly LevelEvent[]): Promise<void> => {
    for (const event of lane) {
      for (let attempt = 1; attempt <= postAttempts; attempt += 1) {
        const result = await context.load.post(event);
        countStatus(statuses, result);
        if (result.status === 202) {
          accepted.push(event);
          break;
        }
      }
      posted += 1;
      if (posted % 20_000 === 0) context.progress(`  posted ${posted}/${events.length}`);
    }
  };
  await Promise.all(lanes.map(worker));
  return { accepted, statuses };
}

export async function runBacklog(
  context: PhaseContext,
  total: number,
  concurrency: number,
  replicas = 1,
): Promise<BacklogResult> {
  const { hub, watcher } = context;
  const connector = hub.apps.get('connector-odoo');
  if (connector === undefined) throw new Error('the hub has no connector-odoo');
  await stopGracefully(connector.process);
  const callsBefore = await hub.sim.callCount(applyCall);
  const duplicatesBefore = watcher.duplicates;

  const events = Array.from({ length: total }, () => context.load.next());
  const brokers = hub.stack.kafkaBrokers;
  const marksBefore = await highWatermarks(brokers, topics.inventoryLevel);
  const intakeCpu = cpuWindow(context);
  const intakeStart = Date.now();
  const { accepted, statuses } = await intake(context, events, concurrency);
  const intakeSeconds = (Date.now() - intakeStart) / 1000;
  const intakeCpuPer1000 = intakeCpu(accepted.length);
  const ranges = rangesBetween(marksBefore, await highWatermarks(brokers, topics.inventoryLevel));
  context.progress(
    `  ingress took ${accepted.length} in ${intakeSeconds.toFixed(1)} s; restarting connector-odoo (${replicas} replica(s))`,
  );

  const keys = accepted.map(keyOf);
  const drainCpu = cpuWindow(context);
  const restartAt = Date.now();
  // All replicas at once, so the group settles on its final assignment early in the drain.
  await Promise.all([
    hub.restart('connector-odoo'),
    ...Array.from({ length: replicas - 1 }, () => startReplica(hub)),
  ]);
  const restartSeconds = (Date.now() - restartAt) / 1000;
  const reporter = setInterval(() => {
    const done = watcher.countOf(keys);
    const elapsed = (Date.now() - restartAt) / 1000;
    context.progress(`  drain: ${done}/${keys.length} after ${elapsed.toFixed(0)} s`);
  }, 30_000);
  let applied: number;
  try {
    applied = await watcher.waitFor(keys, settleTimeoutMs(keys.length));
  } finally {
    clearInterval(reporter);
  }
  const drainCpuPer1000 = drainCpu(keys.length);
  const applyCalls = (await hub.sim.callCount(applyCall)) - callsBefore;

  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const key of keys) {
    const at = watcher.succeeded.get(key);
    if (at === undefined) continue;
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  const drainSeconds = (last - restartAt) / 1000;
  return {
    events: total,
    replicas,
    ranges,
    ingressAcceptedPerSecond: round(accepted.length / intakeSeconds),
    intakeSeconds: round(intakeSeconds),
    notAccepted: notAccepted(statuses),
    statuses,
    restartSeconds: round(restartSeconds),
    drainSeconds: round(drainSeconds),
    drainPerSecond: round(applied / drainSeconds),
    firstToLastPerSecond: round(last > first ? (applied - 1) / ((last - first) / 1000) : 0),
    applied,
    applyCalls,
    duplicates: watcher.duplicates - duplicatesBefore,
    cpuSecondsPer1000: { intake: intakeCpuPer1000, drain: drainCpuPer1000 },
  };
}
