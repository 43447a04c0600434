/**
 * The scenario "answer lost after commit, then an older level" on a SKU of its own, with
 * the hub otherwise quiet so the one-shot fault hits this write: level 10 applied; level 30
 * (newer) applied by Odoo but the answer to action_apply_inventory lost (connection dropped
 * after commit); then level 20, older than 30, arrives while 30's write is in doubt. Odoo
 * must never hold 20, and 30 is applied once.
 */
import { okJson, waitFor, type StoryWorld } from '@hub/demo';
import type { PlannedLevel } from './round-plan';
import { deliver, levelEvent, type Sent, type TrafficLog } from './round-traffic';

async function odooQuantity(world: StoryWorld, sku: string): Promise<number | undefined> {
  const quants = await world.hub.sim.records('stock.quant', [
    ['location_id', '=', world.stockLocationId],
    ['product_id', '=', world.productIds.get(sku) ?? 0],
  ]);
  return quants[0] === undefined ? undefined : Number(quants[0].quantity);
}

async function until(world: StoryWorld, sku: string, quantity: number): Promise<void> {
  await waitFor(
    `${sku} at ${quantity} in Odoo`,
    async () => ((await odooQuantity(world, sku)) === quantity ? true : undefined),
    30_000,
    100,
  );
}

export async function answerLostThenOlder(
  world: StoryWorld,
  sku: string,
  base: number,
  log: TrafficLog,
): Promise<{ answerDropped: boolean }> {
  const level = (quantity: number, asOfOffsetMs: number): PlannedLevel => ({
    sku,
    quantity,
    asOfOffsetMs,
  });
  const [ten, thirty, twenty] = [level(10, 0), level(30, 2_000), level(20, 1_000)];
  const sent: Sent[] = [];
  log.levelsSent.set(sku, sent);
  sent.push({ sendOrder: 1, level: ten });
  await deliver(world, levelEvent(world, ten, base), log);
  await until(world, sku, 10);
  await world.hub.sim.addFault('odoo', {
    kind: 'dropAfterCommit',
    times: 1,
    model: 'stock.quant',
    method: 'action_apply_inventory',
  });
  sent.push({ sendOrder: 2, level: thirty });
  await deliver(world, levelEvent(world, thirty, base), log);
  await until(world, sku, 30);
  const left = await okJson<unknown[]>(`${world.hub.sim.url}/__sim/odoo/faults`);
  sent.push({ sendOrder: 3, level: twenty });
  await deliver(world, levelEvent(world, twenty, base), log);
  return { answerDropped: left.length === 0 };
}
