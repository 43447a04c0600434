/**
 * One round against SAP / F&O: the WMS's counts (out of order, some repeated with the same
 * webhook-id) and a purchase order created in the ERP with its goods receipts (concurrent,
 * some repeated), one fault in flight; then the checks on what the ERP really booked (its
 * state report), what the WMS received and what the DLQ reviewer holds.
 */
import { goodsReceiptEvent, okJson, waitFor, type Hub, type WmsEvent } from '@hub/demo';
import type { ErpChaosHub } from './erp-hub';
import { repeated, warehouse as erpWarehouse, type CountApply, type ErpOrder } from './erp-state';
import {
  faultUses,
  injectErpFault,
  planErpRound,
  type ErpFaultKind,
  type ErpLevel,
  type ErpRoundPlan,
} from './erp-plan';
import type { FaultRecord } from './faults';
import { readiness } from './faults';
import { quiet, roundResult, type RoundResult } from './round';
import type { Check, Tally } from './round-checks';
import { deliver, type TrafficLog } from './round-traffic';

const newest = (levels: readonly ErpLevel[]): ErpLevel | undefined =>
  [...levels].sort((a, b) => a.asOfOffsetMs - b.asOfOffsetMs).at(-1);

/** Delivered until accepted; when `repeat`, once more with the same webhook-id. */
async function deliverRepeated(hub: Hub, event: WmsEvent, repeat: boolean, log: TrafficLog) {
  const webhookId = await deliver({ hub }, event, log);
  if (repeat) await deliver({ hub }, { ...event, webhookId }, log);
}

async function sendLevels(
  hub: Hub,
  plan: ErpRoundPlan,
  base: number,
  log: TrafficLog,
): Promise<void> {
  await Promise.all(
    plan.levels.map(async (levels) => {
      for (const level of levels) {
        const event: WmsEvent = {
          type: 'inventory-level.changed',
          data: {
            sku: level.sku,
            warehouse: erpWarehouse,
            quantityOnHand: level.quantity.toFixed(2),
            unitOfMeasure: 'PCS',
            asOf: new Date(base + level.asOfOffsetMs).toISOString(),
          },
        };
        await deliverRepeated(hub, event, level.repeat, log);
      }
    }),
  );
}

async function sendReceipts(
  hub: Hub,
  plan: ErpRoundPlan,
  order: ErpOrder,
  log: TrafficLog,
): Promise<void> {
  await Promise.all(
    plan.receipts.map(async (receipt) => {
      const lines = order.lineNumbers.map((poLineNumber, i) => ({
        poLineNumber,
        sku: plan.orderLines[i]?.sku ?? '',
        quantity: receipt.quantities[i] ?? 0,
      }));
      const event = goodsReceiptEvent({ warehouse: erpWarehouse }, receipt.id, order.number, lines);
      await deliverRepeated(hub, event, receipt.repeat, log);
    }),
  );
}

interface Observed {
  readonly applies: readonly CountApply[];
  readonly onHand: readonly number[];
  readonly receiptDocuments: number;
  readonly received: readonly number[];
  readonly wmsDeliveries: number;
  readonly deadLetters: readonly string[];
}

async function deadLetters(hub: Hub): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor === null ? {} : { cursor }) });
    const page: {
      items: { id: string; entityKey: string; errorCode: string | null }[];
      nextCursor: string | null;
    } = await okJson(`${hub.urls.dlqReviewer}/api/dead-letters?${query.toString()}`, {
      headers: { authorization: `Bearer ${hub.layout.secrets.operatorToken}` },
    });
    found.push(...page.items.map((item) => `${item.id} ${item.entityKey} ${item.errorCode ?? ''}`));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return found;
}

async function observe(
  chaos: ErpChaosHub,
  plan: ErpRoundPlan,
  order: ErpOrder,
  appliesBefore: number,
  dlqBefore: ReadonlySet<string>,
): Promise<Observed> {
  const { hub, erp } = chaos;
  const state = await erp.snapshot();
  const deliveries = await hub.sim.wmsDeliveries();
  return {
    applies: state.applies.slice(appliesBefore),
    onHand: plan.levels.map((levels) => state.onHand(levels[0]?.sku ?? '')),
    receiptDocuments: state.receiptDocuments(order.number),
    received: state.received(order),
    wmsDeliveries: deliveries.filter((d) => d.body.data?.poNumber === order.number).length,
    deadLetters: (await deadLetters(hub)).filter((item) => !dlqBefore.has(item)),
  };
}

const expectedReceived = (plan: ErpRoundPlan): number[] =>
  plan.orderLines.map((_, i) => plan.receipts.reduce((sum, r) => sum + (r.quantities[i] ?? 0), 0));

function isSettled(plan: ErpRoundPlan, seen: Observed): boolean {
  const levelsHeld = plan.levels.every((levels, s) => seen.onHand[s] === newest(levels)?.quantity);
  const expected = expectedReceived(plan);
  return levelsHeld && seen.wmsDeliveries > 0 && seen.received.every((q, i) => q === expected[i]);
}

function evaluate(
  plan: ErpRoundPlan,
  seen: Observed,
  readySeconds: Record<string, number>,
  tally: Tally,
): Check[] {
  const newestLevels = plan.levels.map((levels) => newest(levels));
  const stale = plan.levels.filter((_, s) => seen.onHand[s] !== newestLevels[s]?.quantity);
  const twicePerLevel = repeated(seen.applies.map((a) => `${a.sku} ${String(a.quantity)}`));
  const twicePerReference = repeated(seen.applies.map((a) => `${a.sku} ${a.reference}`));
  const lost = newestLevels.filter(
    (level) => !seen.applies.some((a) => a.sku === level?.sku && a.quantity === level.quantity),
  );
  const expected = expectedReceived(plan);
  const receiptsOk =
    seen.receiptDocuments === plan.receipts.length &&
    seen.received.every((q, i) => q === expected[i]);
  const slow = Object.entries(readySeconds).filter(([, s]) => !(s <= 15));
  tally.stale += stale.length;
  const short = seen.received.filter((q, i) => q < (expected[i] ?? 0)).length;
  tally.lost += lost.length + short + (seen.wmsDeliveries === 0 ? 1 : 0);
  tally.duplicates +=
    twicePerLevel.length +
    twicePerReference.length +
    Math.max(0, seen.receiptDocuments - plan.receipts.length) +
    Math.max(0, seen.wmsDeliveries - 1);
  tally.deadLetters += seen.deadLetters.length;
  tally.slowRestarts += slow.length;
  return [
    {
      name: 'newest level held',
      ok: stale.length === 0,
      figures: `on hand ${seen.onHand.join(', ')}; newest ${newestLevels.map((l) => l?.quantity).join(', ')}`,
    },
    {
      name: 'newest level applied',
      ok: lost.length === 0,
      figures: `${String(seen.applies.length)} counts posted this round; newest never posted: ${lost.map((l) => `${l?.sku ?? ''} ${String(l?.quantity)}`).join(', ') || 'none'}`,
    },
    {
      name: 'each level applied at most once',
      ok: twicePerLevel.length === 0 && twicePerReference.length === 0,
      figures: `twice per level: ${twicePerLevel.join(', ') || 'none'}; twice per reference: ${twicePerReference.join(', ') || 'none'}`,
    },
    {
      name: 'receipts booked once, quantities as received',
      ok: receiptsOk,
      figures: `${String(seen.receiptDocuments)} receipt documents for ${String(plan.receipts.length)} receipts; received ${seen.received.join(', ')}, expected ${expected.join(', ')}`,
    },
    {
      name: 'PO delivered to the WMS once',
      ok: seen.wmsDeliveries === 1,
      figures: `×${String(seen.wmsDeliveries)}`,
    },
    {
      name: 'no dead letter',
      ok: seen.deadLetters.length === 0,
      figures: seen.deadLetters.join('; ') || 'none',
    },
    {
      name: 'every app ready within 15 s of its restart',
      ok: slow.length === 0,
      figures: Object.entries(readySeconds)
        .map(([app, s]) => `${app} ${s.toFixed(1)} s`)
        .join(', '),
    },
  ];
}

async function settle(
  chaos: ErpChaosHub,
  wait: () => Promise<Observed>,
  plan: ErpRoundPlan,
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    'the round settled',
    async () => (isSettled(plan, await wait()) ? true : undefined),
    timeoutMs,
    500,
  ).catch(() => undefined);
  await quiet(chaos.hub, [chaos.hub.layout.systems.erp, chaos.hub.layout.systems.wms]);
}

export async function playErpRound(
  chaos: ErpChaosHub,
  options: { round: number; seed: number; runTag: string; forced?: ErpFaultKind; settleMs: number },
  tally: Tally,
): Promise<RoundResult> {
  const started = Date.now();
  const plan = planErpRound(
    chaos.kind,
    options.seed,
    options.round,
    `${options.runTag}-${String(options.round + 1)}`,
    options.forced,
  );
  const log: TrafficLog = {
    levelsSent: new Map(),
    deliveries: 0,
    resentAfterRefusal: 0,
    adjustmentsApplied: 0,
    adjustmentsFailed: 0,
  };
  let fault: FaultRecord = { kind: plan.fault, detail: '', readySeconds: {} };
  const clear = () =>
    okJson(`${chaos.hub.urls.simulator}/__sim/${chaos.kind}/faults`, { method: 'DELETE' });
  try {
    const appliesBefore = (await chaos.erp.snapshot()).applies.length;
    const dlqBefore = new Set(await deadLetters(chaos.hub));
    const order = await chaos.erp.createOrder(`PO-${plan.tag}`, plan.orderLines);
    const base = Date.now() - 60_000;
    const [, , injected] = await Promise.all([
      sendLevels(chaos.hub, plan, base, log),
      sendReceipts(chaos.hub, plan, order, log),
      injectErpFault(chaos, plan),
    ]);
    fault = injected;
    if (fault.simulatorFault !== undefined) {
      // Retries are still to come: the uses so far, read again after the round settled.
      const uses = await faultUses(fault.simulatorFault);
      fault.detail += ` (used ${String(uses)}/${String(fault.simulatorFault.times)} while the WMS sent)`;
    }
    const look = () => observe(chaos, plan, order, appliesBefore, dlqBefore);
    await settle(chaos, look, plan, options.settleMs);
    if (fault.simulatorFault !== undefined)
      fault.detail += `, ${String(await faultUses(fault.simulatorFault))} in all`;
    await clear();
    const readySeconds =
      Object.keys(fault.readySeconds).length > 0
        ? fault.readySeconds
        : await readiness(chaos.hub, Date.now(), 15_000);
    const checks = evaluate(plan, await look(), readySeconds, tally);
    fault.detail += ` · ${order.number}, ${String(log.deliveries)} deliveries (${String(log.resentAfterRefusal)} re-sent after a refusal)`;
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
    await clear().catch(() => undefined);
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
