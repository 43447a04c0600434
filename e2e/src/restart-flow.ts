/**
 * A steady stream of WMS inventory levels with a restart of a stack component in the middle.
 * The sender acts as the WMS: a delivery not answered 202 (503 during the outage) is sent
 * again with the same webhook-id until accepted, so every level counts as accepted.
 */
import { inventoryEvent, okJson, sleep, waitFor, type Hub, type StoryWorld } from '@hub/demo';
import { quantsPerSku, settled } from './faults';

export interface RestartFlowOptions {
  readonly skus: readonly string[];
  readonly events: number;
  readonly intervalMs: number;
  readonly restartAfterEvents: number;
  readonly restart: () => Promise<void>;
}

async function deliver(world: StoryWorld, sku: string, quantity: number): Promise<number> {
  const event = inventoryEvent(world, sku, quantity);
  let webhookId: string | undefined;
  let retries = 0;
  return waitFor(
    `level for ${sku} accepted`,
    async () => {
      const answer = await world.hub.sim.emit(webhookId ? { ...event, webhookId } : event);
      webhookId = answer.webhookId;
      if (answer.status === 202) return retries;
      retries += 1;
      return undefined;
    },
    60_000,
    200,
  );
}

async function hubReady(hub: Hub): Promise<void> {
  const urls = [
    hub.urls.ingress,
    hub.urls.connectorOdoo,
    hub.urls.connectorHttp,
    hub.urls.retryScheduler,
    hub.urls.dlqReviewer,
  ];
  await waitFor(
    'every hub app ready again',
    async () => {
      await Promise.all(urls.map((url) => okJson(`${url}/readyz`)));
      return true;
    },
    60_000,
  );
}

export async function levelsAcrossRestart(world: StoryWorld, options: RestartFlowOptions) {
  const { hub } = world;
  const appliesBefore = await hub.sim.callCount('stock.quant.action_apply_inventory');
  let accepted = 0;
  let resent = 0;
  let restarting: Promise<void> | undefined;
  const restartState = { done: false };
  let sentDuringRestart = 0;
  for (let i = 0; i < options.events; i += 1) {
    if (i === options.restartAfterEvents) {
      restarting = options.restart().then(() => {
        restartState.done = true;
      });
    }
    if (restarting && !restartState.done) sentDuringRestart += 1;
    const sku = options.skus[i % options.skus.length] ?? '';
    resent += await deliver(world, sku, 100 + i);
    accepted += 1;
    await sleep(options.intervalMs);
  }
  await restarting;
  await hubReady(hub);
  const left = await settled(world, options.skus, 60_000);
  return {
    accepted,
    resent,
    sentDuringRestart,
    left,
    applies: (await hub.sim.callCount('stock.quant.action_apply_inventory')) - appliesBefore,
    quants: await quantsPerSku(world, options.skus),
  };
}
