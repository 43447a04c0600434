/** Story 4: the WMS records a goods receipt; Odoo's incoming receipt is validated with matching quantities. */
import { waitFor } from '../hub/net';
import type { OdooRecord } from '../hub/sim-client';
import { goodsReceiptEvent, receiptsOf, type PurchaseOrderInfo, type StoryWorld } from './world';
import { runStep, secondsSince, type StepRecorder, type StepReport } from './step-report';

/** Waits for the PO's receipt to be done, then checks moves and PO lines against what was received. */
export async function checkReceiptValidated(
  world: StoryWorld,
  step: StepRecorder,
  po: PurchaseOrderInfo,
  timeoutMs: number,
): Promise<void> {
  const { sim } = world.hub;
  const done = await waitFor(
    `${po.name}'s receipt validated in Odoo`,
    async () => {
      const pickings = await receiptsOf(world, po.id);
      const finished = pickings.filter((picking) => picking.state === 'done');
      return finished.length > 0 ? finished : undefined;
    },
    timeoutMs,
  );
  const picking = done[0] as OdooRecord;
  step.check(
    done.length === 1,
    `${done.length} validated receipt (${String(picking.name)}) for ${po.name}`,
  );
  const lines = await sim.records('purchase.order.line', [['order_id', '=', po.id]]);
  const received = po.lines.filter((line) => {
    const stored = lines.find((candidate) => candidate.id === line.id);
    return stored !== undefined && Number(stored.qty_received) === line.quantity;
  }).length;
  step.check(
    received === po.lines.length,
    `${received}/${po.lines.length} PO lines show qty_received equal to what the WMS received`,
  );
}

export function goodsReceiptStep(world: StoryWorld): Promise<StepReport> {
  return runStep("The WMS records a goods receipt; Odoo's receipt is validated", async (step) => {
    const started = Date.now();
    const po = [...world.purchaseOrders.values()][0];
    if (!po) throw new Error('No purchase order from the previous step');
    const receiptId = `R-${world.hub.layout.runId.toUpperCase()}-001`;
    const answer = await world.hub.sim.emit(
      goodsReceiptEvent(
        world,
        receiptId,
        po.name,
        po.lines.map((line) => ({ poLineNumber: line.id, sku: line.sku, quantity: line.quantity })),
      ),
    );
    step.check(
      answer.status === 202,
      `ingress accepted receipt ${receiptId} for ${po.name} (${answer.status})`,
    );
    await checkReceiptValidated(world, step, po, 45_000);
    step.note(`validated ${secondsSince(started)} s after the WMS posted it`);
  });
}
