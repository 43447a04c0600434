/** The story against SAP, F&O or Business Central: the same report as Odoo's, fewer steps. */
import { erpSkus, erpWarehouse } from '../../hub/erp-under-test';
import type { Hub } from '../../hub/start-hub';
import { playSteps } from '../play-story';
import type { StepReport } from '../step-report';
import type { ErpDriver, ErpStoryWorld } from './erp-driver';
import { erpGoodsReceiptStep } from './step-erp-goods-receipt';
import { erpInventoryStep } from './step-erp-inventory';
import { erpPurchaseOrderStep } from './step-erp-purchase-order';

export const erpStorySteps: readonly ((world: ErpStoryWorld) => Promise<StepReport>)[] = [
  erpInventoryStep,
  erpPurchaseOrderStep,
  erpGoodsReceiptStep,
];

export async function playErpStory(
  hub: Hub,
  erp: ErpDriver,
  onStep: (report: StepReport, index: number) => void,
): Promise<StepReport[]> {
  await erp.seed();
  const world: ErpStoryWorld = { hub, erp, skus: erpSkus, warehouse: erpWarehouse, orders: [] };
  return playSteps(world, erpStorySteps, onStep);
}
