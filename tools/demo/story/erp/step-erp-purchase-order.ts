/**
 * (c) A buyer creates a purchase order in the ERP; the ERP's notification (SAP business
 * event, F&O business event, BC polling sweep) brings it to the WMS, and a notification
 * delivered twice still gives one delivery at the WMS (counted before the WMS's own
 * de-duplication).
 */
import { sleep, waitFor } from '../../hub/net';
import { rawPurchaseOrderDeliveries } from '../raw-deliveries';
import { runStep, secondsSince, type StepReport } from '../step-report';
import type { ErpStoryWorld } from './erp-driver';

const settleMs = 5_000;

export function erpPurchaseOrderStep(world: ErpStoryWorld): Promise<StepReport> {
  const { erp, hub } = world;
  return runStep(
    `${erp.name} creates a purchase order; its notification, sent twice, gives the WMS one delivery`,
    async (step) => {
      const started = Date.now();
      const notifiedBefore = await erp.notifications(hub);
      const order = await erp.createPurchaseOrder([
        { sku: world.skus[0] ?? '', quantity: 40 },
        { sku: world.skus[1] ?? '', quantity: 25 },
      ]);
      world.orders.push(order);
      step.note(`${order.number} created in ${erp.name} with ${order.lines.length} lines`);
      await waitFor(
        `${order.number} at the WMS`,
        async () =>
          (await rawPurchaseOrderDeliveries(world, order.number)).requests > 0 ? true : undefined,
        45_000,
      );
      step.check(
        true,
        `WMS received ${order.number} ${secondsSince(started)} s after it was created in ${erp.name}`,
      );
      const notified = await waitFor(
        'the second notification of the order',
        async () => {
          const count = (await erp.notifications(hub)) - notifiedBefore;
          return count >= 2 ? count : undefined;
        },
        30_000,
      ).catch(() => 0);
      // Whatever the duplicate would cause happens within seconds: watch the WMS that long.
      await sleep(settleMs);
      const raw = await rawPurchaseOrderDeliveries(world, order.number);
      step.check(
        notified >= 2 && raw.requests === 1,
        `the hub was told ${String(notified)} times; the WMS got ${String(raw.requests)} request for ${order.number} (watched ${String(settleMs / 1000)} s more)`,
      );
      const deliveries = await hub.sim.wmsDeliveries();
      const sent = (deliveries.find((d) => d.body.data?.poNumber === order.number)?.body.data
        ?.lines ?? []) as { sku?: string; quantityOrdered?: string }[];
      const matching = order.lines.filter((line) =>
        sent.some((s) => s.sku === line.sku && Number(s.quantityOrdered) === line.quantity),
      ).length;
      step.check(
        matching === order.lines.length,
        `${matching}/${order.lines.length} lines with SKU and quantity as ordered in ${erp.name}`,
      );
    },
  );
}
