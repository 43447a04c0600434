/**
 * Newest wins for states, exactly once for additive facts, whatever the order the retries
 * bring them back in: receipts are never superseded by a later receipt of the same PO, and
 * of two counts with the same source version the one that arrived later wins.
 */
import { goodsReceipt, inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { outcomesOf, redeliverRetryOf } from '@hub/connector-testing';
import { onHand, seedConfirmedOrder, watchOnHand } from '../testing/odoo-sim-fixture';
import { TopicCollector } from '@hub/connector-testing';

let harness: ConnectorHarness;
let outcomes: TopicCollector;
let retries: TopicCollector;

beforeAll(async () => {
  harness = await ConnectorHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  retries = await TopicCollector.start(harness.topics.retry);
});
afterAll(async () => {
  await retries.stop();
  await outcomes.stop();
  await harness.close();
});
afterEach(() => {
  harness.sim.odoo.clearFaults();
});

const outcomesFor = async (correlationId: string, count: number) =>
  (await outcomesOf(harness, outcomes, correlationId, count)).map((payload) => payload.outcome);
const redeliver = (correlationId: string) => redeliverRetryOf(harness, retries, correlationId);

it('books a receipt retried after a later receipt of the same PO succeeded (additive, never superseded)', async () => {
  seedConfirmedOrder(harness.sim, 'PO-ORDER-1', [['SKU-1001', 10]]);
  const first = goodsReceipt('PO-ORDER-1', [[1, 'SKU-1001', '3']], 'R-ORDER-1', harness.source);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = goodsReceipt('PO-ORDER-1', [[1, 'SKU-1001', '4']], 'R-ORDER-2', harness.source);
  harness.sim.odoo.addFault({ kind: 'outage', mode: '503', times: 1 });
  await harness.publish([first]);
  expect(await outcomesFor(first.correlationId, 1)).toEqual(['failed_transient']);
  await harness.publish([second]);
  expect(await outcomesFor(second.correlationId, 1)).toEqual(['succeeded']);

  await redeliver(first.correlationId);
  expect(await outcomesFor(first.correlationId, 2)).toEqual(['failed_transient', 'succeeded']);
  const done = harness.sim.odoo.records('stock.picking', [
    ['origin', '=', 'PO-ORDER-1'],
    ['state', '=', 'done'],
  ]);
  const booked = done.map((picking) =>
    harness.sim.odoo
      .records('stock.move', [['picking_id', '=', picking.id]])
      .reduce((sum, move) => sum + Number(move.quantity), 0),
  );
  expect(booked.sort()).toEqual([3, 4]);
});

it('keeps the later of two counts with the same source version when the earlier one is retried', async () => {
  const sku = 'SKU-1003';
  const sameSecond = Math.floor(Date.now() / 1000) * 1000;
  const earlier = inventoryLevel(sku, '5', sameSecond, harness.source);
  const later = inventoryLevel(sku, '7', sameSecond, harness.source);
  const watch = watchOnHand(harness.sim, sku);
  let seen: (number | undefined)[];
  try {
    harness.sim.odoo.addFault({ kind: 'outage', mode: '503', times: 1 });
    await harness.publish([earlier]);
    expect(await outcomesFor(earlier.correlationId, 1)).toEqual(['failed_transient']);
    await harness.publish([later]);
    expect(await outcomesFor(later.correlationId, 1)).toEqual(['succeeded']);
    await redeliver(earlier.correlationId);
    expect(await outcomesFor(earlier.correlationId, 2)).toEqual(['failed_transient', 'superseded']);
  } finally {
    seen = watch.stop();
  }
  expect(onHand(harness.sim, sku)).toBe(7);
  expect(seen.filter((quantity) => quantity === 5)).toEqual([]);
});
