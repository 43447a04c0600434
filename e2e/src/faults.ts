/**
 * Fault scenarios on a running hub. Each returns figures; the spec asserts them. After each:
 * no accepted event lost, nothing applied twice in Odoo, Odoo's state equal to the WMS's.
 * "Applied" is read from Odoo itself: the simulator counts every `action_apply_inventory` it
 * executed. Each scenario sends every SKU a level it never had and nothing else writes those
 * SKUs meanwhile, so every SKU equal to its level took at least one apply; with as many
 * applies as SKUs, each was applied exactly once, and one more apply anywhere fails the check.
 */
import { inventoryEvent, metric, mismatches, waitFor, type Hub, type StoryWorld } from '@hub/demo';

const writes = (hub: Hub, outcome: string): Promise<number> =>
  metric(hub.urls.connectorOdoo, 'hub_connector_writes_total', {
    target: hub.layout.systems.odoo,
    entity_type: 'inventory-level',
    outcome,
  });

/**
 * Quants per SKU at the warehouse. Not a duplicate check: an inventory-mode create reuses the
 * quant of (product, location), so a count applied twice still leaves one quant.
 */
export async function quantsPerSku(world: StoryWorld, skus: readonly string[]): Promise<number[]> {
  const quants = await world.hub.sim.records('stock.quant', [
    ['location_id', '=', world.stockLocationId],
  ]);
  return skus.map(
    (sku) =>
      quants.filter((quant) => Number(quant.product_id) === world.productIds.get(sku)).length,
  );
}

/** `action_apply_inventory` calls Odoo executed so far. */
export const odooApplies = (hub: Hub): Promise<number> =>
  hub.sim.callCount('stock.quant.action_apply_inventory');

export async function settled(
  world: StoryWorld,
  skus: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  let left: string[] = [...skus];
  try {
    await waitFor(
      'Odoo equal to the WMS',
      async () => {
        left = await mismatches(world, skus);
        return left.length === 0 ? true : undefined;
      },
      timeoutMs,
    );
  } catch {
    // the caller asserts on what is left
  }
  return left;
}

/** The WMS delivers one webhook three times (same webhook-id): one Odoo write. */
export async function duplicateDelivery(world: StoryWorld) {
  const { hub } = world;
  const sku = world.skus[40] ?? '';
  const event = inventoryEvent(world, sku, 4242);
  const appliesBefore = await odooApplies(hub);
  const succeededBefore = await writes(hub, 'succeeded');
  const duplicateBefore = await writes(hub, 'duplicate');
  const first = await hub.sim.emit(event);
  const statuses = [first.status];
  for (let i = 0; i < 2; i += 1) {
    statuses.push((await hub.sim.emit({ ...event, webhookId: first.webhookId })).status);
  }
  await waitFor(
    'three deliveries handled',
    async () =>
      (await writes(hub, 'succeeded')) -
        succeededBefore +
        (await writes(hub, 'duplicate')) -
        duplicateBefore >=
      3
        ? true
        : undefined,
    30_000,
  );
  return {
    statuses,
    succeeded: (await writes(hub, 'succeeded')) - succeededBefore,
    duplicates: (await writes(hub, 'duplicate')) - duplicateBefore,
    left: await settled(world, [sku], 10_000),
    applies: (await odooApplies(hub)) - appliesBefore,
  };
}

/** kill -9 of connector-odoo while a batch is being written; restart; everything lands once. */
export async function killConnectorMidBatch(world: StoryWorld) {
  const { hub } = world;
  const skus = world.skus;
  const appliesBefore = await odooApplies(hub);
  const answers = await hub.sim.emitBatch(
    skus.map((sku, i) => inventoryEvent(world, sku, 3000 + i)),
  );
  const appliedAtKill = await waitFor(
    'some of the batch applied',
    async () => {
      const applied = skus.length - (await mismatches(world, skus)).length;
      return applied >= 3 ? applied : undefined;
    },
    30_000,
    20,
  );
  await hub.kill('connector-odoo');
  await hub.restart('connector-odoo');
  const left = await settled(world, skus, 90_000);
  return {
    accepted: answers.filter((answer) => answer.status === 202).length,
    appliedAtKill,
    left,
    applies: (await odooApplies(hub)) - appliesBefore,
  };
}

/** Odoo answers 429 with Retry-After to a burst of writes; all land after the pause, once. */
export async function rateLimitStorm(world: StoryWorld, retryAfterSeconds: number) {
  const { hub } = world;
  const skus = world.skus.slice(41, 49);
  const appliesBefore = await odooApplies(hub);
  await hub.sim.addFault('odoo', {
    kind: 'rateLimit',
    retryAfterSeconds,
    times: skus.length,
    model: 'stock.quant',
  });
  const retriesBefore = await writes(hub, 'retry');
  const started = Date.now();
  await hub.sim.emitBatch(skus.map((sku, i) => inventoryEvent(world, sku, 7000 + i)));
  const left = await settled(world, skus, 60_000);
  const seconds = (Date.now() - started) / 1000;
  await hub.sim.clearFaults('odoo');
  return {
    left,
    seconds,
    retries: (await writes(hub, 'retry')) - retriesBefore,
    applies: (await odooApplies(hub)) - appliesBefore,
  };
}
