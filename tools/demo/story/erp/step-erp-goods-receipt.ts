/**
 * (b) The WMS records a goods receipt against the order; the ERP commits it but answers 500
 * (fail-after-commit): the retry finds the document by its reference and books nothing
 * more. Counted in the ERP: documents against the order, quantity received per line.
 */
import { waitFor } from '../../hub/net';
import { runStep, secondsSince, type StepReport } from '../step-report';
import type { ErpStoryWorld } from './erp-driver';
import { erpWriteCounts, receiptEvent } from './erp-events';

export function erpGoodsReceiptStep(world: ErpStoryWorld): Promise<StepReport> {
  const { erp, hub } = world;
  return runStep(
    `The WMS records a goods receipt; ${erp.name} commits it but answers 500, and the retry books nothing twice`,
    async (step) => {
      const started = Date.now();
      const order = world.orders[0];
      if (!order) throw new Error('No purchase order from the previous step');
      const before = await erpWriteCounts(world, 'goods-receipt');
      await erp.failNextReceiptAfterCommit();
      const receiptId = `ASN-${hub.layout.runId.toUpperCase()}-1`;
      try {
        const answer = await hub.sim.emit(
          receiptEvent(world, receiptId, order.number, order.lines),
        );
        step.check(
          answer.status === 202,
          `ingress accepted receipt ${receiptId} for ${order.number} (${answer.status})`,
        );
        const after = await waitFor(
          'the receipt written after its retry',
          async () => {
            const now = await erpWriteCounts(world, 'goods-receipt');
            return now.succeeded + now.duplicate > before.succeeded + before.duplicate
              ? now
              : undefined;
          },
          60_000,
        );
        step.check(
          after.retry - before.retry >= 1,
          `the first attempt failed after ${erp.name} committed (${String(after.retry - before.retry)} write sent to the retry topic), the retry scheduler handed it back`,
        );
      } finally {
        await erp.clearFaults();
      }
      const documents = await erp.receiptDocuments(order.number);
      step.check(
        documents === 1,
        `${String(documents)} ${erp.receiptDocument} against ${order.number} after the crash window`,
      );
      const received = await erp.receivedQuantities(order.number);
      const right = order.lines.filter((line) => received.get(line.lineNumber) === line.quantity);
      step.check(
        right.length === order.lines.length,
        `${right.length}/${order.lines.length} lines received exactly as the WMS counted (${order.lines.map((l) => `${String(l.lineNumber)}: ${String(received.get(l.lineNumber))}`).join(', ')})`,
      );
      step.note(`booked ${secondsSince(started)} s after the WMS posted it`);
    },
  );
}
