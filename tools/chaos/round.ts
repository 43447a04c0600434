/**
 * One round on the running hub: fresh SKUs and POs, the traffic with its fault in flight,
 * then the wait for the hub to settle and the checks.
 */
import { schedulerStatus, sleep, waitFor, type Hub, type StoryWorld } from '@hub/demo';
import type { ChaosHub } from './chaos-hub';
import { injectFault, readiness, type FaultRecord } from './faults';
import { answerLostThenOlder } from './lost-answer';
import {
  evaluate,
  newestOf,
  deadLettersOf,
  quantsBySku,
  receiptStates,
  type Check,
  type Tally,
} from './round-checks';
import { planRound, type FaultKind, type RoundPlan } from './round-plan';
import { confirmOrders, playTraffic, type RoundOrders, type TrafficLog } from './round-traffic';

export interface RoundResult {
  readonly round: number;
  readonly seed: number;
  readonly fault: FaultKind;
  readonly faultDetail: string;
  readonly seconds: number;
  readonly checks: readonly Check[];
  readonly ok: boolean;
  readonly error?: string;
}

/** What a round reports: its checks, or the error that stopped it before they ran. */
export function roundResult(
  head: Pick<RoundResult, 'round' | 'seed' | 'fault' | 'faultDetail'> & {
    readonly started: number;
  },
  outcome: { readonly checks: readonly Check[] } | { readonly error: unknown },
): RoundResult {
  const { started, ...rest } = head;
  const seconds = (Date.now() - started) / 1000;
  if ('checks' in outcome)
    return { ...rest, seconds, checks: outcome.checks, ok: outcome.checks.every((c) => c.ok) };
  const { error } = outcome;
  return {
    ...rest,
    seconds,
    checks: [],
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  };
}

async function roundWorld(
  chaos: ChaosHub,
  plan: RoundPlan,
  lostSku: string | undefined,
): Promise<StoryWorld> {
  const skus = [...plan.skus.map((sku) => sku.sku), ...(lostSku === undefined ? [] : [lostSku])];
  const lineSkus = plan.purchaseOrders.flatMap((po) => po.lines.map((line) => line.sku));
  const seeded = await chaos.hub.sim.seed({
    products: [...skus, ...lineSkus].map((sku) => ({ default_code: sku, name: `Chaos ${sku}` })),
  });
  return {
    ...chaos.world,
    skus,
    productIds: new Map(Object.entries(seeded.products)),
    wmsLevels: new Map(),
    purchaseOrders: new Map(),
  };
}

async function settled(
  world: StoryWorld,
  plan: RoundPlan,
  orders: RoundOrders,
  log: TrafficLog,
  timeoutMs: number,
) {
  await waitFor(
    'the round settled',
    async () => {
      const quants = await quantsBySku(world, [...log.levelsSent.keys()]);
      for (const [sku, sent] of log.levelsSent) {
        const held = quants.get(sku) ?? [];
        if (held.length !== 1 || held[0] !== newestOf(sent)?.level.quantity) return undefined;
      }
      const receipts = await receiptStates(world, plan, orders);
      const done = receipts.every(
        (r) => r.wmsDeliveries > 0 && r.received.every((q, i) => q === r.expected[i]),
      );
      return done ? true : undefined;
    },
    timeoutMs,
    500,
  ).catch(() => undefined);
  await quiet(world.hub, [world.hub.layout.systems.odoo, world.hub.layout.systems.wms]);
}

/** Late duplicates land after the state looks right: waits until no retry is pending, then 1.5 s. */
export async function quiet(hub: Hub, targets: readonly string[]): Promise<void> {
  await waitFor(
    'no retry pending',
    async () => {
      const statuses = await Promise.all(
        targets.map((target) => schedulerStatus(hub.urls.retryScheduler, target)),
      );
      return statuses.every((status) => (status?.pending ?? 0) === 0) ? true : undefined;
    },
    30_000,
    500,
  ).catch(() => undefined);
  await sleep(1_500);
}

export async function playRound(
  chaos: ChaosHub,
  options: { round: number; seed: number; runTag: string; forced?: FaultKind; settleMs: number },
  tally: Tally,
): Promise<RoundResult> {
  const started = Date.now();
  const plan = planRound(options.seed, options.round, options.runTag, options.forced);
  const base = Date.now() - 60_000;
  const lostSku = plan.fault === 'answer-lost-then-older' ? `CH-${plan.tag}-LOST` : undefined;
  const log: TrafficLog = {
    levelsSent: new Map(),
    deliveries: 0,
    resentAfterRefusal: 0,
    adjustmentsApplied: 0,
    adjustmentsFailed: 0,
  };
  let fault: FaultRecord = { kind: plan.fault, detail: '', readySeconds: {} };
  try {
    const world = await roundWorld(chaos, plan, lostSku);
    const orders = await confirmOrders(world, plan);
    const historyStart = chaos.observer.size();
    const lost =
      lostSku === undefined ? undefined : await answerLostThenOlder(world, lostSku, base, log);
    const [, injected] = await Promise.all([
      playTraffic(world, plan, orders, base, log),
      injectFault(chaos, plan),
    ]);
    fault = injected;
    await chaos.hub.sim.clearFaults('odoo');
    await settled(world, plan, orders, log, options.settleMs);
    const readySeconds =
      Object.keys(fault.readySeconds).length > 0
        ? fault.readySeconds
        : await readiness(chaos.hub, Date.now(), 15_000);
    const checks = evaluate(
      world,
      {
        levelsSent: log.levelsSent,
        quants: await quantsBySku(world, [...log.levelsSent.keys()]),
        history: chaos.observer.events(historyStart),
        receipts: await receiptStates(world, plan, orders),
        deadLetters: await deadLettersOf(world, plan.tag),
        readySeconds,
        adjustedSkus: new Set(
          plan.skus.filter((sku) => sku.adjustments.length > 0).map((sku) => sku.sku),
        ),
        ...(lostSku === undefined
          ? {}
          : { lostAnswerSku: lostSku, lostAnswerDropped: lost?.answerDropped === true }),
      },
      tally,
    );
    fault.detail += ` · ${log.deliveries} deliveries (${log.resentAfterRefusal} re-sent after a refusal), ${log.adjustmentsApplied} Odoo adjustments`;
    return roundResult(
      {
        round: options.round,
        seed: options.seed,
        fault: plan.fault,
        faultDetail: fault.detail,
        started,
      },
      { checks },
    );
  } catch (error) {
    await chaos.hub.sim.clearFaults('odoo').catch(() => undefined);
    return roundResult(
      {
        round: options.round,
        seed: options.seed,
        fault: plan.fault,
        faultDetail: fault.detail,
        started,
      },
      { error },
    );
  }
}
