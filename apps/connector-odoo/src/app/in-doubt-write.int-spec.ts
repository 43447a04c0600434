/**
 * An in-doubt write must not let an older level through. Odoo applies level 30 but the
 * answer is lost; level 20 (older) arrives meanwhile. Odoo must never hold 20, and 30 must
 * be applied once: found again by its retry, not written a second time.
 */
import { inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { outcomesOf, redeliverRetryOf } from '@hub/connector-testing';
import { onHand, watchOnHand } from '../testing/odoo-sim-fixture';
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

const outcomesFor = (correlationId: string, count: number) =>
  outcomesOf(harness, outcomes, correlationId, count);

it('holds an older level back while a newer one is in doubt, and applies the newer one once', async () => {
  const sku = 'SKU-1002';
  const base = Date.now();
  const at10 = inventoryLevel(sku, '10', base, harness.source);
  const at30 = inventoryLevel(sku, '30', base + 2000, harness.source);
  const at20 = inventoryLevel(sku, '20', base + 1000, harness.source);
  const watch = watchOnHand(harness.sim, sku);
  let seen: (number | undefined)[];
  try {
    await harness.publish([at10]);
    expect((await outcomesFor(at10.correlationId, 1))[0]).toMatchObject({ outcome: 'succeeded' });
    harness.sim.odoo.resetCalls();

    harness.sim.odoo.addFault({
      kind: 'dropAfterCommit',
      model: 'stock.quant',
      method: 'action_apply_inventory',
      times: 1,
    });
    await harness.publish([at30]);
    expect((await outcomesFor(at30.correlationId, 1))[0]).toMatchObject({
      outcome: 'failed_transient',
      targetCalled: true,
    });

    await harness.publish([at20]);
    expect((await outcomesFor(at20.correlationId, 1))[0]).toMatchObject({
      outcome: 'failed_transient',
      targetCalled: false,
      failure: { code: 'WRITE_HELD_BY_IN_DOUBT' },
    });
    expect(onHand(harness.sim, sku)).toBe(30);

    // The retry scheduler's part: 30 comes back first and resolves the doubt, then 20.
    await redeliverRetryOf(harness, retries, at30.correlationId);
    expect((await outcomesFor(at30.correlationId, 2))[1]?.outcome).toBe('succeeded');
    await redeliverRetryOf(harness, retries, at20.correlationId);
    expect((await outcomesFor(at20.correlationId, 2))[1]?.outcome).toBe('superseded');
  } finally {
    seen = watch.stop();
  }

  // The quant is created empty (0) before the first count is applied.
  expect(seen.filter((quantity) => quantity !== undefined && quantity !== 0)).toEqual([10, 30]);
  // 30 applied once (the lost answer), found by its retry; 20 never.
  expect(harness.sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(1);
});
