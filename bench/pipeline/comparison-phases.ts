/**
 * What the backlog drain is compared with (issue #20), after it, on the same broker and
 * simulator: the baseline (a plain kafkajs consumer) draining the very same backlog; the
 * simulator's own capacity (direct clients); and a second backlog drained by two
 * connector-odoo replicas (scale-out). Each has its checks: every event applied once.
 */
import { runBacklog, type BacklogResult } from './backlog-phase';
import { runBaselineDrain, type BaselinePhaseResult } from './baseline-phase';
import type { PhaseContext } from './phase-context';
import { stopReplicas } from './replicas';
import { benchWarehouse } from './seed-products';
import { runSimulatorCapacity, type CapacityResult } from './simulator-capacity';

export interface ComparisonSettings {
  readonly baseline: boolean;
  readonly capacitySeconds: number;
  readonly capacityWorkers: number;
  readonly scaleOutBacklog: number;
  readonly scaleOutReplicas: number;
  readonly backlogConcurrency: number;
}

export interface ComparisonResult {
  readonly baseline: BaselinePhaseResult | null;
  readonly simulatorCapacity: CapacityResult | null;
  readonly scaleOut: BacklogResult | null;
  readonly checks: { text: string; ok: boolean }[];
}

export async function runComparisons(
  context: PhaseContext,
  backlog: BacklogResult | null,
  skus: readonly string[],
  settings: ComparisonSettings,
): Promise<ComparisonResult> {
  const checks: { text: string; ok: boolean }[] = [];
  let baseline: BaselinePhaseResult | null = null;
  if (settings.baseline && backlog !== null) {
    baseline = await runBaselineDrain(context, backlog.ranges, backlog.applied);
    checks.push(
      {
        text: `baseline: ${baseline.applied}/${backlog.applied} applied, ${baseline.failed} failed${baseline.firstError ? ` (${baseline.firstError})` : ''}`,
        ok: baseline.applied === backlog.applied && baseline.failed === 0,
      },
      {
        text: `baseline: ${baseline.applyCalls} Odoo applies for ${backlog.applied} events`,
        ok: baseline.applyCalls === backlog.applied,
      },
    );
  }
  let simulatorCapacity: CapacityResult | null = null;
  if (settings.capacitySeconds > 0) {
    context.progress(
      `simulator capacity: ${settings.capacityWorkers} direct clients for ${settings.capacitySeconds} s`,
    );
    simulatorCapacity = await runSimulatorCapacity({
      odoo: {
        url: context.hub.urls.simulator,
        db: 'odoo',
        login: 'admin',
        password: 'admin',
        referenceField: 'x_hub_correlation_id',
      },
      skus,
      warehouse: benchWarehouse,
      workers: settings.capacityWorkers,
      seconds: settings.capacitySeconds,
    });
    checks.push({
      text: `simulator capacity: ${simulatorCapacity.failed} of its applies failed`,
      ok: simulatorCapacity.failed === 0,
    });
  }
  let scaleOut: BacklogResult | null = null;
  if (settings.scaleOutBacklog > 0) {
    const { scaleOutBacklog: events, scaleOutReplicas: replicas } = settings;
    context.progress(`scale-out: ${events} levels drained by ${replicas} connector-odoo replicas`);
    try {
      scaleOut = await runBacklog(context, events, settings.backlogConcurrency, replicas);
    } finally {
      await stopReplicas();
    }
    checks.push(
      { text: `scale-out: ingress accepted every level`, ok: scaleOut.notAccepted === 0 },
      { text: `scale-out: ${scaleOut.applied}/${events} written`, ok: scaleOut.applied === events },
      {
        text: `scale-out: ${scaleOut.applyCalls} Odoo applies for ${events} events`,
        ok: scaleOut.applyCalls === events,
      },
    );
  }
  return { baseline, simulatorCapacity, scaleOut, checks };
}
