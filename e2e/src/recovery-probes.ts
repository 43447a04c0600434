/**
 * One use of a Kafka path the inventory stream does not take, to tell that the apps on it
 * found their way back to the broker: readiness does not cover every consumer.
 */
import { inventoryEvent, metric, type StoryWorld } from '@hub/demo';
import { quantsPerSku, settled } from './faults';

/**
 * One write answered 429 once: connector-odoo routes it to the retry topic, the retry
 * scheduler hands it back on the redelivery topic, the connector writes it. A single
 * failure cannot open a breaker (minimum calls 5), so only Kafka decides whether it lands.
 */
export async function oneWriteThroughRetryScheduler(world: StoryWorld, sku: string) {
  const { hub } = world;
  const odoo = hub.layout.systems.odoo;
  const retries = (): Promise<number> =>
    metric(hub.urls.connectorOdoo, 'hub_connector_writes_total', {
      target: odoo,
      entity_type: 'inventory-level',
      outcome: 'retry',
    });
  const redelivered = (): Promise<number> =>
    metric(hub.urls.retryScheduler, 'hub_retry_redelivered_total', { target: odoo });
  const retriesBefore = await retries();
  const redeliveredBefore = await redelivered();
  await hub.sim.addFault('odoo', {
    kind: 'rateLimit',
    retryAfterSeconds: 1,
    times: 1,
    model: 'stock.quant',
  });
  const answer = await hub.sim.emit(inventoryEvent(world, sku, 4321));
  const left = await settled(world, [sku], 60_000);
  await hub.sim.clearFaults('odoo');
  return {
    status: answer.status,
    left,
    retries: (await retries()) - retriesBefore,
    redelivered: (await redelivered()) - redeliveredBefore,
    quants: await quantsPerSku(world, [sku]),
  };
}
