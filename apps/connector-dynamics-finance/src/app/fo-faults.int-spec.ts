/**
 * Crash windows and throttling against the simulated F&O, through Kafka: F&O commits and
 * the answer is lost (500 after commit) at each step of a write; the retry finds the
 * write by the hub's reference or resumes the steps, and nothing is booked twice.
 */
import { goodsReceipt, inventoryLevel } from '../testing/fixtures';
import { FoHarness } from '../testing/fo-harness';
import { outcomesOf, redeliverRetryOf } from '../testing/outcomes';
import { TopicCollector } from '@hub/testing';

let harness: FoHarness;
let outcomes: TopicCollector;
let retries: TopicCollector;

beforeAll(async () => {
  harness = await FoHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  retries = await TopicCollector.start(harness.topics.retry);
});
afterAll(async () => {
  await outcomes.stop();
  await retries.stop();
  await harness.close();
});
afterEach(() => {
  harness.fo.clearFaults();
});

const journalsOf = (correlationId: string) =>
  harness.fo.store.journals.filter((j) => j.description === correlationId);

describe('connector-dynamics-finance crash windows', () => {
  it.each([
    ['500 after commit', 'failAfterCommit', 'PO-F-1'],
    ['connection dropped after commit', 'dropAfterCommit', 'PO-F-2'],
  ] as const)(
    'a receipt F&O posted but whose answer was lost (%s) is found by its reference, never posted twice',
    async (_what, kind, po) => {
      harness.fo.seedPurchaseOrder({
        number: po,
        approval: 'Confirmed',
        lines: [{ itemNumber: 'A0001', quantity: 8 }],
      });
      harness.fo.addFault({ kind, model: 'HubPostProductReceipt', times: 1 });
      const event = goodsReceipt(po, [[1, 'A0001', '8']], `R-${po}`, harness.source);
      await harness.publish([event]);
      expect(await outcomesOf(harness, outcomes, event.correlationId, 1)).toEqual([
        'failed_transient',
      ]);
      await redeliverRetryOf(harness, retries, event.correlationId);
      expect(await outcomesOf(harness, outcomes, event.correlationId, 2)).toEqual([
        'failed_transient',
        'succeeded',
      ]);
      expect(harness.fo.store.receipts.filter((r) => r.poNumber === po)).toHaveLength(1);
      expect(harness.fo.store.purchaseOrder('usmf', po)?.lines[0]?.received).toBe(8);
    },
  );

  it.each([
    ['the journal header', 'InventoryCountingJournalHeaders'],
    ['the journal line', 'InventoryCountingJournalLines'],
    ['the posting', 'HubPostCountingJournal'],
  ])(
    'a crash after F&O committed %s resumes on the same journal and posts once',
    async (_step, model) => {
      harness.fo.addFault({ kind: 'failAfterCommit', method: 'POST', model, times: 1 });
      const sku = model === 'HubPostCountingJournal' ? 'M0001' : 'A0001';
      const event = inventoryLevel(sku, String(100 + model.length), harness.source);
      await harness.publish([event]);
      expect(await outcomesOf(harness, outcomes, event.correlationId, 1)).toEqual([
        'failed_transient',
      ]);
      await redeliverRetryOf(harness, retries, event.correlationId);
      expect(await outcomesOf(harness, outcomes, event.correlationId, 2)).toEqual([
        'failed_transient',
        'succeeded',
      ]);
      const journals = journalsOf(event.correlationId);
      expect(journals.map((j) => [j.posted, j.lines.length])).toEqual([[true, 1]]);
      expect(
        harness.fo.store.postings.filter((n) => n === journals[0]?.journalNumber),
      ).toHaveLength(1);
      expect(harness.fo.store.onHandOf(sku, '11')).toBe(100 + model.length);
    },
  );
});
