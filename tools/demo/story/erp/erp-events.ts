/** WMS events of the ERP stories and the ERP connector's write counters. */
import { metric } from '../../hub/metrics';
import type { WmsEvent } from '../../hub/sim-client';
import type { Hub } from '../../hub/start-hub';
import { goodsReceiptEvent } from '../world';
import type { ErpOrderLine, ErpStoryWorld } from './erp-driver';

export type WriteOutcome = 'succeeded' | 'duplicate' | 'superseded' | 'retry';

/** hub_connector_writes_total of the ERP connector for one entity type and outcome. */
export function erpWrites(
  world: ErpStoryWorld,
  entityType: 'inventory-level' | 'goods-receipt',
  outcome: WriteOutcome,
): Promise<number> {
  return metric(world.hub.urls.connectorErp, 'hub_connector_writes_total', {
    target: world.hub.layout.systems.erp,
    entity_type: entityType,
    outcome,
  });
}

export async function erpWriteCounts(
  world: ErpStoryWorld,
  entityType: 'inventory-level' | 'goods-receipt',
): Promise<Record<WriteOutcome, number>> {
  const outcomes: WriteOutcome[] = ['succeeded', 'duplicate', 'superseded', 'retry'];
  const values = await Promise.all(
    outcomes.map((outcome) => erpWrites(world, entityType, outcome)),
  );
  return Object.fromEntries(outcomes.map((outcome, i) => [outcome, values[i] ?? 0])) as Record<
    WriteOutcome,
    number
  >;
}

export function countEvent(
  world: ErpStoryWorld,
  sku: string,
  quantity: number,
  asOf: number,
  webhookId: string,
): WmsEvent {
  return {
    type: 'inventory-level.changed',
    webhookId,
    data: {
      sku,
      warehouse: world.warehouse,
      quantityOnHand: quantity.toFixed(2),
      unitOfMeasure: 'PCS',
      asOf: new Date(asOf).toISOString(),
    },
  };
}

export function receiptEvent(
  world: ErpStoryWorld,
  receiptId: string,
  order: string,
  lines: readonly ErpOrderLine[],
): WmsEvent {
  return goodsReceiptEvent(
    world,
    receiptId,
    order,
    lines.map((line) => ({
      poLineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.quantity,
    })),
  );
}

/** Notifications of the ERP at the ingress (SAP and F&O business events). */
export const ingressNotifications = (hub: Hub): Promise<number> =>
  metric(hub.urls.ingress, 'hub_ingress_received_total', { system: hub.layout.systems.erp });

/** Purchase orders the WMS connector handled, written or answered "duplicate" (BC's sweep). */
export async function wmsPurchaseOrdersHandled(hub: Hub): Promise<number> {
  const count = (outcome: string): Promise<number> =>
    metric(hub.urls.connectorHttp, 'hub_connector_writes_total', {
      target: hub.layout.systems.wms,
      entity_type: 'purchase-order',
      outcome,
    });
  return (await count('succeeded')) + (await count('duplicate'));
}
