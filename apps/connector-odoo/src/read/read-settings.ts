/** How the read side behaves; from the app config (README "Settings"). */
export interface OdooReadSettings {
  readonly systemId: string;
  /** Odoo `purchase.order.state` values that are published (others: skipped). */
  readonly publishStates: readonly string[];
  /** Odoo unit of measure name → the hub's unit code (e.g. {"Units": "PCS"}); unmapped names pass as they are. */
  readonly uomMap: Readonly<Record<string, string>>;
  /** Purchase orders per sweep page. */
  readonly sweepPageSize: number;
}
