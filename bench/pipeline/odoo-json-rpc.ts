/**
 * What a user would write to apply an inventory level to Odoo without the hub: `fetch` to
 * `/jsonrpc`, `common.authenticate` once, then the connector's own calls for a level
 * (apps/connector-odoo/src/write/apply-inventory-level.ts): product and warehouse looked
 * up once and kept in a Map, then inventory-mode `create` of the quant with the count,
 * `write` of the reference field, `action_apply_inventory`. No retry, no timeout, no
 * breaker, no idempotency: the baseline of the bench and the simulator's capacity probe.
 */
export interface OdooLogin {
  readonly url: string;
  readonly db: string;
  readonly login: string;
  readonly password: string;
  /** The field the connector writes the correlation id to (its default x_hub_correlation_id). */
  readonly referenceField: string;
}

export interface LevelToApply {
  readonly sku: string;
  readonly warehouse: string;
  readonly quantityOnHand: string;
  readonly reference: string;
}

const inventoryMode = { context: { inventory_mode: true } };

export class PlainOdooClient {
  private nextId = 1;
  private uid: number | undefined;
  private readonly products = new Map<string, number>();
  private readonly locations = new Map<string, number>();

  constructor(private readonly login: OdooLogin) {}

  private async rpc(service: string, method: string, args: unknown[]): Promise<unknown> {
    const response = await fetch(`${this.login.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        id: this.nextId++,
        params: { service, method, args },
      }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { message?: string } };
    if (body.error !== undefined)
      throw new Error(`Odoo ${method}: ${JSON.stringify(body.error).slice(0, 300)}`);
    return body.result ?? null;
  }

  private async execute(
    model: string,
    method: string,
    args: unknown[],
    kw: Record<string, unknown> = {},
  ): Promise<unknown> {
    const { db, login, password } = this.login;
    if (this.uid === undefined) {
      const uid = await this.rpc('common', 'authenticate', [db, login, password, {}]);
      if (typeof uid !== 'number') throw new Error(`Odoo refused the login ${login}`);
      this.uid = uid;
    }
    return this.rpc('object', 'execute_kw', [db, this.uid, password, model, method, args, kw]);
  }

  private async productId(sku: string): Promise<number> {
    const known = this.products.get(sku);
    if (known !== undefined) return known;
    const found = (await this.execute(
      'product.product',
      'search_read',
      [[['default_code', '=', sku]]],
      { fields: ['id'], limit: 2 },
    )) as { id: number }[];
    const id = found[0]?.id;
    if (id === undefined) throw new Error(`no product ${sku}`);
    this.products.set(sku, id);
    return id;
  }

  private async locationId(warehouse: string): Promise<number> {
    const known = this.locations.get(warehouse);
    if (known !== undefined) return known;
    const found = (await this.execute(
      'stock.warehouse',
      'search_read',
      [[['code', '=', warehouse]]],
      {
        fields: ['id', 'lot_stock_id'],
        limit: 1,
      },
    )) as { lot_stock_id: [number, string] }[];
    const id = found[0]?.lot_stock_id[0];
    if (id === undefined) throw new Error(`no warehouse ${warehouse}`);
    this.locations.set(warehouse, id);
    return id;
  }

  /** The three calls of one level; throws unless Odoo applied it (None). */
  async applyLevel(level: LevelToApply): Promise<void> {
    const product_id = await this.productId(level.sku);
    const location_id = await this.locationId(level.warehouse);
    const created = await this.execute(
      'stock.quant',
      'create',
      [[{ product_id, location_id, inventory_quantity: Number(level.quantityOnHand) }]],
      inventoryMode,
    );
    const quantId = Array.isArray(created) ? (created[0] as number) : (created as number);
    await this.execute('stock.quant', 'write', [
      [quantId],
      { [this.login.referenceField]: level.reference },
    ]);
    const answer = await this.execute(
      'stock.quant',
      'action_apply_inventory',
      [[quantId]],
      inventoryMode,
    );
    if (answer !== null)
      throw new Error(`Odoo did not apply ${level.sku}: ${JSON.stringify(answer)}`);
  }
}
