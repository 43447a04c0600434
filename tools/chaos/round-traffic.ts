/**
 * Plays a round's plan against the hub as the WMS and as Odoo users would: per SKU the
 * levels one after another (each delivery re-sent with its webhook-id until answered 202,
 * as a WMS retries), the SKUs, the receipts and the Odoo-side adjustments all at once.
 */
import { confirmPurchaseOrder, sleep, type StoryWorld, type WmsEvent } from '@hub/demo';
import type { PlannedLevel, ReceiptPlan, RoundPlan, SkuPlan } from './round-plan';
import { Random } from './random';

export interface Sent {
  /** The level first sent last wins a tie on the source timestamp. */
  readonly sendOrder: number;
  readonly level: PlannedLevel;
}

export interface TrafficLog {
  readonly levelsSent: Map<string, Sent[]>;
  deliveries: number;
  resentAfterRefusal: number;
  adjustmentsApplied: number;
  adjustmentsFailed: number;
}

export function levelEvent(world: StoryWorld, level: PlannedLevel, base: number): WmsEvent {
  return {
    type: 'inventory-level.changed',
    data: {
      sku: level.sku,
      warehouse: world.warehouse,
      quantityOnHand: level.quantity.toFixed(2),
      unitOfMeasure: 'PCS',
      asOf: new Date(base + level.asOfOffsetMs).toISOString(),
    },
  };
}

/** Sends until answered 202 (a 503 while the broker is down is normal); returns the webhook-id. */
export async function deliver(
  world: Pick<StoryWorld, 'hub'>,
  event: WmsEvent,
  log: TrafficLog,
): Promise<string> {
  let webhookId = event.webhookId;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const answer = await world.hub.sim.emit(
        webhookId === undefined ? event : { ...event, webhookId },
      );
      webhookId = answer.webhookId;
      log.deliveries += 1;
      if (answer.status === 202) return webhookId;
    } catch {
      // the simulator could not reach the ingress (killed): same as a refusal
    }
    if (Date.now() > deadline)
      throw new Error(`delivery of ${JSON.stringify(event.data)} never accepted`);
    log.resentAfterRefusal += 1;
    await sleep(300);
  }
}

async function erpAdjustment(world: StoryWorld, sku: string, quantity: number): Promise<void> {
  const { sim } = world.hub;
  const context = { context: { inventory_mode: true } };
  const quantId = await sim.execute<number>(
    'stock.quant',
    'create',
    [
      {
        product_id: world.productIds.get(sku),
        location_id: world.stockLocationId,
        inventory_quantity: quantity,
      },
    ],
    context,
  );
  await sim.execute('stock.quant', 'action_apply_inventory', [[quantId]], context);
}

async function adjustments(
  world: StoryWorld,
  plan: SkuPlan,
  random: Random,
  log: TrafficLog,
): Promise<void> {
  for (const quantity of plan.adjustments) {
    await sleep(random.int(0, 600));
    let done = false;
    // The round's own ERP fault answers these too; an Odoo user would try again.
    for (let attempt = 0; attempt < 10 && !done; attempt += 1) {
      done = await erpAdjustment(world, plan.sku, quantity).then(
        () => true,
        () => false,
      );
      if (!done) await sleep(300);
    }
    if (done) log.adjustmentsApplied += 1;
    else log.adjustmentsFailed += 1;
  }
}

let sendCounter = 0;

async function skuTraffic(
  world: StoryWorld,
  plan: SkuPlan,
  base: number,
  random: Random,
  log: TrafficLog,
) {
  const webhookIds = new Map<number, string>();
  const sent: Sent[] = [];
  log.levelsSent.set(plan.sku, sent);
  const racing = adjustments(world, plan, random, log);
  for (const send of plan.sends) {
    const level = plan.levels[send.index];
    if (!level) continue;
    const event = levelEvent(world, level, base);
    if (send.kind === 'new') {
      sendCounter += 1;
      sent.push({ sendOrder: sendCounter, level });
      webhookIds.set(send.index, await deliver(world, event, log));
    } else if (send.kind === 'same-webhook') {
      const webhookId = webhookIds.get(send.index);
      if (webhookId !== undefined) await deliver(world, { ...event, webhookId }, log);
    } else {
      await deliver(world, event, log);
    }
    await sleep(random.int(0, 120));
  }
  await racing;
  // The WMS counts again after Odoo users touched its stock: the newest level of all.
  const recount =
    plan.levels.length > 0 && plan.adjustments.length > 0
      ? recountOf(plan, plan.levels)
      : undefined;
  if (recount) {
    sendCounter += 1;
    sent.push({ sendOrder: sendCounter, level: recount });
    await deliver(world, levelEvent(world, recount, base), log);
  }
}

export function recountOf(plan: SkuPlan, levels: readonly PlannedLevel[]): PlannedLevel {
  const latest = Math.max(...levels.map((level) => level.asOfOffsetMs));
  const first = levels[0]?.quantity ?? 0;
  return { sku: plan.sku, quantity: first + 500, asOfOffsetMs: latest + 5_000 };
}

export interface RoundOrders {
  readonly byPlan: readonly {
    readonly id: number;
    readonly name: string;
    readonly lineIds: readonly number[];
  }[];
}

export async function confirmOrders(world: StoryWorld, plan: RoundPlan): Promise<RoundOrders> {
  const byPlan = [];
  for (const po of plan.purchaseOrders) {
    const info = await confirmPurchaseOrder(
      world,
      po.name,
      po.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, price: 1 })),
    );
    byPlan.push({
      id: info.id,
      name: po.name,
      lineIds: po.lines.map((line) => info.lines.find((l) => l.sku === line.sku)?.id ?? 0),
    });
  }
  return { byPlan };
}

function receiptEvent(
  world: StoryWorld,
  plan: RoundPlan,
  orders: RoundOrders,
  receipt: ReceiptPlan,
  base: number,
  reorder: boolean,
): WmsEvent {
  const po = plan.purchaseOrders[receipt.po];
  const ids = orders.byPlan[receipt.po]?.lineIds ?? [];
  const lines = (po?.lines ?? [])
    .map((line, i) => ({
      poLineNumber: ids[i] ?? 0,
      sku: line.sku,
      quantityReceived: (receipt.quantities[i] ?? 0).toFixed(2),
      unitOfMeasure: 'PCS',
    }))
    .filter((_, i) => (receipt.quantities[i] ?? 0) > 0);
  return {
    type: 'goods-receipt.recorded',
    data: {
      receiptId: receipt.receiptId,
      poNumber: po?.name ?? '?',
      warehouse: world.warehouse,
      receivedAt: new Date(base + receipt.receivedAtOffsetMs).toISOString(),
      lines: reorder ? [...lines].reverse() : lines,
    },
  };
}

async function receiptTraffic(
  world: StoryWorld,
  plan: RoundPlan,
  orders: RoundOrders,
  base: number,
  random: Random,
  log: TrafficLog,
) {
  await Promise.all(
    random.shuffle(plan.receipts).map(async (receipt) => {
      await sleep(random.int(0, 1_500));
      const webhookId = await deliver(
        world,
        receiptEvent(world, plan, orders, receipt, base, false),
        log,
      );
      if (receipt.resendSameWebhook) {
        await sleep(random.int(0, 500));
        await deliver(
          world,
          { ...receiptEvent(world, plan, orders, receipt, base, false), webhookId },
          log,
        );
      }
      if (receipt.resendReordered) {
        await sleep(random.int(0, 1_000));
        await deliver(world, receiptEvent(world, plan, orders, receipt, base, true), log);
      }
    }),
  );
}

export async function playTraffic(
  world: StoryWorld,
  plan: RoundPlan,
  orders: RoundOrders,
  base: number,
  log: TrafficLog,
): Promise<void> {
  const random = new Random(plan.seed ^ 0x7a11);
  await Promise.all([
    ...plan.skus.map((sku) =>
      skuTraffic(world, sku, base, new Random(random.int(1, 2 ** 30)), log),
    ),
    receiptTraffic(world, plan, orders, base, random, log),
  ]);
}
