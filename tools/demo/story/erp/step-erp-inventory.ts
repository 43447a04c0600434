/**
 * (a) The WMS counts stock; the ERP is set to each count once (the same webhook sent twice
 * posts once), and a count older than the one applied does not overwrite it.
 */
import { waitFor } from '../../hub/net';
import { runStep, secondsSince, type StepReport } from '../step-report';
import type { ErpStoryWorld } from './erp-driver';
import { countEvent, erpWriteCounts } from './erp-events';

async function postingsOf(world: ErpStoryWorld): Promise<number[]> {
  return Promise.all(world.skus.map((sku) => world.erp.countPostings(sku)));
}

export function erpInventoryStep(world: ErpStoryWorld): Promise<StepReport> {
  const { erp, hub, skus } = world;
  return runStep(
    `The WMS counts ${skus.length} SKUs; ${erp.name} is set to each count once, an older count does not overwrite a newer one`,
    async (step) => {
      const started = Date.now();
      const run = hub.layout.runId;
      const before = await erpWriteCounts(world, 'inventory-level');
      const postingsBefore = await postingsOf(world);
      const asOf = Date.now();
      const levels = skus.map((_, i) => 120 + i * 5);
      const events = skus.map((sku, i) =>
        countEvent(world, sku, levels[i] ?? 0, asOf, `msg_${run}_count_${String(i)}`),
      );
      const first = await hub.sim.emitBatch(events);
      // The WMS did not see the answers and sends the same webhooks again (same webhook-id).
      const again = await hub.sim.emitBatch(events);
      step.check(
        first.every((answer) => answer.status === 202),
        `ingress accepted ${first.filter((a) => a.status === 202).length}/${events.length} counts, then the same ${events.length} webhooks again (answers ${[...new Set(again.map((a) => a.status))].join(', ')})`,
      );
      await waitFor(
        'both deliveries of every count handled by the connector',
        async () => {
          const now = await erpWriteCounts(world, 'inventory-level');
          const handled = now.succeeded - before.succeeded + (now.duplicate - before.duplicate);
          return handled >= 2 * events.length ? true : undefined;
        },
        60_000,
      );
      const onHand = await Promise.all(skus.map((sku) => erp.onHand(sku)));
      const equal = skus.filter((_, i) => onHand[i] === levels[i]).length;
      step.check(
        equal === skus.length,
        `${erp.name} on hand equals the count for ${equal}/${skus.length} SKUs (${onHand.join(', ')}) after ${secondsSince(started)} s`,
      );
      const postings = await postingsOf(world);
      const once = postings.filter((n, i) => n - (postingsBefore[i] ?? 0) === 1).length;
      step.check(
        once === skus.length,
        `${erp.countDocument} posted once per SKU for ${once}/${skus.length} SKUs although each webhook came twice (${postings.map((n, i) => n - (postingsBefore[i] ?? 0)).join(', ')})`,
      );

      // A count taken a minute earlier arrives late: it must not undo the newer one.
      const sku = skus[0] ?? '';
      const superseded = (await erpWriteCounts(world, 'inventory-level')).superseded;
      const late = await hub.sim.emit(countEvent(world, sku, 7, asOf - 60_000, `msg_${run}_late`));
      await waitFor(
        'the late count handled as superseded',
        async () =>
          (await erpWriteCounts(world, 'inventory-level')).superseded > superseded
            ? true
            : undefined,
        30_000,
      );
      const after = await erp.onHand(sku);
      const postingsAfter = await erp.countPostings(sku);
      step.check(
        late.status === 202 && after === levels[0] && postingsAfter === postings[0],
        `an older count of ${sku} (7, a minute earlier) was superseded: on hand stays ${String(after)}, ${erp.countDocument} postings stay ${String(postingsAfter)}`,
      );
    },
  );
}
