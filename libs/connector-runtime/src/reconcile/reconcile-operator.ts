/**
 * What an operator does with this connector's drift (the admin routes, proxied by the DLQ
 * reviewer): the summary per pair, the items and runs, re-check or repair chosen keys,
 * ignore or reopen an item, approve a run the drift cap halted, run a level now (an L3 within a
 * key scope when asked). A repair
 * is a key check first (a run of its own), then the owner's state of each key still drifted
 * written through the write path under that run's repair id; never towards the owner (the
 * write pipeline refuses it), never for a key the owner does not have.
 */
import type { EntityType } from '@hub/contracts';
import {
  runKeyCheck,
  type DriftItem,
  type ItemStatus,
  type ItemVerdict,
  type KeyScope,
  type PairSummary,
  type RunRecord,
} from '@hub/reconciliation';
import type { ReconcileLevel, ReconcileReport, Reconciliation } from './reconciliation';

export interface ReconcileOverview {
  readonly system: string;
  readonly mode: 'report' | 'repair';
  readonly levels: readonly ReconcileLevel[];
  readonly entityTypes: readonly EntityType[];
  readonly pairs: readonly PairSummary[];
}

export interface KeyCheckOutcome {
  readonly runId: string;
  readonly items: readonly DriftItem[];
  /** Repair writes by outcome; absent for a re-check. */
  readonly repairs?: Readonly<Record<string, number>>;
}

export class UnknownPairError extends Error {
  constructor(system: string, entityType: string) {
    super(`${system} does not reconcile ${entityType}`);
  }
}

export class NotRepairableError extends Error {}

export class ReconcileOperator {
  constructor(private readonly reconciliation: Reconciliation) {}

  private get options() {
    return this.reconciliation.options;
  }

  entityType(name: string): EntityType {
    const found = this.options.entityTypes.find((type) => type === name);
    if (found === undefined) throw new UnknownPairError(this.options.system, name);
    return found;
  }

  async overview(): Promise<ReconcileOverview> {
    const { system, autoRepair, entityTypes, drift } = this.options;
    const pairs = (await drift.summary()).filter((pair) => pair.receiver === system);
    return {
      system,
      mode: autoRepair ? 'repair' : 'report',
      levels: this.reconciliation.levels(),
      entityTypes,
      pairs,
    };
  }

  items(
    entityType: string,
    query: {
      readonly status?: ItemStatus;
      readonly verdict?: ItemVerdict;
      readonly afterKey?: string;
      readonly limit: number;
    },
  ): Promise<DriftItem[]> {
    const pair = { entityType: this.entityType(entityType), receiver: this.options.system };
    return this.options.drift.list(pair, query);
  }

  runs(entityType: string, limit: number): Promise<RunRecord[]> {
    const pair = { entityType: this.entityType(entityType), receiver: this.options.system };
    return this.options.drift.runsOf(pair, limit);
  }

  async recheck(entityType: string, keys: readonly string[], signal: AbortSignal) {
    const type = this.entityType(entityType);
    const { adapter } = this.options;
    const report = await runKeyCheck(
      {
        ...this.reconciliation.judging(type),
        readReceiver: (pageKeys, readSignal) =>
          this.reconciliation.read((s) => adapter.readReceiver(type, pageKeys, s), readSignal),
      },
      keys,
      signal,
    );
    const items = await this.options.drift.list(
      { entityType: type, receiver: this.options.system },
      { keys, limit: keys.length },
    );
    return { runId: report.runId, items };
  }

  async repair(
    entityType: string,
    keys: readonly string[],
    signal: AbortSignal,
  ): Promise<KeyCheckOutcome> {
    const type = this.entityType(entityType);
    if (this.options.repair === undefined)
      throw new NotRepairableError(`${this.options.system} writes nothing: no repair path`);
    const check = await this.recheck(type, keys, signal);
    const repairs = (await this.reconciliation.repairOf(type, check.runId, signal)) ?? {};
    return { ...check, repairs };
  }

  setStatus(
    entityType: string,
    key: string,
    status: Exclude<ItemStatus, 'healed'>,
    actor: string,
  ): Promise<boolean> {
    const pair = { entityType: this.entityType(entityType), receiver: this.options.system };
    return this.options.drift.setStatus(pair, key, status, actor);
  }

  /** Lets a halted run's repairs go ahead (repaired now in repair mode); undefined: no such halted run. */
  async approve(runId: string, actor: string, signal: AbortSignal) {
    const { drift, system, autoRepair } = this.options;
    const run = await drift.run(runId);
    if (run?.receiver !== system || !(await drift.approve(runId, actor))) return undefined;
    const type = this.entityType(run.entityType);
    const repairs = autoRepair
      ? await this.reconciliation.repairOf(type, runId, signal)
      : undefined;
    return { runId, approvedBy: actor, ...(repairs === undefined ? {} : { repairs }) };
  }

  /** A pass of a level now; an L3 may be scoped to a key range (one warehouse, a SKU range). */
  runNow(level: ReconcileLevel, signal: AbortSignal, scope?: KeyScope): Promise<ReconcileReport[]> {
    return this.reconciliation.runAll(level, signal, scope);
  }
}
