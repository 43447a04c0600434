/** Story 1: the WMS posts inventory levels for 50 SKUs; Odoo's quantities match. */
import { metric } from '../hub/metrics';
import { waitFor } from '../hub/net';
import { inventoryEvent, mismatches, type StoryWorld } from './world';
import { runStep, secondsSince, type StepReport } from './step-report';

const succeededWrites = (world: StoryWorld): Promise<number> =>
  metric(world.hub.urls.connectorOdoo, 'hub_connector_writes_total', {
    target: world.hub.layout.systems.odoo,
    entity_type: 'inventory-level',
    outcome: 'succeeded',
  });

export function inventoryLevelsStep(world: StoryWorld): Promise<StepReport> {
  return runStep(`The WMS posts inventory levels for ${world.skus.length} SKUs`, async (step) => {
    const started = Date.now();
    const writtenBefore = await succeededWrites(world);
    const events = world.skus.map((sku, i) =>
      inventoryEvent(world, sku, 100 + i * 3 + (i % 2 === 0 ? 0.5 : 0)),
    );
    const answers = await world.hub.sim.emitBatch(events);
    const accepted = answers.filter((answer) => answer.status === 202).length;
    step.check(
      accepted === events.length,
      `ingress accepted ${accepted}/${events.length} signed webhooks (202 after Kafka ack)`,
    );
    let left: string[] = [...world.skus];
    try {
      await waitFor(
        'Odoo quantities equal to the WMS levels',
        async () => {
          left = await mismatches(world, world.skus);
          return left.length === 0 ? true : undefined;
        },
        60_000,
      );
    } finally {
      step.check(
        left.length === 0,
        `Odoo on-hand equals the WMS for ${world.skus.length - left.length}/${world.skus.length} SKUs after ${secondsSince(started)} s`,
      );
    }
    let written = 0;
    await waitFor(
      'every write recorded',
      async () => {
        written = (await succeededWrites(world)) - writtenBefore;
        return written >= events.length ? true : undefined;
      },
      15_000,
    ).catch(() => undefined);
    step.check(
      written === events.length,
      `connector-odoo wrote each level once: ${written} successful writes for ${events.length} levels`,
    );
  });
}
