/**
 * The baseline's drain of the same backlog the hub drained (the same offsets of the
 * canonical topic, on the same broker and simulator): baseline-consumer.ts in a child
 * process, its Odoo applies counted on the simulator, its CPU per 1,000 events beside the
 * simulator's.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { topics } from '@hub/contracts';
import type { BaselineResult, BaselineRun, PartitionRange } from './baseline-consumer';
import { applyCall, cpuWindow, round, settleTimeoutMs, type PhaseContext } from './phase-context';

const run = promisify(execFile);

export interface BaselinePhaseResult extends BaselineResult {
  readonly events: number;
  readonly applyCalls: number;
  readonly partitionsConsumedConcurrently: number;
  /** The baseline process's own CPU seconds per 1,000 events. */
  readonly cpuSecondsPer1000: number;
  /** The simulator's CPU seconds per 1,000 events while the baseline drained. */
  readonly simulatorCpuSecondsPer1000: number | null;
}

export async function runBaselineDrain(
  context: PhaseContext,
  ranges: readonly PartitionRange[],
  events: number,
): Promise<BaselinePhaseResult> {
  const { hub } = context;
  const partitionsConsumedConcurrently = ranges.length;
  const settings: BaselineRun = {
    brokers: hub.stack.kafkaBrokers,
    registryUrl: hub.stack.schemaRegistryUrl,
    topic: topics.inventoryLevel,
    ranges,
    sourceSystem: hub.layout.systems.wms,
    groupId: `bench-baseline-${hub.layout.runId}`,
    partitionsConsumedConcurrently,
    odoo: {
      url: hub.urls.simulator,
      db: 'odoo',
      login: 'admin',
      password: 'admin',
      referenceField: 'x_hub_correlation_id',
    },
    timeoutMs: settleTimeoutMs(events),
  };
  const callsBefore = await hub.sim.callCount(applyCall);
  const cpu = cpuWindow(context);
  context.progress(`baseline: a plain kafkajs consumer drains the same ${events} levels`);
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'baseline-consumer.ts'), JSON.stringify(settings)],
    { maxBuffer: 1 << 20, timeout: settings.timeoutMs + 60_000 },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as BaselineResult;
  const simulator = cpu(events)['erp-simulator'];
  const applyCalls = (await hub.sim.callCount(applyCall)) - callsBefore;
  context.progress(
    `  baseline applied ${result.applied} (${result.failed} failed) at ${result.firstToLastPerSecond.toFixed(0)}/s first to last`,
  );
  return {
    ...result,
    seconds: round(result.seconds),
    perSecond: round(result.perSecond),
    firstToLastPerSecond: round(result.firstToLastPerSecond),
    events,
    applyCalls,
    partitionsConsumedConcurrently,
    cpuSecondsPer1000: round((result.cpuSeconds / Math.max(1, result.applied)) * 1000, 3),
    simulatorCpuSecondsPer1000: simulator ?? null,
  };
}
