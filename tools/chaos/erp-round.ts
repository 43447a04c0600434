/**
 * One round against SAP / F&O / Business Central: the WMS's counts (out of order, some repeated with the same
 * webhook-id) and a purchase order created in the ERP with its goods receipts (concurrent,
 * some repeated), one fault in flight; then the checks on what the ERP really booked (its
 * state report), what the WMS received and what the DLQ reviewer holds.
 */
import { goodsReceiptEvent, okJson, waitFor, type Hub, type WmsEvent } from '@hub/demo';
import type { ErpChaosHub } from './erp-hub';
import { evaluate, isSettled, type Observed } from './erp-checks';
import { warehouse as erpWarehouse, type ErpOrder } from './erp-state';
import {
  faultUses,
  injectErpFault,
  planErpRound,
  type ErpFaultKind,
  type ErpRoundPlan,
} from './erp-plan';
import type { FaultRecord } from './faults';
import { readiness } from './faults';
import { quiet, roundResult, type RoundResult } from './round';
import type { Tally } from './round-checks';
import { deliver, type TrafficLog } from './round-traffic';

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

/**
 * The WMS's deliveries of the order, one per webhook-id; for a polled ERP also the version
 * each carries (the body's `timestamp`, the order's lastModifiedDateTime) and its type.
 */
type WmsDelivery = Awaited<ReturnType<Hub['sim']['wmsDeliveries']>>[number];

function wmsDeliveriesOf(
  deliveries: readonly WmsDelivery[],
  order: ErpOrder,
  polled: boolean,
): Pick<Observed, 'wmsDeliveries' | 'wmsVersions'> {
  const ofOrder = deliveries.filter((d) => d.body.data?.poNumber === order.number);
  if (!polled) return { wmsDeliveries: ofOrder.length };
  return {
    wmsDeliveries: ofOrder.length,
    wmsVersions: ofOrder.map((d) => {
      const body = d.body as { type?: string; timestamp?: string };
      return `${body.timestamp ?? '?'} ${body.type ?? '?'}`;
    }),
  };
}

/** What the ERP, the WMS and the reviewer hold before the round: only what comes after counts. */
interface Before {
  readonly applies: number;
  readonly ledgerMismatches: ReadonlySet<string>;
  readonly deadLetters: ReadonlySet<string>;
}

async function before(chaos: ErpChaosHub): Promise<Before> {
  const state = await chaos.erp.snapshot();
  return {
    applies: state.applies.length,
    ledgerMismatches: new Set(state.ledgerMismatches?.() ?? []),
    deadLetters: new Set(await deadLetters(chaos.hub)),
  };
}

async function observe(
  chaos: ErpChaosHub,
  plan: ErpRoundPlan,
  order: ErpOrder,
  earlier: Before,
): Promise<Observed> {
  const { hub, erp } = chaos;
  const state = await erp.snapshot();
  const deliveries = await hub.sim.wmsDeliveries();
  const mismatches = state.ledgerMismatches?.();
  return {
    applies: state.applies.slice(earlier.applies),
    onHand: plan.levels.map((levels) => state.onHand(levels[0]?.sku ?? '')),
    receiptDocuments: state.receiptDocuments(order.number),
    received: state.received(order),
    ...(state.receiptQuantities === undefined
      ? {}
      : { receiptQuantities: state.receiptQuantities(order) }),
    ...(mismatches === undefined
      ? {}
      : { ledgerMismatches: mismatches.filter((m) => !earlier.ledgerMismatches.has(m)) }),
    ...wmsDeliveriesOf(deliveries, order, chaos.erp.purchaseOrdersPolled === true),
    deadLetters: (await deadLetters(hub)).filter((item) => !earlier.deadLetters.has(item)),
  };
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
    const earlier = await before(chaos);
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
    const look = () => observe(chaos, plan, order, earlier);
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
