/**
 * What the reconciliation benchmark watches from outside connector-odoo: its L3 runs in the
 * drift tables, the drift items they left, Odoo's quantities and call counters, and the
 * WMS traffic it sends through the ingress while a run goes on.
 */
import type { Hub, WmsEvent } from '@hub/demo';
import { DriftStore, reconciliationDataSourceOptions, type RunRecord } from '@hub/reconciliation';
import { DataSource } from 'typeorm';

export const progress = (line: string): void => {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RunWatch {
  private constructor(
    private readonly data: DataSource,
    private readonly drift: DriftStore,
    private readonly hub: Hub,
  ) {}

  static async open(hub: Hub): Promise<RunWatch> {
    const data = await new DataSource(
      reconciliationDataSourceOptions({
        url: hub.stack.databaseUrl,
        schema: hub.layout.schemas.erp,
      }),
    ).initialize();
    return new RunWatch(data, new DriftStore(data, { now: () => Date.now() }), hub);
  }

  private get pair() {
    return { entityType: 'inventory-level' as const, receiver: this.hub.layout.systems.erp };
  }

  async fullRuns(): Promise<RunRecord[]> {
    return (await this.drift.runsOf(this.pair, 50)).filter((run) => run.level === 'L3');
  }

  /** Waits until no L3 run is going on; returns the id of the last one (if any). */
  async idle(timeoutMs: number): Promise<string | undefined> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const [last] = await this.fullRuns();
      if (last === undefined || last.state !== 'running') return last?.id;
      await sleep(500);
    }
    throw new Error('an L3 run did not finish in time');
  }

  /** The next L3 run after `afterId`, once finished. */
  async nextFinished(afterId: string | undefined, timeoutMs: number): Promise<RunRecord> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const runs = await this.fullRuns();
      const newer =
        afterId === undefined
          ? runs
          : runs.slice(
              0,
              runs.findIndex((r) => r.id === afterId),
            );
      const run = newer.at(-1);
      if (run !== undefined && run.state !== 'running') return run;
      await sleep(500);
    }
    throw new Error('no L3 run finished in time');
  }

  /** The keys the runs found out of step (drifted or missing at Odoo). */
  async driftKeys(): Promise<string[]> {
    const found = [
      ...(await this.drift.list(this.pair, { verdict: 'drifted', limit: 100_000 })),
      ...(await this.drift.list(this.pair, { verdict: 'missing-at-receiver', limit: 100_000 })),
    ];
    return found.map((item) => item.entityKey).sort();
  }

  close(): Promise<void> {
    return this.data.destroy();
  }
}

/** Odoo's on-hand per product id at a location. */
export async function odooOnHand(
  hub: Hub,
  location: number,
  productIds: readonly number[],
): Promise<Map<number, number>> {
  const quants = await hub.sim.records('stock.quant', [
    ['location_id', '=', location],
    ['product_id', 'in', [...productIds]],
  ]);
  const onHand = new Map<number, number>();
  for (const quant of quants) {
    const product = Array.isArray(quant.product_id)
      ? Number(quant.product_id[0])
      : Number(quant.product_id);
    onHand.set(product, (onHand.get(product) ?? 0) + Number(quant.quantity));
  }
  return onHand;
}

export function levelEvent(sku: string, warehouse: string, quantity: number): WmsEvent {
  return {
    type: 'inventory-level.changed',
    data: {
      sku,
      warehouse,
      quantityOnHand: quantity.toFixed(2),
      unitOfMeasure: 'PCS',
      asOf: new Date().toISOString(),
    },
  };
}

/** Signed WMS levels into the ingress at a steady rate, in small batches, until stopped. */
export class LiveLoad {
  sent = 0;
  private stopped = false;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly hub: Hub,
    private readonly skus: readonly string[],
    private readonly warehouse: string,
    private readonly perSecond: number,
  ) {}

  start(): void {
    const batch = Math.max(1, Math.round(this.perSecond / 5));
    const gapMs = (1000 * batch) / this.perSecond;
    this.done = (async () => {
      const started = Date.now();
      while (!this.stopped) {
        const events = Array.from({ length: batch }, (_, i) => {
          const n = this.sent + i;
          return levelEvent(this.skus[n % this.skus.length] ?? '', this.warehouse, 200 + n);
        });
        const answers = await this.hub.sim.emitBatch(events);
        if (answers.some((answer) => answer.status !== 202))
          throw new Error('the ingress refused a live level');
        this.sent += batch;
        const due = started + (this.sent / batch) * gapMs;
        await sleep(Math.max(0, due - Date.now()));
      }
    })();
  }

  async stop(): Promise<number> {
    this.stopped = true;
    await this.done;
    return this.sent;
  }
}
