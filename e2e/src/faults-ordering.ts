/**
 * Out-of-order deliveries and the crash window between Odoo's acceptance and the hub's
 * record (the simulator commits, then drops the connection).
 */
import {
  confirmPurchaseOrder,
  goodsReceiptEvent,
  metric,
  waitFor,
  type Hub,
  type StoryWorld,
  type WmsEvent,
} from '@hub/demo';

const writes = (hub: Hub, entityType: string, outcome: string): Promise<number> =>
  metric(hub.urls.connectorOdoo, 'hub_connector_writes_total', {
    target: hub.layout.systems.odoo,
    entity_type: entityType,
    outcome,
  });

function levelAt(world: StoryWorld, sku: string, quantity: number, asOf: Date): WmsEvent {
  return {
    type: 'inventory-level.changed',
    data: {
      sku,
      warehouse: world.warehouse,
      quantityOnHand: quantity.toFixed(2),
      unitOfMeasure: 'PCS',
      asOf: asOf.toISOString(),
    },
  };
}

/**
 * The newer level arrives first, the older one after it: the older is superseded, and Odoo
 * applies only the newer (its executed `action_apply_inventory`, not the hub's account).
 */
export async function outOfOrder(world: StoryWorld) {
  const { hub } = world;
  const sku = world.skus[49] ?? '';
  const now = Date.now();
  const appliesBefore = await hub.sim.callCount('stock.quant.action_apply_inventory');
  const supersededBefore = await writes(hub, 'inventory-level', 'superseded');
  const newer = await hub.sim.emit(levelAt(world, sku, 222, new Date(now)));
  const older = await hub.sim.emit(levelAt(world, sku, 111, new Date(now - 60_000)));
  world.wmsLevels.set(sku, 222);
  await waitFor(
    'the older level handled',
    async () =>
      (await writes(hub, 'inventory-level', 'superseded')) > supersededBefore ? true : undefined,
    30_000,
  );
  const quants = await hub.sim.records('stock.quant', [
    ['location_id', '=', world.stockLocationId],
    ['product_id', '=', world.productIds.get(sku) ?? 0],
  ]);
  return {
    statuses: [newer.status, older.status],
    superseded: (await writes(hub, 'inventory-level', 'superseded')) - supersededBefore,
    quantities: quants.map((quant) => Number(quant.quantity)),
    applies: (await hub.sim.callCount('stock.quant.action_apply_inventory')) - appliesBefore,
  };
}

/**
 * Odoo validates the receipt, then the connection drops before the answer: the connector
 * sees a transient failure, the retry finds the validated picking by its correlation id and
 * does not validate again.
 */
export async function crashAfterAcceptance(world: StoryWorld) {
  const { hub } = world;
  const run = hub.layout.runId.toUpperCase();
  const sku = world.skus[5] ?? '';
  const po = await confirmPurchaseOrder(world, `PO-${run}-CRASH`, [{ sku, quantity: 9, price: 1 }]);
  const validatesBefore = await hub.sim.callCount('stock.picking.button_validate');
  const succeededBefore = await writes(hub, 'goods-receipt', 'succeeded');
  const retriesBefore = await writes(hub, 'goods-receipt', 'retry');
  await hub.sim.addFault('odoo', {
    kind: 'dropAfterCommit',
    times: 1,
    model: 'stock.picking',
    method: 'button_validate',
  });
  const answer = await hub.sim.emit(
    goodsReceiptEvent(world, `R-${run}-CRASH`, po.name, [
      { poLineNumber: po.lines[0]?.id ?? 1, sku, quantity: 9 },
    ]),
  );
  await waitFor(
    'the receipt write completed after the dropped answer',
    async () =>
      (await writes(hub, 'goods-receipt', 'succeeded')) > succeededBefore ? true : undefined,
    45_000,
  );
  const pickings = await hub.sim.records('stock.picking', [['purchase_id', '=', po.id]]);
  const lines = await hub.sim.records('purchase.order.line', [['order_id', '=', po.id]]);
  return {
    status: answer.status,
    retries: (await writes(hub, 'goods-receipt', 'retry')) - retriesBefore,
    validates: (await hub.sim.callCount('stock.picking.button_validate')) - validatesBefore,
    donePickings: pickings.filter((picking) => picking.state === 'done').length,
    received: lines.map((line) => Number(line.qty_received)),
  };
}
