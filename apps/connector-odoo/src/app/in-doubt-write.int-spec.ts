/**
 * An in-doubt write must not let an older level through (issue: "An in-doubt write lets an
 * older level through"). Odoo applies level 30 but the answer is lost; level 20 (older)
 * arrives meanwhile. Odoo must never hold 20, and 30 must be applied once: found again by
 * its retry, not written a second time.
 */
import type { DeliveryOutcomeEvent } from '@hub/contracts';
import { inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { WAREHOUSE } from '../testing/odoo-sim-fixture';
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

function onHand(sku: string): unknown {
  const { odoo } = harness.sim;
  const productId = odoo.records('product.product', [['default_code', '=', sku]])[0]?.id;
  const locationId = odoo.records('stock.warehouse', [['code', '=', WAREHOUSE]])[0]?.lot_stock_id;
  return odoo
    .records('stock.quant')
    .find((q) => q.product_id === productId && q.location_id === locationId)?.quantity;
}

async function outcomesOf(correlationId: string, count: number) {
  await eventually(
    () =>
      outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId).length >=
      count,
    () => `${count} outcome(s) for ${correlationId}`,
  );
  const mine = outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  const decoded = await Promise.all(mine.map((m) => harness.decode(m.value)));
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload);
}

const retriesOf = (correlationId: string) =>
  retries.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);

it('holds an older level back while a newer one is in doubt, and applies the newer one once', async () => {
  const sku = 'SKU-1002';
  const base = Date.now();
  const at10 = inventoryLevel(sku, '10', base, harness.source);
  const at30 = inventoryLevel(sku, '30', base + 2000, harness.source);
  const at20 = inventoryLevel(sku, '20', base + 1000, harness.source);
  // Every state Odoo's quant passes through, sampled far faster than the hub writes.
  const seen: unknown[] = [];
  const sampler = setInterval(() => {
    const now = onHand(sku);
    if (seen.at(-1) !== now) seen.push(now);
  }, 2);
  try {
    await harness.publish([at10]);
    expect((await outcomesOf(at10.correlationId, 1))[0]).toMatchObject({ outcome: 'succeeded' });
    harness.sim.odoo.resetCalls();

    harness.sim.odoo.addFault({
      kind: 'dropAfterCommit',
      model: 'stock.quant',
      method: 'action_apply_inventory',
      times: 1,
    });
    await harness.publish([at30]);
    expect((await outcomesOf(at30.correlationId, 1))[0]).toMatchObject({
      outcome: 'failed_transient',
      targetCalled: true,
    });

    await harness.publish([at20]);
    const [held] = await outcomesOf(at20.correlationId, 1);
    expect(held).toMatchObject({
      outcome: 'failed_transient',
      targetCalled: false,
      failure: { code: 'WRITE_HELD_BY_IN_DOUBT' },
    });
    expect(onHand(sku)).toBe(30);

    // The retry scheduler's part: 30 comes back first and resolves the doubt, then 20.
    await eventually(
      () => retriesOf(at30.correlationId).length === 1,
      () => 'the retry of 30',
    );
    await harness.redeliver(retriesOf(at30.correlationId));
    expect((await outcomesOf(at30.correlationId, 2))[1]?.outcome).toBe('succeeded');
    await eventually(
      () => retriesOf(at20.correlationId).length === 1,
      () => 'the retry of 20',
    );
    await harness.redeliver(retriesOf(at20.correlationId));
    expect((await outcomesOf(at20.correlationId, 2))[1]?.outcome).toBe('superseded');
  } finally {
    clearInterval(sampler);
  }

  // The quant is created empty (0) before the first count is applied.
  expect(seen.filter((quantity) => quantity !== undefined && quantity !== 0)).toEqual([10, 30]);
  // 30 applied once (the lost answer), found by its retry; 20 never.
  expect(harness.sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(1);
});
