/**
 * The write side end to end: canonical events on Kafka → the connector runtime → the F&O
 * adapter → the simulated F&O (token from the simulated Entra ID through msal-node), with
 * outcomes and dead letters on Kafka. "Written once" counts what the simulator holds.
 */
import { goodsReceipt, inventoryLevel } from '../testing/fixtures';
import { FoHarness } from '../testing/fo-harness';
import { deadLetterOf, outcomesOf } from '../testing/outcomes';
import { TopicCollector } from '@hub/testing';

let harness: FoHarness;
let outcomes: TopicCollector;
let dlq: TopicCollector;

const journalsOf = (correlationId: string) =>
  harness.fo.store.journals.filter((j) => j.description === correlationId);
const receiptsOf = (po: string) => harness.fo.store.receipts.filter((r) => r.poNumber === po);

beforeAll(async () => {
  harness = await FoHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  dlq = await TopicCollector.start(harness.topics.deadLetter);
});
afterAll(async () => {
  await outcomes.stop();
  await dlq.stop();
  await harness.close();
});

describe('connector-dynamics-finance write side through Kafka', () => {
  it('posts a counting journal with the absolute count; the same event three times writes once', async () => {
    const event = inventoryLevel('A0001', '42', harness.source);
    await harness.publish([event, event, event]);
    expect(await outcomesOf(harness, outcomes, event.correlationId, 3)).toEqual([
      'succeeded',
      'duplicate',
      'duplicate',
    ]);
    expect(harness.fo.store.onHandOf('A0001', '11')).toBe(42);
    const journals = journalsOf(event.correlationId);
    expect(journals.map((j) => [j.posted, j.lines.length, j.lines[0]?.countedQuantity])).toEqual([
      [true, 1, 42],
    ]);
    expect(harness.fo.store.postings.filter((n) => n === journals[0]?.journalNumber)).toHaveLength(
      1,
    );
  });

  it('sets the level, not adds to it: a later count of 7 leaves 7 on hand', async () => {
    const first = inventoryLevel('A0002', '10', harness.source, Date.now() - 1000);
    const second = inventoryLevel('A0002', '7', harness.source);
    await harness.publish([first]);
    await outcomesOf(harness, outcomes, first.correlationId, 1);
    await harness.publish([second]);
    expect(await outcomesOf(harness, outcomes, second.correlationId, 1)).toEqual(['succeeded']);
    expect(harness.fo.store.onHandOf('A0002', '11')).toBe(7);
  });

  it('posts one product receipt of a confirmed order; three deliveries post it once', async () => {
    harness.fo.seedPurchaseOrder({
      number: 'PO-W-1',
      approval: 'Confirmed',
      lines: [
        { itemNumber: 'A0001', quantity: 10 },
        { itemNumber: 'A0002', quantity: 4 },
      ],
    });
    const event = goodsReceipt(
      'PO-W-1',
      [
        [1, 'A0001', '6'],
        [2, 'A0002', '4'],
      ],
      'R-W-1',
      harness.source,
    );
    await harness.publish([event, event, event]);
    expect(await outcomesOf(harness, outcomes, event.correlationId, 3)).toEqual([
      'succeeded',
      'duplicate',
      'duplicate',
    ]);
    const receipts = receiptsOf('PO-W-1');
    expect(receipts.map((r) => r.lines.map((l) => [l.lineNumber, l.quantity]))).toEqual([
      [
        [1, 6],
        [2, 4],
      ],
    ]);
    expect(harness.fo.store.purchaseOrder('usmf', 'PO-W-1')?.lines.map((l) => l.received)).toEqual([
      6, 4,
    ]);
  });

  it('dead-letters a receipt for an unknown purchase order with a readable reason', async () => {
    const event = goodsReceipt('PO-MISSING', [[1, 'A0001', '1']], 'R-W-2', harness.source);
    await harness.publish([event]);
    const letter = await deadLetterOf(harness, dlq, event.correlationId);
    expect(letter.reason).toBe('permanent_failure');
    expect(letter.attempts.at(-1)?.failure).toMatchObject({
      code: 'FO_UNKNOWN_PO',
      errorClass: 'permanent',
      message: `Purchase order PO-MISSING does not exist in F&O ${harness.system} (legal entity usmf); receipt R-W-2 cannot be matched`,
    });
  });

  it("dead-letters what F&O refuses with F&O's own Infolog text kept (AxODataWriteException)", async () => {
    const event = inventoryLevel('NO-SUCH-ITEM', '3', harness.source);
    await harness.publish([event]);
    const letter = await deadLetterOf(harness, dlq, event.correlationId);
    expect(letter.attempts.at(-1)?.failure).toMatchObject({
      code: 'FO_WRITE_REFUSED',
      errorClass: 'permanent',
    });
    expect(letter.attempts.at(-1)?.failure.message).toContain(
      "Write failed for table row of type 'InventInventoryCountingJournalLineEntity'. Infolog: Error: Item number NO-SUCH-ITEM does not exist.",
    );
  });

  it('dead-letters an over-delivery the shipped action refuses, nothing booked', async () => {
    harness.fo.seedPurchaseOrder({
      number: 'PO-W-3',
      approval: 'Confirmed',
      lines: [{ itemNumber: 'A0001', quantity: 2 }],
    });
    const event = goodsReceipt('PO-W-3', [[1, 'A0001', '5']], 'R-W-3', harness.source);
    await harness.publish([event]);
    const letter = await deadLetterOf(harness, dlq, event.correlationId);
    expect(letter.attempts.at(-1)?.failure).toMatchObject({ code: 'FO_ACTION_REFUSED' });
    expect(letter.attempts.at(-1)?.failure.message).toContain('Over delivery of line 1');
    expect(receiptsOf('PO-W-3')).toEqual([]);
  });

  it('renews the token once when F&O answers 401 (token revoked), and the write goes through', async () => {
    const issued = harness.fo.entra.tokensIssued;
    harness.fo.entra.revokeAll();
    const event = inventoryLevel('M0001', '5', harness.source);
    await harness.publish([event]);
    expect(await outcomesOf(harness, outcomes, event.correlationId, 1)).toEqual(['succeeded']);
    expect(harness.fo.entra.tokensIssued).toBe(issued + 1);
    expect(harness.fo.store.onHandOf('M0001', '11')).toBe(5);
  });

  it('used one token per renewal for every call and sends no invented deduplication header', () => {
    expect(harness.fo.entra.tokensIssued).toBe(2);
    expect(harness.fo.requests.length).toBeGreaterThan(10);
    const headerNames = new Set(harness.fo.requests.flatMap((r) => r.headers));
    expect(headerNames).toContain('authorization');
    expect([...headerNames].filter((name) => name.includes('dedup'))).toEqual([]);
  });
});
