/** Story 3: Odoo confirms a purchase order; the WMS receives it exactly once. */
import { metric } from '../hub/metrics';
import { waitFor } from '../hub/net';
import { confirmPurchaseOrder, wmsPurchaseOrderDeliveries, type StoryWorld } from './world';
import { runStep, secondsSince, type StepReport } from './step-report';

export async function duplicateWrites(
  world: StoryWorld,
  target: string,
  entityType: string,
): Promise<number> {
  const url =
    target === world.hub.layout.systems.wms
      ? world.hub.urls.connectorHttp
      : world.hub.urls.connectorOdoo;
  return metric(url, 'hub_connector_writes_total', {
    target,
    entity_type: entityType,
    outcome: 'duplicate',
  });
}

export function purchaseOrderStep(world: StoryWorld): Promise<StepReport> {
  return runStep(
    'Odoo confirms a purchase order; the WMS receives it exactly once',
    async (step) => {
      const started = Date.now();
      const { sim } = world.hub;
      const wms = world.hub.layout.systems.wms;
      const name = `PO-${world.hub.layout.runId.toUpperCase()}-001`;
      const po = await confirmPurchaseOrder(world, name, [
        { sku: world.skus[0] ?? '', quantity: 40, price: 12.5 },
        { sku: world.skus[1] ?? '', quantity: 25, price: 3.2 },
      ]);
      step.note(
        `${name} confirmed in Odoo (id ${po.id}, ${po.lines.length} lines); Odoo's webhook goes to the ingress`,
      );
      await waitFor(
        'the PO at the WMS',
        async () => ((await wmsPurchaseOrderDeliveries(world, name)) > 0 ? true : undefined),
        45_000,
      );
      step.check(true, `WMS received ${name} ${secondsSince(started)} s after the confirmation`);

      // Odoo may notify twice (an edit, a re-run automation): the same PO must not arrive again.
      const duplicatesBefore = await duplicateWrites(world, wms, 'purchase-order');
      await sim.emitOdooWebhook('purchase.order', po.id);
      await sim.emitOdooWebhook('purchase.order', po.id);
      await waitFor(
        'both repeated notifications handled',
        async () =>
          (await duplicateWrites(world, wms, 'purchase-order')) >= duplicatesBefore + 2
            ? true
            : undefined,
        30_000,
      );
      const deliveries = await sim.wmsDeliveries();
      const ours = deliveries.filter((delivery) => delivery.body.data?.poNumber === name);
      step.check(
        ours.length === 1,
        `Odoo notified 3 times; WMS holds ${ours.length} delivery of ${name} (the hub answered "duplicate" twice)`,
      );
      const lines = (ours[0]?.body.data?.lines ?? []) as {
        sku?: string;
        quantityOrdered?: string;
      }[];
      const matching = po.lines.filter((line) =>
        lines.some(
          (sent) => sent.sku === line.sku && Number(sent.quantityOrdered) === line.quantity,
        ),
      ).length;
      step.check(
        matching === po.lines.length,
        `${matching}/${po.lines.length} lines with SKU and quantity as ordered in Odoo`,
      );
    },
  );
}
