/**
 * What the WMS really received, before its own de-duplication on `webhook-id`: the simulator
 * keeps one delivery per webhook-id and counts in `attempts` every request that carried it and
 * passed the signature check. A PO sent twice shows as 2 here even when the WMS kept one.
 */
import { okJson } from '../hub/net';
import type { Hub } from '../hub/start-hub';

interface ReceivedDelivery {
  readonly webhookId: string;
  readonly body: { data?: { poNumber?: unknown } };
  readonly attempts: number;
}

export async function rawPurchaseOrderDeliveries(
  world: { readonly hub: Hub },
  poName: string,
): Promise<{ requests: number; webhookIds: number }> {
  const deliveries = await okJson<ReceivedDelivery[]>(`${world.hub.sim.url}/__sim/wms/deliveries`);
  const ofPo = deliveries.filter((delivery) => delivery.body.data?.poNumber === poName);
  return {
    requests: ofPo.reduce((sum, delivery) => sum + delivery.attempts, 0),
    webhookIds: ofPo.length,
  };
}
