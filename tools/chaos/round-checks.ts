/**
 * After a round settles: what Odoo, the WMS and the reviewer really hold, against what the
 * WMS sent. Duplicates and losses are counted from what the target did (applies in Odoo's
 * own quantity history, done pickings, quantities booked, deliveries the WMS received), not
 * from what a de-duplicating receiver kept.
 */
import { okJson, type StoryWorld } from '@hub/demo';
import { appliesOf, type QuantEvent } from './quant-observer';
import type { RoundPlan } from './round-plan';
import type { RoundOrders, Sent } from './round-traffic';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly figures: string;
}

export interface Tally {
  lost: number;
  duplicates: number;
  stale: number;
  deadLetters: number;
  slowRestarts: number;
}

/** The level that must win: greatest source timestamp, then the one first sent last. */
export function newestOf(sent: readonly Sent[]): Sent | undefined {
  return [...sent]
    .sort((a, b) => a.level.asOfOffsetMs - b.level.asOfOffsetMs || a.sendOrder - b.sendOrder)
    .at(-1);
}

function rankOf(sent: readonly Sent[]): Map<number, number> {
  const ordered = [...sent].sort(
    (a, b) => a.level.asOfOffsetMs - b.level.asOfOffsetMs || a.sendOrder - b.sendOrder,
  );
  return new Map(ordered.map((entry, rank) => [entry.level.quantity, rank]));
}

export async function quantsBySku(world: StoryWorld, skus: readonly string[]) {
  const quants = await world.hub.sim.records('stock.quant', [
    ['location_id', '=', world.stockLocationId],
  ]);
  return new Map(
    skus.map((sku) => {
      const mine = quants.filter((quant) => Number(quant.product_id) === world.productIds.get(sku));
      return [sku, mine.map((quant) => Number(quant.quantity))] as const;
    }),
  );
}

export interface ReceiptState {
  readonly po: string;
  readonly expected: readonly number[];
  readonly received: readonly number[];
  readonly donePickings: number;
  readonly receipts: number;
  readonly wmsDeliveries: number;
}

export async function receiptStates(
  world: StoryWorld,
  plan: RoundPlan,
  orders: RoundOrders,
): Promise<ReceiptState[]> {
  const { sim } = world.hub;
  const deliveries = await sim.wmsDeliveries();
  return Promise.all(
    orders.byPlan.map(async (order, p) => {
      const lines = await sim.records('purchase.order.line', [['order_id', '=', order.id]]);
      const pickings = await sim.records('stock.picking', [['purchase_id', '=', order.id]]);
      const receipts = plan.receipts.filter((receipt) => receipt.po === p);
      return {
        po: order.name,
        expected: order.lineIds.map((_, i) =>
          receipts.reduce((sum, r) => sum + (r.quantities[i] ?? 0), 0),
        ),
        received: order.lineIds.map((id) =>
          Number(lines.find((line) => line.id === id)?.qty_received ?? 0),
        ),
        donePickings: pickings.filter((picking) => picking.state === 'done').length,
        receipts: receipts.length,
        wmsDeliveries: deliveries.filter((delivery) => delivery.body.data?.poNumber === order.name)
          .length,
      };
    }),
  );
}

/** Dead letters of this round's entities (SKUs and PO numbers carry the round's tag). */
export async function deadLettersOf(world: StoryWorld, tag: string): Promise<string[]> {
  const { urls, layout } = world.hub;
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor === null ? {} : { cursor }) });
    const page: {
      items: { entityKey: string; errorCode: string | null }[];
      nextCursor: string | null;
    } = await okJson(`${urls.dlqReviewer}/api/dead-letters?${query.toString()}`, {
      headers: { authorization: `Bearer ${layout.secrets.operatorToken}` },
    });
    for (const item of page.items)
      if (item.entityKey.includes(tag)) found.push(`${item.entityKey} ${item.errorCode ?? ''}`);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return found;
}

export interface Observed {
  readonly levelsSent: ReadonlyMap<string, readonly Sent[]>;
  readonly quants: ReadonlyMap<string, readonly number[]>;
  readonly history: readonly QuantEvent[];
  readonly receipts: readonly ReceiptState[];
  readonly deadLetters: readonly string[];
  readonly readySeconds: Readonly<Record<string, number>>;
  /**
   * SKUs Odoo users adjusted: an adjustment's apply can apply the hub's pending count under
   * the previous level's correlation id, so only levels are counted there, not ids.
   */
  readonly adjustedSkus: ReadonlySet<string>;
  readonly lostAnswerSku?: string;
  /** Whether the one-shot drop hit 30's apply (else the scenario did not happen). */
  readonly lostAnswerDropped?: boolean;
}

export function evaluate(world: StoryWorld, observed: Observed, tally: Tally): Check[] {
  const checks: Check[] = [];
  const applies = appliesOf(observed.history);
  const wrong: string[] = [];
  const twice: string[] = [];
  const stale: string[] = [];
  const docs: string[] = [];
  const twiceByCorrelation: string[] = [];
  let applied = 0;
  for (const [sku, sent] of observed.levelsSent) {
    const expected = newestOf(sent)?.level.quantity;
    const held = observed.quants.get(sku) ?? [];
    if (held.length !== 1 || held[0] !== expected)
      wrong.push(`${sku}: Odoo ${held.join('+') || 'none'}, WMS newest ${String(expected)}`);
    if (held.length > 1) docs.push(`${sku}: ${held.length} quants`);
    const ranks = rankOf(sent);
    const mine = applies.filter((apply) => apply.productId === world.productIds.get(sku));
    applied += mine.length;
    const counts = new Map<number, number>();
    let best = -1;
    for (const apply of mine) {
      counts.set(apply.quantity, (counts.get(apply.quantity) ?? 0) + 1);
      const rank = ranks.get(apply.quantity);
      if (rank === undefined) continue;
      if (rank < best) stale.push(`${sku}: ${apply.quantity} after a newer level`);
      best = Math.max(best, rank);
    }
    const perCorrelation = new Map<string, number>();
    for (const apply of mine)
      if (
        apply.correlationId !== '' &&
        ranks.has(apply.quantity) &&
        !observed.adjustedSkus.has(sku)
      )
        perCorrelation.set(apply.correlationId, (perCorrelation.get(apply.correlationId) ?? 0) + 1);
    for (const [cid, count] of perCorrelation)
      if (count > 1) twiceByCorrelation.push(`${sku}: ${cid} applied ${count}×`);
    for (const [quantity, count] of counts)
      if (count > 1 && ranks.has(quantity)) twice.push(`${sku}: ${quantity} applied ${count}×`);
  }
  const receiptsWrong = observed.receipts.filter((r) =>
    r.received.some((q, i) => q !== r.expected[i]),
  );
  const receiptsOver = receiptsWrong.filter((r) =>
    r.received.some((q, i) => q > (r.expected[i] ?? 0)),
  );
  const pickingsExtra = observed.receipts.filter((r) => r.donePickings > r.receipts);
  const poTwice = observed.receipts.filter((r) => r.wmsDeliveries > 1);
  const poLost = observed.receipts.filter((r) => r.wmsDeliveries === 0);
  tally.lost += wrong.length + (receiptsWrong.length - receiptsOver.length) + poLost.length;
  tally.duplicates +=
    Math.max(twice.length, twiceByCorrelation.length) +
    docs.length +
    receiptsOver.length +
    pickingsExtra.length +
    poTwice.length;
  tally.stale += stale.length;
  tally.deadLetters += observed.deadLetters.length;
  const slow = Object.entries(observed.readySeconds).filter(([, seconds]) => seconds > 15);
  tally.slowRestarts += slow.length;
  const list = (items: readonly string[]) =>
    items.length === 0 ? '' : `: ${items.slice(0, 4).join('; ')}${items.length > 4 ? ' …' : ''}`;
  const levelSkus = observed.levelsSent.size;
  checks.push({
    name: 'newest level held',
    ok: wrong.length === 0,
    figures: `${levelSkus - wrong.length}/${levelSkus} SKUs${list(wrong)}`,
  });
  checks.push({
    name: 'each level applied at most once',
    ok: twice.length === 0 && twiceByCorrelation.length === 0,
    figures: `${applied} applies; ${twice.length} levels applied again${list(twice)}; ${twiceByCorrelation.length} correlation ids applied again${list(twiceByCorrelation)}`,
  });
  checks.push({
    name: 'never an older level after a newer',
    ok: stale.length === 0,
    figures: `${stale.length} stale${list(stale)}`,
  });
  checks.push({
    name: 'one quant per SKU',
    ok: docs.length === 0,
    figures: `${docs.length} SKUs with several${list(docs)}`,
  });
  const receiptText = observed.receipts.map(
    (r) =>
      `${r.po} received [${r.received.join(',')}] of [${r.expected.join(',')}], ${r.donePickings} done pickings for ${r.receipts} receipts`,
  );
  checks.push({
    name: 'receipts booked once, quantities as received',
    ok: receiptsWrong.length === 0 && pickingsExtra.length === 0,
    figures: receiptText.join('; '),
  });
  checks.push({
    name: 'each PO delivered to the WMS once',
    ok: poTwice.length + poLost.length === 0,
    figures: observed.receipts.map((r) => `${r.po} ×${r.wmsDeliveries}`).join(', '),
  });
  checks.push({
    name: 'no dead letter (transient faults only)',
    ok: observed.deadLetters.length === 0,
    figures: `${observed.deadLetters.length}${list(observed.deadLetters)}`,
  });
  const ready = Object.entries(observed.readySeconds).map(
    ([app, s]) => `${app} ${Number.isFinite(s) ? s.toFixed(1) : 'never'} s`,
  );
  if (ready.length > 0)
    checks.push({
      name: 'every app ready within 15 s of its restart',
      ok: slow.length === 0,
      figures: ready.join(', '),
    });
  if (observed.lostAnswerSku !== undefined) {
    const sku = observed.lostAnswerSku;
    const mine = applies
      .filter((apply) => apply.productId === world.productIds.get(sku))
      .map((a) => a.quantity);
    const dropped = observed.lostAnswerDropped === true;
    const ok = dropped && !mine.includes(20) && mine.filter((q) => q === 30).length === 1;
    checks.push({
      name: 'answer lost, then older: never 20, 30 applied once',
      ok,
      figures: `${sku} applies in order [${mine.join(', ')}], answer to 30's apply ${dropped ? 'dropped' : 'NOT dropped (scenario did not happen)'}`,
    });
  }
  return checks;
}
