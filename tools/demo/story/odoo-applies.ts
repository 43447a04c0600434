/**
 * What Odoo really applied, for checks that must see duplicates a de-duplicating hub would
 * hide. An Odoo webhook rule on `stock.quant` (an automation on every change of a quant, as a
 * real Odoo would send one) reports each committed change with the quant's fields; the
 * simulator logs every attempt with its body, wherever it went. The connector writes a count
 * (`create` in inventory mode: a pending count), its correlation id (`write`), then
 * `action_apply_inventory`, after which no count is pending: each change from a pending count
 * to none is one applied count, carrying the correlation id written just before it.
 * Odoo 17 posts such webhooks inside the transaction (the simulator then holds the commit for
 * its commit delay), so watching slows every quant write: use it where timing is not measured.
 */
import type { Hub } from '../hub/start-hub';
import { okJson } from '../hub/net';
import type { StoryWorld } from './world';

/** Where the rule posts: nothing answers there (404); the simulator's log keeps the body. */
const observerPath = '/__sim/observers/stock-quant-changes';
const fields = ['product_id', 'location_id', 'quantity', 'inventory_quantity_set'];
const correlationField = 'x_hub_correlation_id';

interface LoggedAttempt {
  readonly url: string;
  readonly model: string;
  readonly id: number;
  readonly body: string;
  readonly at: string;
}

interface QuantChange {
  readonly quantId: number;
  readonly productId: number;
  readonly quantity: number;
  readonly pending: boolean;
  readonly correlationId: string;
  readonly at: number;
}

export interface OdooApply {
  readonly sku: string;
  readonly correlationId: string;
  readonly quantity: number;
  /** When Odoo committed it (ms since epoch). */
  readonly at: number;
}

export interface OdooApplies {
  readonly all: readonly OdooApply[];
  /** Applies per correlation id: a level applied twice shows as 2. */
  readonly perCorrelationId: ReadonlyMap<string, number>;
  /** Correlation ids applied more than once ('' when Odoo has no correlation field). */
  readonly appliedTwice: readonly string[];
}

/** Adds the rule once per hub (the incident step replaces every rule: call it after). */
export async function watchOdooApplies(hub: Hub): Promise<void> {
  const url = `${hub.sim.url}${observerPath}`;
  const rules = await okJson<{ url: string }[]>(`${hub.sim.url}/__sim/odoo/webhooks`);
  if (rules.some((rule) => rule.url === url)) return;
  // A rule naming a field Odoo lacks would fail every write to stock.quant: the correlation
  // id only when the field exists (a custom field, created when the connector is set up).
  const known = await hub.sim.execute<Record<string, unknown>>('stock.quant', 'fields_get', [
    [correlationField],
  ]);
  const withId = correlationField in known ? [correlationField] : [];
  await hub.sim.addWebhook({ model: 'stock.quant', url, fields: [...fields, ...withId] });
}

function parseChange(attempt: LoggedAttempt): QuantChange {
  const body = JSON.parse(attempt.body) as Record<string, unknown>;
  return {
    quantId: attempt.id,
    // load=None sends a many2one as its id; a [id, name] pair is read the same way.
    productId: Number(Array.isArray(body.product_id) ? body.product_id[0] : body.product_id),
    quantity: Number(body.quantity),
    pending: body.inventory_quantity_set === true,
    correlationId: typeof body[correlationField] === 'string' ? body[correlationField] : '',
    at: Date.parse(attempt.at),
  };
}

/** Counts applied since `since` (ms) on the quants of `skus` at the world's warehouse. */
export async function odooAppliesSince(
  world: StoryWorld,
  skus: readonly string[],
  since: number,
): Promise<OdooApplies> {
  const { sim } = world.hub;
  const url = `${sim.url}${observerPath}`;
  const skuByProduct = new Map(skus.map((sku) => [world.productIds.get(sku), sku]));
  const log = await okJson<LoggedAttempt[]>(`${sim.url}/__sim/odoo/webhooks/log`);
  const changes = log
    .filter((attempt) => attempt.url === url && Date.parse(attempt.at) >= since)
    .map(parseChange)
    .filter((change) => skuByProduct.has(change.productId));
  const pendingBefore = new Map<number, boolean>();
  const all: OdooApply[] = [];
  for (const change of changes) {
    // A change with no pending count before it (a receipt, a manual move) is no apply.
    if (pendingBefore.get(change.quantId) === true && !change.pending)
      all.push({
        sku: skuByProduct.get(change.productId) ?? '?',
        correlationId: change.correlationId,
        quantity: change.quantity,
        at: change.at,
      });
    pendingBefore.set(change.quantId, change.pending);
  }
  const perCorrelationId = new Map<string, number>();
  for (const apply of all)
    perCorrelationId.set(apply.correlationId, (perCorrelationId.get(apply.correlationId) ?? 0) + 1);
  return {
    all,
    perCorrelationId,
    appliedTwice: [...perCorrelationId]
      .filter(([id, count]) => id !== '' && count > 1)
      .map(([id]) => id),
  };
}
