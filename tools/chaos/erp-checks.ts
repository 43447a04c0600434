/**
 * The checks of an ERP round (SAP, F&O, Business Central), on what the ERP really booked
 * (its state report, read once after the round settled), what the WMS received and what the
 * DLQ reviewer holds.
 */
import type { ErpLevel, ErpRoundPlan } from './erp-plan';
import { repeated, type CountApply } from './erp-state';
import type { Check, Tally } from './round-checks';

export interface Observed {
  readonly applies: readonly CountApply[];
  readonly onHand: readonly number[];
  readonly receiptDocuments: number;
  readonly received: readonly number[];
  /** Per receipt document of the order, quantity per order line (Business Central). */
  readonly receiptQuantities?: readonly (readonly number[])[];
  /** Ledger and documents disagreeing, new this round (Business Central). */
  readonly ledgerMismatches?: readonly string[];
  readonly wmsDeliveries: number;
  /** A polled ERP's order: per delivery, its version and type (`<timestamp> <type>`). */
  readonly wmsVersions?: readonly string[];
  readonly deadLetters: readonly string[];
}

export const newest = (levels: readonly ErpLevel[]): ErpLevel | undefined =>
  [...levels].sort((a, b) => a.asOfOffsetMs - b.asOfOffsetMs).at(-1);

const expectedReceived = (plan: ErpRoundPlan): number[] =>
  plan.orderLines.map((_, i) => plan.receipts.reduce((sum, r) => sum + (r.quantities[i] ?? 0), 0));

export function isSettled(plan: ErpRoundPlan, seen: Observed): boolean {
  const levelsHeld = plan.levels.every((levels, s) => seen.onHand[s] === newest(levels)?.quantity);
  const expected = expectedReceived(plan);
  return levelsHeld && seen.wmsDeliveries > 0 && seen.received.every((q, i) => q === expected[i]);
}

const sorted = (vectors: readonly (readonly number[])[]): string[] =>
  vectors.map((v) => `[${v.join(' ')}]`).sort();

/** Business Central's extra checks: each posted receipt carries one WMS receipt's quantities; ledger and documents agree. */
function documentChecks(plan: ErpRoundPlan, seen: Observed): Check[] {
  const checks: Check[] = [];
  if (seen.receiptQuantities !== undefined) {
    const posted = sorted(seen.receiptQuantities);
    const sent = sorted(plan.receipts.map((r) => r.quantities));
    checks.push({
      name: 'each receipt posted with its own quantities',
      ok: posted.join() === sent.join(),
      figures: `posted ${posted.join(', ') || 'none'}; sent ${sent.join(', ')}`,
    });
  }
  if (seen.ledgerMismatches !== undefined)
    checks.push({
      name: 'item ledger matches the documents',
      ok: seen.ledgerMismatches.length === 0,
      figures: seen.ledgerMismatches.join('; ') || 'adjustments and receipt entries as written',
    });
  return checks;
}

/**
 * The order at the WMS: once (SAP, F&O: the notification sent twice gives one delivery); for
 * a polled ERP once per version, in version order (the poll reads an unchanged order again at
 * every sweep, which must give nothing; each posted receipt changes the order, a newer version
 * delivered once).
 */
function deliveryCheck(seen: Observed): Check {
  if (seen.wmsVersions === undefined)
    return {
      name: 'PO delivered to the WMS once',
      ok: seen.wmsDeliveries === 1,
      figures: `×${String(seen.wmsDeliveries)}`,
    };
  const twice = repeated(seen.wmsVersions);
  // In the order the WMS accepted them: an older version after a newer one is a stale write.
  const accepted = [...seen.wmsVersions];
  const stale = accepted.filter((version, i) => i > 0 && version < (accepted[i - 1] ?? ''));
  return {
    name: 'each PO version delivered to the WMS once, oldest first',
    ok: seen.wmsDeliveries > 0 && twice.length === 0 && stale.length === 0,
    figures: `${String(seen.wmsDeliveries)} deliveries: ${accepted.join(', ') || 'none'}; twice: ${twice.join(', ') || 'none'}; after a newer: ${stale.join(', ') || 'none'}`,
  };
}

export function evaluate(
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
    (seen.wmsVersions === undefined
      ? Math.max(0, seen.wmsDeliveries - 1)
      : repeated(seen.wmsVersions).length);
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
    ...documentChecks(plan, seen),
    deliveryCheck(seen),
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
