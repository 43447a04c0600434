/**
 * The stock.move values that say "this much was received", per Odoo major version
 * (docs/erp-protocols.md §1.9, pitfall 5): 17+ has `quantity` and the `picked` flag; 16 has
 * `quantity_done` (removed in 17).
 */
export function receivedMoveValues(
  majorVersion: number,
  quantity: number,
): Readonly<Record<string, unknown>> {
  return majorVersion >= 17 ? { quantity, picked: quantity > 0 } : { quantity_done: quantity };
}
