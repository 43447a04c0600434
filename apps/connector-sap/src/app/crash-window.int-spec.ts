/**
 * SAP accepted a write but the hub never learned it (500 after the commit, the connection
 * dropped): the retry through Kafka finds the write by its reference, or resumes the
 * physical inventory at the step that failed. Counted in the simulator: documents created,
 * differences posted, quantities booked.
 */
import { redeliverRetryOf } from '@hub/connector-testing';
import { TopicCollector } from '@hub/testing';
import { outcomeNames } from '../testing/outcomes';
import { SapHarness } from '../testing/sap-harness';
import { seedPurchaseOrder, stockOf } from '../testing/sap-sim-fixture';

let harness: SapHarness;
let outcomes: TopicCollector;
let retries: TopicCollector;

beforeAll(async () => {
  harness = await SapHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  retries = await TopicCollector.start(harness.topics.retry);
});
afterAll(async () => {
  await outcomes.stop();
  await retries.stop();
  await harness.close();
});
afterEach(() => {
  harness.sim.sap.clearFaults();
});

const sapCalls = (model: string, method: string) => harness.sim.sap.callsTo(model, method).length;

/** Publishes, sees the first attempt fail as transient, hands the retry back, sees it succeed. */
async function failOnceThenRetry(
  event: Parameters<SapHarness['publish']>[0][number],
): Promise<void> {
  await harness.publish([event]);
  expect(await outcomeNames(harness, outcomes, event.correlationId, 1)).toEqual([
    'failed_transient',
  ]);
  await redeliverRetryOf(harness, retries, event.correlationId);
  expect(await outcomeNames(harness, outcomes, event.correlationId, 2)).toEqual([
    'failed_transient',
    'succeeded',
  ]);
}

describe('connector-sap crash window through Kafka', () => {
  it('500 after SAP created the material document: the retry finds it by header text, no second document', async () => {
    const po = seedPurchaseOrder(harness.sim, [['TG12', 10]]);
    harness.sim.sap.addFault({
      kind: 'failAfterCommit',
      model: 'A_MaterialDocumentHeader',
      method: 'POST',
      times: 1,
    });
    await failOnceThenRetry(harness.receipt(po, [[10, 'TG12', '4']], 'ASN-C1'));
    const documents = harness.sim.sap.store.materialDocuments.filter((d) =>
      d.items.some((i) => i.PurchaseOrder === po),
    );
    expect(documents).toHaveLength(1);
    expect(harness.sim.sap.store.purchaseOrders.get(po)?.items[0]?.received).toBe(4);
  });

  it('a connection dropped after the count was entered: the retry resumes at the count, posts once', async () => {
    const before = {
      created: sapCalls('A_PhysInventoryDocHeader', 'POST'),
      posted: sapCalls('PostDifferences', 'POST'),
    };
    harness.sim.sap.addFault({
      kind: 'dropAfterCommit',
      model: 'A_PhysInventoryDocItem',
      method: 'PATCH',
      times: 1,
    });
    await failOnceThenRetry(harness.level('TG12', '17', Date.now()));
    expect(stockOf(harness.sim, 'TG12')).toBe(17);
    expect({
      created: sapCalls('A_PhysInventoryDocHeader', 'POST') - before.created,
      posted: sapCalls('PostDifferences', 'POST') - before.posted,
    }).toEqual({ created: 1, posted: 1 });
  });

  it('500 after the document was created: the retry takes the open document over instead of creating another', async () => {
    const documents = harness.sim.sap.store.physInventoryDocuments.length;
    harness.sim.sap.addFault({
      kind: 'failAfterCommit',
      model: 'A_PhysInventoryDocHeader',
      method: 'POST',
      times: 1,
    });
    await failOnceThenRetry(harness.level('TG13', '8', Date.now()));
    expect(harness.sim.sap.store.physInventoryDocuments.length - documents).toBe(1);
    expect(stockOf(harness.sim, 'TG13')).toBe(8);
  });

  it('500 after SAP posted the difference: the retry sees the posted flag and posts nothing more', async () => {
    const posted = sapCalls('PostDifferences', 'POST');
    harness.sim.sap.addFault({
      kind: 'failAfterCommit',
      model: 'PostDifferences',
      method: 'POST',
      times: 1,
    });
    await failOnceThenRetry(harness.level('TG11', '3', Date.now()));
    expect(sapCalls('PostDifferences', 'POST') - posted).toBe(1);
    expect(stockOf(harness.sim, 'TG11')).toBe(3);
  });

  it('the process dies between the steps: its replacement resumes at the recorded step and posts once', async () => {
    const before = {
      created: sapCalls('A_PhysInventoryDocHeader', 'POST'),
      posted: sapCalls('PostDifferences', 'POST'),
    };
    // Every count loses its answer: the first process records the create step, then the write fails.
    harness.sim.sap.addFault({
      kind: 'dropAfterCommit',
      model: 'A_PhysInventoryDocItem',
      method: 'PATCH',
    });
    const event = harness.level('TG13', '21', Date.now());
    let lookups = 0;
    await harness.publish([event]);
    expect(await outcomeNames(harness, outcomes, event.correlationId, 1)).toEqual([
      'failed_transient',
    ]);
    await harness.app.close();
    const replacement = harness.replacement();
    try {
      await replacement.start();
      harness.sim.sap.clearFaults();
      lookups = sapCalls('A_PhysInventoryDocHeader', 'GET');
      await redeliverRetryOf(harness, retries, event.correlationId);
      expect(await outcomeNames(harness, outcomes, event.correlationId, 2)).toEqual([
        'failed_transient',
        'succeeded',
      ]);
    } finally {
      await replacement.close();
    }
    expect(stockOf(harness.sim, 'TG13')).toBe(21);
    expect({
      created: sapCalls('A_PhysInventoryDocHeader', 'POST') - before.created,
      posted: sapCalls('PostDifferences', 'POST') - before.posted,
      // findPriorWrite's search only: the create step was not run again.
      lookups: sapCalls('A_PhysInventoryDocHeader', 'GET') - lookups,
    }).toEqual({ created: 1, posted: 1, lookups: 1 });
  });
});
