/**
 * What one round sends, decided up front from its seed: WMS levels per SKU (duplicates, out
 * of order, several with the same source timestamp or the same second), goods receipts
 * (several per PO, some re-sent with the lines reordered), Odoo-side adjustments racing
 * the WMS writes, and the one fault. Quantities are unique per SKU, so every quantity Odoo
 * shows names the level it came from.
 */
import { Random } from './random';

export const faultKinds = [
  'kill-app',
  'broker-restart',
  'postgres-terminate',
  'erp-503',
  'erp-429',
  'erp-500-after-commit',
  'erp-drop-after-commit',
  'erp-latency',
  'answer-lost-then-older',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export const killableApps = [
  'ingress',
  'connector-odoo',
  'connector-http',
  'retry-scheduler',
  'dlq-reviewer',
] as const;
export type KillableApp = (typeof killableApps)[number];

export interface PlannedLevel {
  readonly sku: string;
  readonly quantity: number;
  /** Milliseconds after the round's base time. */
  readonly asOfOffsetMs: number;
}

export type LevelSend =
  /** A new delivery of level `index` of the SKU's list. */
  | { readonly kind: 'new'; readonly index: number }
  /** The same delivery again (same webhook-id): an at-least-once retry by the WMS. */
  | { readonly kind: 'same-webhook'; readonly index: number }
  /** The same level as a new delivery (new webhook-id, same data). */
  | { readonly kind: 'same-data'; readonly index: number };

export interface SkuPlan {
  readonly sku: string;
  readonly levels: readonly PlannedLevel[];
  readonly sends: readonly LevelSend[];
  /** Odoo-side adjustments (quantities ≥ 90 000, never a WMS level) racing the sends. */
  readonly adjustments: readonly number[];
}

export interface ReceiptPlan {
  readonly receiptId: string;
  /** Index into the round's purchase orders. */
  readonly po: number;
  readonly receivedAtOffsetMs: number;
  /** Per PO line (by index): quantity received, 0 = line absent from this receipt. */
  readonly quantities: readonly number[];
  /** Re-sent with its lines in another order (a new delivery of the same receipt). */
  readonly resendReordered: boolean;
  readonly resendSameWebhook: boolean;
}

export interface RoundPlan {
  readonly seed: number;
  readonly tag: string;
  readonly skus: readonly SkuPlan[];
  readonly purchaseOrders: readonly {
    readonly name: string;
    readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  }[];
  readonly receipts: readonly ReceiptPlan[];
  readonly fault: FaultKind;
  readonly faultDelayMs: number;
  readonly killApp: KillableApp;
}

function planLevels(random: Random, sku: string, skuIndex: number): PlannedLevel[] {
  const count = random.int(3, 6);
  const levels: PlannedLevel[] = [];
  let offset = 0;
  for (let k = 0; k < count; k += 1) {
    if (k > 0) {
      const step = random.next();
      // A tie on the exact millisecond, the same second, or a later second.
      if (step < 0.25) offset += 0;
      else if (step < 0.5) offset += random.int(1, 300);
      else offset += random.int(1_000, 3_000);
    }
    levels.push({ sku, quantity: 1000 * (skuIndex + 1) + 10 * (k + 1), asOfOffsetMs: offset });
  }
  return levels;
}

/** Mostly in order, with some neighbours swapped and some deliveries repeated. */
function planSends(random: Random, count: number): LevelSend[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i + 1 < order.length; i += 1) {
    if (random.chance(0.35))
      [order[i], order[i + 1]] = [order[i + 1] as number, order[i] as number];
  }
  const sends: LevelSend[] = [];
  for (const index of order) {
    sends.push({ kind: 'new', index });
    if (random.chance(0.2)) sends.push({ kind: 'same-webhook', index });
  }
  // A late duplicate of an earlier level, after newer ones went out.
  if (random.chance(0.5)) sends.push({ kind: 'same-webhook', index: random.pick(order) });
  if (random.chance(0.3)) sends.push({ kind: 'same-data', index: random.pick(order) });
  return sends;
}

function planReceipts(
  random: Random,
  tag: string,
  po: number,
  lines: readonly number[],
): ReceiptPlan[] {
  const count = random.int(2, 3);
  const parts: number[][] = Array.from({ length: count }, () => lines.map(() => 0));
  lines.forEach((ordered, line) => {
    let left = ordered - random.int(0, 2);
    for (let r = 0; r < count && left > 0; r += 1) {
      const take = r === count - 1 ? left : random.int(0, left);
      (parts[r] as number[])[line] = take;
      left -= take;
    }
  });
  return parts
    .map((quantities, r) => ({ quantities, r }))
    .filter(({ quantities }) => quantities.some((quantity) => quantity > 0))
    .map(({ quantities, r }) => ({
      receiptId: `R-${tag}-${po + 1}-${r + 1}`,
      po,
      receivedAtOffsetMs: r * random.int(500, 2_000),
      quantities,
      resendReordered: random.chance(0.4),
      resendSameWebhook: random.chance(0.3),
    }));
}

export function planRound(
  seed: number,
  roundIndex: number,
  runTag: string,
  forced?: FaultKind,
): RoundPlan {
  const random = new Random(seed);
  const tag = `${runTag}-${roundIndex + 1}`;
  const skuCount = random.int(4, 7);
  const skus: SkuPlan[] = Array.from({ length: skuCount }, (_, i) => {
    const sku = `CH-${tag}-${String(i + 1).padStart(2, '0')}`;
    const levels = planLevels(random, sku, i);
    const adjustments = random.chance(0.35) ? [90_000 + i * 10 + 1, 90_000 + i * 10 + 2] : [];
    return { sku, levels, sends: planSends(random, levels.length), adjustments };
  });
  const poCount = random.int(1, 2);
  const purchaseOrders = Array.from({ length: poCount }, (_, p) => ({
    name: `PO-${tag}-${p + 1}`,
    lines: Array.from({ length: random.int(1, 3) }, (_, l) => ({
      sku: `CH-${tag}-P${p + 1}L${l + 1}`,
      quantity: random.int(4, 12),
    })),
  }));
  const receipts = purchaseOrders.flatMap((po, p) =>
    planReceipts(
      random,
      tag,
      p,
      po.lines.map((line) => line.quantity),
    ),
  );
  const fault = random.pick(faultKinds);
  return {
    seed,
    tag,
    skus,
    purchaseOrders,
    receipts,
    fault: forced ?? fault,
    faultDelayMs: random.int(200, 1_500),
    killApp: random.pick(killableApps),
  };
}
