/**
 * The write side end to end: canonical events on Kafka → the connector runtime → the SAP
 * adapter → the simulated S/4HANA, with outcomes and dead letters on Kafka. "Written once"
 * is counted in the simulator: documents created, differences posted, quantities booked.
 */
import { TopicCollector, eventually } from '@hub/testing';
import { deadLetterOf, outcomeNames } from '../testing/outcomes';
import { SapHarness } from '../testing/sap-harness';
import { seedPurchaseOrder, stockOf } from '../testing/sap-sim-fixture';

let harness: SapHarness;
let outcomes: TopicCollector;
let deadLetters: TopicCollector;
let retries: TopicCollector;

beforeAll(async () => {
  harness = await SapHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  deadLetters = await TopicCollector.start(harness.topics.deadLetter);
  retries = await TopicCollector.start(harness.topics.retry);
});
afterAll(async () => {
  await outcomes.stop();
  await deadLetters.stop();
  await retries.stop();
  await harness.close();
});
afterEach(() => {
  harness.sim.sap.clearFaults();
});

const posts = (model: string) =>
  harness.sim.sap.callsTo(model, 'POST').filter((c) => c.status < 300).length;

describe('connector-sap write side through Kafka', () => {
  it('sets stock with one physical inventory document; the same event three times posts once', async () => {
    const event = harness.level('TG11', '42', Date.now());
    await harness.publish([event, event, event]);
    expect(await outcomeNames(harness, outcomes, event.correlationId, 3)).toEqual([
      'succeeded',
      'duplicate',
      'duplicate',
    ]);
    expect(stockOf(harness.sim, 'TG11')).toBe(42);
    const documents = harness.sim.sap.store.physInventoryDocuments;
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      Plant: '1010',
      StorageLocation: '101A',
      PhysInvtryDocHasQtySnapshot: false,
    });
    expect(documents[0]?.PhysInventoryReferenceNumber).toMatch(/^H[0-9A-F]{15}$/);
    expect(posts('PostDifferences')).toBe(1);
  });

  it('counts zero with the zero indicator', async () => {
    const event = harness.level('TG11', '0', Date.now() + 1_000);
    await harness.publish([event]);
    expect(await outcomeNames(harness, outcomes, event.correlationId, 1)).toEqual(['succeeded']);
    expect(stockOf(harness.sim, 'TG11')).toBe(0);
    expect(
      harness.sim.sap.store.physInventoryDocuments.at(-1)?.items[0]?.PhysicalInventoryItemIsZero,
    ).toBe(true);
  });

  it('books a goods receipt as one material document (01 / 101, PO reference, hub reference, delivery note); three deliveries book once', async () => {
    const po = seedPurchaseOrder(harness.sim, [['TG12', 10]]);
    const event = harness.receipt(po, [[10, 'TG12', '6']], 'ASN-981');
    await harness.publish([event, event, event]);
    expect(await outcomeNames(harness, outcomes, event.correlationId, 3)).toEqual([
      'succeeded',
      'duplicate',
      'duplicate',
    ]);
    const documents = harness.sim.sap.store.materialDocuments.filter((d) =>
      d.items.some((i) => i.PurchaseOrder === po),
    );
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ GoodsMovementCode: '01', ReferenceDocument: 'ASN-981' });
    expect(documents[0]?.MaterialDocumentHeaderText).toMatch(/^HUB:[0-9A-F]{21}$/);
    expect(
      documents[0]?.items.map((i) => [
        i.GoodsMovementType,
        i.PurchaseOrderItem,
        i.QuantityInEntryUnit,
        i.EntryUnit,
      ]),
    ).toEqual([['101', '10', 6, 'PC']]);
    expect(
      harness.sim.sap.calls
        .filter((c) => c.model === 'A_MaterialDocumentHeader' && c.method === 'POST')
        .map((c) => c.repeatabilityRequestId),
    ).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  });

  it("dead-letters SAP's refusal with SAP's message text unchanged", async () => {
    const po = seedPurchaseOrder(harness.sim, [['TG12', 2]]);
    const event = harness.receipt(po, [[10, 'TG12', '5']], 'ASN-982');
    await harness.publish([event]);
    const letter = await deadLetterOf(harness, deadLetters, event.correlationId);
    expect(letter.payload.reason).toBe('permanent_failure');
    const failure = letter.payload.attempts.at(-1)?.failure;
    expect(failure).toMatchObject({ code: 'SAP_REFUSED', errorClass: 'permanent' });
    expect(failure?.message).toContain(
      `(M7/022): PO ${po} 00010 exceeded by 3 PC : TG12 1010 101A`,
    );
    expect(posts('A_MaterialDocumentHeader')).toBe(1);
  });

  it('a CSRF token that expires mid-stream is fetched again and the write succeeds, once', async () => {
    const before = harness.sim.sap.security.counts.csrfRefusals;
    const po = seedPurchaseOrder(harness.sim, [['TG13', 4]]);
    harness.sim.sap.security.expireNext = 1;
    const event = harness.receipt(po, [[10, 'TG13', '4']], 'ASN-983');
    await harness.publish([event]);
    expect(await outcomeNames(harness, outcomes, event.correlationId, 1)).toEqual(['succeeded']);
    expect(harness.sim.sap.security.counts.csrfRefusals - before).toBe(1);
    expect(
      harness.sim.sap.store.materialDocuments.filter((d) =>
        d.items.some((i) => i.PurchaseOrder === po),
      ),
    ).toHaveLength(1);
    const status = await harness.app.server.inject({ method: 'GET', url: '/status' });
    expect(status.json()).toMatchObject({ sap: { csrfRetries: 1, auth: 'basic' } });
  });

  it('keeps the newer level when an older one arrives after it (superseded), with no document for the older', async () => {
    const newer = harness.level('TG12', '9', Date.now());
    const older = harness.level('TG12', '3', Date.now() - 60_000);
    await harness.publish([newer]);
    expect(await outcomeNames(harness, outcomes, newer.correlationId, 1)).toEqual(['succeeded']);
    const documents = harness.sim.sap.store.physInventoryDocuments.length;
    await harness.publish([older]);
    expect(await outcomeNames(harness, outcomes, older.correlationId, 1)).toEqual(['superseded']);
    expect(stockOf(harness.sim, 'TG12')).toBe(9);
    expect(harness.sim.sap.store.physInventoryDocuments).toHaveLength(documents);
  });

  it('books two receipts of one PO item in either order, each once', async () => {
    const po = seedPurchaseOrder(harness.sim, [['TG11', 10]]);
    const first = harness.receipt(po, [[10, 'TG11', '4']], 'ASN-984');
    const second = harness.receipt(po, [[10, 'TG11', '6']], 'ASN-985');
    await harness.publish([second, first, second]);
    expect(await outcomeNames(harness, outcomes, second.correlationId, 2)).toEqual([
      'succeeded',
      'duplicate',
    ]);
    expect(await outcomeNames(harness, outcomes, first.correlationId, 1)).toEqual(['succeeded']);
    const item = harness.sim.sap.store.purchaseOrders.get(po)?.items[0];
    expect([item?.received, item?.IsCompletelyDelivered]).toEqual([10, true]);
  });

  it('sends writes to the retry topic while SAP is down, with the failure in the headers', async () => {
    harness.sim.sap.addFault({ kind: 'outage', mode: '503' });
    const event = harness.level('TG13', '7', Date.now());
    await harness.publish([event]);
    await eventually(
      () => retries.messages.some((m) => m.headers['hub-correlation-id'] === event.correlationId),
      () => `a retry of ${event.correlationId}`,
    );
    expect(
      retries.messages.find((m) => m.headers['hub-correlation-id'] === event.correlationId)
        ?.headers,
    ).toMatchObject({
      'hub-target': harness.system,
      'hub-attempt': '1',
      'hub-last-error-class': 'transient',
    });
  });

  it("keeps SAP's Retry-After of a 429 on the retry", async () => {
    harness.sim.sap.addFault({ kind: 'rateLimit', retryAfterSeconds: 30, times: 1 });
    const event = harness.level('TG13', '8', Date.now());
    const sent = Date.now();
    await harness.publish([event]);
    await eventually(
      () => retries.messages.some((m) => m.headers['hub-correlation-id'] === event.correlationId),
      () => `a retry of ${event.correlationId}`,
    );
    const headers =
      retries.messages.find((m) => m.headers['hub-correlation-id'] === event.correlationId)
        ?.headers ?? {};
    expect(Number(headers['hub-not-before'])).toBeGreaterThanOrEqual(sent + 30_000);
  });
});
