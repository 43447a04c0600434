/**
 * A steady stream of WMS inventory levels with a restart of a stack component in the middle.
 * The sender acts as the WMS: one level every intervalMs, whatever became of the previous
 * ones; a delivery not answered 202 (503 during the outage) is sent again with the same
 * webhook-id until accepted, so every level counts as accepted.
 * What Odoo did is read from Odoo itself (`odooAppliesSince`): each applied count with the
 * correlation id it carried and the quantity it booked.
 */
import {
  inventoryEvent,
  odooAppliesSince,
  okJson,
  sleep,
  waitFor,
  watchOdooApplies,
  type Hub,
  type StoryWorld,
} from '@hub/demo';
import { settled } from './faults';

export interface Restartable {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface RestartFlowOptions {
  readonly skus: readonly string[];
  readonly events: number;
  readonly intervalMs: number;
  readonly restartAfterEvents: number;
  readonly component: Restartable;
  readonly downMs: number;
}

/** From the moment stop() returned until start() returned; `back` undefined while down. */
interface Outage {
  down?: number;
  back?: number;
}

const isDown = (outage: Outage, at: number): boolean =>
  outage.down !== undefined &&
  at >= outage.down &&
  (outage.back === undefined || at <= outage.back);

/** Resolves with whether any attempt of this level was sent while the component was down. */
async function deliver(
  world: StoryWorld,
  sku: string,
  quantity: number,
  outage: Outage,
): Promise<{ retries: number; duringOutage: boolean }> {
  const event = inventoryEvent(world, sku, quantity);
  let webhookId: string | undefined;
  let retries = 0;
  let duringOutage = false;
  return waitFor(
    `level for ${sku} accepted`,
    async () => {
      const sentAt = Date.now();
      const answer = await world.hub.sim.emit(webhookId ? { ...event, webhookId } : event);
      duringOutage ||= isDown(outage, sentAt);
      webhookId = answer.webhookId;
      if (answer.status === 202) return { retries, duringOutage };
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

async function restart(component: Restartable, downMs: number, outage: Outage): Promise<void> {
  await component.stop();
  outage.down = Date.now();
  await sleep(downMs);
  await component.start();
  outage.back = Date.now();
}

export async function levelsAcrossRestart(world: StoryWorld, options: RestartFlowOptions) {
  const { hub } = world;
  await watchOdooApplies(hub);
  const started = Date.now();
  const outage: Outage = {};
  const sent: number[] = [];
  let restarting: Promise<void> | undefined;
  // One level every intervalMs, each re-sent on its own until accepted: a level waiting for
  // its 202 does not hold back the next one, so levels keep arriving while the component is down.
  // Past options.events, sending goes on until the component is back: a slow stop (a loaded
  // machine) must not end the flow before the outage has begun.
  const deliveries: Promise<{ retries: number; duringOutage: boolean }>[] = [];
  let restartSettled = false;
  const restartUnderway = (): boolean => restarting !== undefined && !restartSettled;
  for (let i = 0; i < options.events || restartUnderway(); i += 1) {
    if (i === options.restartAfterEvents)
      restarting = restart(options.component, options.downMs, outage).finally(() => {
        restartSettled = true;
      });
    const sku = options.skus[i % options.skus.length] ?? '';
    const quantity = 100 + i;
    sent.push(quantity);
    deliveries.push(deliver(world, sku, quantity, outage));
    await sleep(options.intervalMs);
  }
  const delivered = await Promise.all(deliveries);
  const accepted = delivered.length;
  const resent = delivered.reduce((sum, level) => sum + level.retries, 0);
  const sentDuringRestart = delivered.filter((level) => level.duringOutage).length;
  await restarting;
  await hubReady(hub);
  const left = await settled(world, options.skus, 60_000);
  const applies = await odooAppliesSince(world, options.skus, started);
  const perQuantity = new Map<number, number>();
  for (const apply of applies.all)
    perQuantity.set(apply.quantity, (perQuantity.get(apply.quantity) ?? 0) + 1);
  return {
    /** Levels sent: options.events, or more when the restart outlasted them. */
    sent: sent.length,
    accepted,
    resent,
    sentDuringRestart,
    outageMs: (outage.back ?? NaN) - (outage.down ?? NaN),
    left,
    applies: applies.all.length,
    /** Correlation ids Odoo applied more than once. */
    appliedTwice: applies.appliedTwice,
    /** Levels (each has its own quantity) Odoo booked more than once. */
    bookedTwice: [...perQuantity].filter(([, count]) => count > 1).map(([quantity]) => quantity),
    /** Booked quantities that were never sent. */
    unknownBooked: [...perQuantity.keys()].filter((quantity) => !sent.includes(quantity)),
    /** Per SKU, whether the booked quantities only ever moved to newer levels. */
    olderAfterNewer: options.skus.filter((sku) => {
      const booked = applies.all.filter((apply) => apply.sku === sku).map((a) => a.quantity);
      return booked.some((quantity, index) => index > 0 && quantity < (booked[index - 1] ?? 0));
    }),
  };
}
