/**
 * Newest wins for states, exactly once for additive facts, whatever the order the retries
 * bring them back in: receipts are never superseded by a later receipt of the same PO, and
 * of two counts with the same source version the one that arrived later wins.
 */
import type { DeliveryOutcomeEvent } from '@hub/contracts';
import { goodsReceipt, inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { WAREHOUSE, seedConfirmedOrder } from '../testing/odoo-sim-fixture';
import { TopicReader, eventually } from '../testing/topic-reader';

let harness: ConnectorHarness;
let outcomes: TopicReader;
let retries: TopicReader;

beforeAll(async () => {
  harness = await ConnectorHarness.start();
  outcomes = await TopicReader.start(harness.topics.deliveryOutcome);
  retries = await TopicReader.start(harness.topics.retry);
});
afterAll(async () => {
  await retries.stop();
  await outcomes.stop();
  await harness.close();
});
afterEach(() => {
  harness.sim.odoo.clearFaults();
});

async function outcomesOf(correlationId: string, count: number) {
  const mine = () =>
    outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => mine().length >= count,
    () => `${count} outcome(s) for ${correlationId}`,
  );
  const decoded = await Promise.all(mine().map((m) => harness.decode(m.value)));
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload.outcome);
}

async function redeliverRetryOf(correlationId: string): Promise<void> {
  const retried = () =>
    retries.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  await eventually(
    () => retried().length > 0,
    () => `the retry of ${correlationId}`,
  );
  await harness.redeliver(retried());
}

it('books a receipt retried after a later receipt of the same PO succeeded (additive, never superseded)', async () => {
  seedConfirmedOrder(harness.sim, 'PO-ORDER-1', [['SKU-1001', 10]]);
  const first = goodsReceipt('PO-ORDER-1', [[1, 'SKU-1001', '3']], 'R-ORDER-1', harness.source);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = goodsReceipt('PO-ORDER-1', [[1, 'SKU-1001', '4']], 'R-ORDER-2', harness.source);
  harness.sim.odoo.addFault({ kind: 'outage', mode: '503', times: 1 });
  await harness.publish([first]);
  expect(await outcomesOf(first.correlationId, 1)).toEqual(['failed_transient']);
  await harness.publish([second]);
  expect(await outcomesOf(second.correlationId, 1)).toEqual(['succeeded']);

  await redeliverRetryOf(first.correlationId);
  expect(await outcomesOf(first.correlationId, 2)).toEqual(['failed_transient', 'succeeded']);
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
  const seen: unknown[] = [];
  const onHand = () => {
    const { odoo } = harness.sim;
    const product = odoo.records('product.product', [['default_code', '=', sku]])[0];
    const location = odoo.records('stock.warehouse', [['code', '=', WAREHOUSE]])[0];
    return odoo
      .records('stock.quant')
      .find((q) => q.product_id === product?.id && q.location_id === location?.lot_stock_id)
      ?.quantity;
  };
  const sampler = setInterval(() => {
    const now = onHand();
    if (seen.at(-1) !== now) seen.push(now);
  }, 2);
  try {
    harness.sim.odoo.addFault({ kind: 'outage', mode: '503', times: 1 });
    await harness.publish([earlier]);
    expect(await outcomesOf(earlier.correlationId, 1)).toEqual(['failed_transient']);
    await harness.publish([later]);
    expect(await outcomesOf(later.correlationId, 1)).toEqual(['succeeded']);
    await redeliverRetryOf(earlier.correlationId);
    expect(await outcomesOf(earlier.correlationId, 2)).toEqual(['failed_transient', 'superseded']);
  } finally {
    clearInterval(sampler);
  }
  expect(onHand()).toBe(7);
  expect(seen.filter((quantity) => quantity === 5)).toEqual([]);
});
