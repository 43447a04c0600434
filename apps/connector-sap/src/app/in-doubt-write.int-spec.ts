/**
 * An in-doubt write must not let an older level through. SAP posts the difference for level
 * 30 but the answer is lost; level 20 (older) arrives meanwhile and is held back. SAP must
 * never hold 20, and 30 must be posted once: found again by its retry, not posted twice.
 */
import { outcomesOf, redeliverRetryOf } from '@hub/connector-testing';
import { TopicCollector } from '@hub/testing';
import { SapHarness } from '../testing/sap-harness';
import { stockOf } from '../testing/sap-sim-fixture';

let harness: SapHarness;
let outcomes: TopicCollector;
let retries: TopicCollector;

beforeAll(async () => {
  harness = await SapHarness.start();
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

it('holds an older level back while a newer one is in doubt, and posts the newer one once', async () => {
  const base = Date.now();
  const at10 = harness.level('TG12', '10', base);
  const at30 = harness.level('TG12', '30', base + 2000);
  const at20 = harness.level('TG12', '20', base + 1000);
  const seen: number[] = [];
  const sampler = setInterval(() => {
    const now = stockOf(harness.sim, 'TG12');
    if (seen.at(-1) !== now) seen.push(now);
  }, 2);
  try {
    await harness.publish([at10]);
    expect((await outcomesFor(at10.correlationId, 1))[0]).toMatchObject({ outcome: 'succeeded' });

    harness.sim.sap.addFault({
      kind: 'dropAfterCommit',
      model: 'PostDifferences',
      method: 'POST',
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
    expect(stockOf(harness.sim, 'TG12')).toBe(30);

    // The retry scheduler's part: 30 comes back first and resolves the doubt, then 20.
    await redeliverRetryOf(harness, retries, at30.correlationId);
    expect((await outcomesFor(at30.correlationId, 2))[1]?.outcome).toBe('succeeded');
    await redeliverRetryOf(harness, retries, at20.correlationId);
    expect((await outcomesFor(at20.correlationId, 2))[1]?.outcome).toBe('superseded');
  } finally {
    clearInterval(sampler);
  }
  expect(seen).toEqual([0, 10, 30]);
  // 10 and 30 posted once each (30's answer lost, found by its retry); 20 never.
  expect(harness.sim.sap.callsTo('PostDifferences', 'POST')).toHaveLength(2);
  expect(harness.sim.sap.store.physInventoryDocuments).toHaveLength(2);
});
