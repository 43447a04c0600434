/** How the write side behaves; from the app config (README "Settings"). */
export interface OdooWriteSettings {
  /** The hub's id for this Odoo, named in every error message. */
  readonly systemId: string;
  /** Char field holding the hub's correlation id on stock.picking and stock.quant. */
  readonly referenceField: string;
  /** Over-receipt allowed beyond a move's outstanding demand, in percent (0 = none). */
  readonly overReceiptTolerancePercent: number;
  /** Partial receipt: `create` a backorder for the rest (Odoo's default) or `none` (close the rest). */
  readonly backorder: 'create' | 'none';
  /** Odoo's major version: 16 writes `quantity_done` on moves, 17+ `quantity` and `picked`. */
  readonly odooMajorVersion: number;
  /** How long product and warehouse ids are cached, ms (0 = always look up). */
  readonly lookupCacheTtlMs: number;
}
