/**
 * Story 5: Odoo's inventory API goes down (the simulator answers 503 for stock.quant and
 * stock.picking). Writes wait behind the breaker, a PO confirmed meanwhile still reaches the
 * WMS, Odoo comes back, the backlog drains at the bounded rate, no duplicate document.
 */
import { schedulerStatus } from '../hub/hub-clients';
import { appEnvironment } from '../hub/hub-env';
import { metric } from '../hub/metrics';
import { waitFor } from '../hub/net';
import { drainRateCheck, sampleOdooApplies } from './drain-rate';
import { rawPurchaseOrderDeliveries } from './raw-deliveries';
import { checkReceiptValidated } from './step-goods-receipt';
import {
  confirmPurchaseOrder,
  goodsReceiptEvent,
  inventoryEvent,
  mismatches,
  wmsPurchaseOrderDeliveries,
  type StoryWorld,
} from './world';
import { runStep, secondsSince, type StepReport } from './step-report';

const downModels = ['stock.quant', 'stock.picking'];

export function outageStep(world: StoryWorld): Promise<StepReport> {
  return runStep("Odoo's inventory API goes down for a while, then comes back", async (step) => {
    const { sim, urls, layout } = world.hub;
    const odoo = layout.systems.odoo;
    const drainRate = Number(
      appEnvironment('retry-scheduler', layout, world.hub.stack).RETRY_DRAIN_RATE,
    );
    const run = layout.runId.toUpperCase();
    const skus = world.skus.slice(10, 30);
    const before = await confirmPurchaseOrder(world, `PO-${run}-002`, [
      { sku: world.skus[3] ?? '', quantity: 30, price: 5 },
    ]);
    await waitFor(
      'PO before the outage at the WMS',
      async () => ((await wmsPurchaseOrderDeliveries(world, before.name)) > 0 ? true : undefined),
      45_000,
    );

    const redelivered = (): Promise<number> =>
      metric(urls.retryScheduler, 'hub_retry_redelivered_total', { target: odoo });
    const redeliveredBefore = await redelivered();
    for (const model of downModels)
      await sim.addFault('odoo', { kind: 'outage', mode: '503', model });
    const outageStart = Date.now();
    step.note(`outage: Odoo answers 503 for ${downModels.join(' and ')}`);
    const answers = await sim.emitBatch(skus.map((sku, i) => inventoryEvent(world, sku, 500 + i)));
    const receipt = await sim.emit(
      goodsReceiptEvent(
        world,
        `R-${run}-002`,
        before.name,
        before.lines.map((line) => ({
          poLineNumber: line.id,
          sku: line.sku,
          quantity: line.quantity,
        })),
      ),
    );
    const accepted =
      answers.filter((answer) => answer.status === 202).length + (receipt.status === 202 ? 1 : 0);
    step.check(
      accepted === skus.length + 1,
      `ingress kept accepting during the outage: ${accepted}/${skus.length + 1} (20 levels, 1 receipt)`,
    );

    const held = await waitFor(
      'the retry scheduler holding the writes behind an open breaker',
      async () => {
        const status = await schedulerStatus(urls.retryScheduler, odoo);
        return status && status.breaker.state !== 'closed' && status.pending > 0
          ? status
          : undefined;
      },
      45_000,
    );
    step.check(
      true,
      `retry scheduler: breaker for ${odoo} ${held.breaker.state}, ${held.pending} writes waiting`,
    );
    // The scheduler tries one probe after each cool-down; a failed one opens the breaker again.
    const probes = await waitFor(
      'a half-open probe during the outage',
      async () => {
        const sent = (await redelivered()) - redeliveredBefore;
        const status = await schedulerStatus(urls.retryScheduler, odoo);
        return sent > 0 && status?.breaker.state === 'open' ? sent : undefined;
      },
      15_000,
    ).catch(() => 0);
    step.note(
      probes > 0
        ? `${probes} half-open probe(s) redelivered during the outage, answered 503, breaker open again`
        : 'no half-open probe seen within 15 s',
    );
    const during = await confirmPurchaseOrder(world, `PO-${run}-003`, [
      { sku: world.skus[4] ?? '', quantity: 8, price: 2 },
    ]);
    await waitFor(
      'the PO confirmed during the outage at the WMS',
      async () => ((await wmsPurchaseOrderDeliveries(world, during.name)) > 0 ? true : undefined),
      45_000,
    );
    step.check(
      true,
      `${during.name}, confirmed during the outage, reached the WMS: other flows keep going`,
    );
    const stillOld = (await mismatches(world, skus)).length;
    step.check(
      stillOld === skus.length,
      `nothing half-applied: ${stillOld}/${skus.length} levels still wait`,
    );

    const applies = sampleOdooApplies(world.hub);
    let appliedAt: number[] = [];
    try {
      await sim.clearFaults('odoo');
      const recovered = Date.now();
      step.note(`Odoo back after ${secondsSince(outageStart)} s`);
      let left = skus.length;
      try {
        await waitFor(
          'the backlog drained',
          async () => {
            left = (await mismatches(world, skus)).length;
            return left === 0 ? true : undefined;
          },
          90_000,
        );
      } finally {
        step.check(
          left === 0,
          `backlog drained: ${skus.length - left}/${skus.length} levels applied ${secondsSince(recovered)} s after recovery`,
        );
      }
      // The receipt waited too; it touches no quant count, and a late duplicate apply shows meanwhile.
      await checkReceiptValidated(world, step, before, 60_000);
    } finally {
      appliedAt = await applies.stop();
    }
    // What Odoo applied after it came back: at no more than the drain rate, and as many
    // applies as levels. Every SKU got a level it never had and nothing else writes them, so
    // each SKU now equal to its level took an apply: with 20 applies, each exactly once.
    const rate = drainRateCheck(appliedAt, drainRate);
    step.check(rate.ok, rate.text);
    step.check(
      appliedAt.length === skus.length,
      `no duplicate write: Odoo applied ${appliedAt.length} inventory counts for ${skus.length} levels`,
    );
    const received = await rawPurchaseOrderDeliveries(world, during.name);
    step.check(
      received.requests === 1,
      `no duplicate: the WMS received ${received.requests} request(s) for ${during.name} (${received.webhookIds} webhook-id(s), counted before its de-duplication)`,
    );
  });
}
