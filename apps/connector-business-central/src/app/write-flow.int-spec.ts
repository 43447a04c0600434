/**
 * The write path through Kafka against the BC simulator: inventory levels set through the
 * extension (once per correlation id, however often delivered), goods receipts posted
 * receive-only (one receipt per correlation id, counted in the simulator), an
 * over-receipt dead-lettered before any write, a stale ETag re-read and re-applied once.
 */
import { BcHarness, bcSim } from '../testing/bc-harness';

describe('connector-business-central writes through Kafka', () => {
  let harness: BcHarness;
  beforeEach(async () => {
    harness = await BcHarness.start(bcSim());
  });
  afterEach(() => harness.close());

  it('sets on-hand once for an inventory level delivered three times', async () => {
    const event = harness.level('1896-S', '11');
    await harness.publish([event]);
    await harness.publish([event, event]);
    const outcomes = await harness.outcomes(3);
    expect(outcomes.map((o) => [o.outcome, o.failure?.code ?? null])).toEqual([
      ['succeeded', null],
      ['duplicate', null],
      ['duplicate', null],
    ]);
    const company = harness.bc.company('CRONUS');
    expect(harness.bc.onHand('CRONUS', '1896-S', 'MAIN')).toBe(11);
    // What BC really did: one write recorded, one adjustment entry of +7 (4 → 11).
    expect(company.inventoryWrites.map((w) => [w.hubReference, w.adjustment])).toEqual([
      [event.correlationId, 7],
    ]);
    expect(
      company.ledger.filter((e) => e.documentNumber === '1896-S').map((e) => e.quantity),
    ).toEqual([7]);
  });

  it('posts one receive-only receipt for a goods receipt delivered three times', async () => {
    const order = harness.bc.addPurchaseOrder('CRONUS', {
      lines: [
        { item: '1896-S', quantity: 10, location: 'MAIN' },
        { item: '1900-S', quantity: 5, location: 'MAIN' },
      ],
    });
    const event = harness.receipt(order.number, [[10000, '1896-S', '4']]);
    await harness.publish([event, event, event]);
    const outcomes = await harness.outcomes(3);
    expect(outcomes.map((o) => [o.outcome, o.failure?.code ?? null])).toEqual([
      ['succeeded', null],
      ['duplicate', null],
      ['duplicate', null],
    ]);
    const company = harness.bc.company('CRONUS');
    expect(
      company.receipts.map((r) => [
        r.orderNumber,
        r.lines.map((l) => [l.lineObjectNumber, l.quantity]),
      ]),
    ).toEqual([[order.number, [['1896-S', 4]]]]);
    // Receive only: the other line received nothing, nothing was invoiced, 4 booked once.
    expect(order.lines.map((l) => l.receivedQuantity)).toEqual([4, 0]);
    expect(harness.bc.onHand('CRONUS', '1896-S', 'MAIN')).toBe(8);
    expect(harness.bc.requests.filter((r) => r.endsWith('/receiveOnly'))).toHaveLength(1);
  });

  it('dead-letters an over-receipt once, before any write', async () => {
    const order = harness.bc.addPurchaseOrder('CRONUS', {
      lines: [{ item: '1896-S', quantity: 3, location: 'MAIN' }],
    });
    const event = harness.receipt(order.number, [[10000, '1896-S', '5']]);
    await harness.publish([event]);
    const [outcome] = await harness.outcomes(1);
    expect([outcome?.outcome, outcome?.failure?.code]).toEqual([
      'failed_permanent',
      'BC_OVER_RECEIPT',
    ]);
    const [dead] = await harness.deadLetters(1);
    expect(dead?.headers['hub-correlation-id']).toBe(event.correlationId);
    expect(outcome?.failure?.message).toMatch(
      /over-receives purchase order .*received 5, outstanding 3/,
    );
    expect(
      harness.bc.requests.filter((r) => r.startsWith('PATCH') || r.startsWith('POST')),
    ).toEqual([]);
    expect(harness.bc.company('CRONUS').receipts).toEqual([]);
  });

  it('re-reads and re-applies once when another user changed a line (stale ETag)', async () => {
    const order = harness.bc.addPurchaseOrder('CRONUS', {
      lines: [{ item: '1896-S', quantity: 10, location: 'MAIN' }],
    });
    harness.bc.concurrentEdits(1);
    await harness.publish([harness.receipt(order.number, [[10000, '1896-S', '6']])]);
    const [outcome] = await harness.outcomes(1);
    expect(outcome?.outcome).toBe('succeeded');
    const patches = harness.bc.requests.filter((r) => r.startsWith('PATCH'));
    const reads = harness.bc.requests.filter((r) => r === 'GET purchaseOrders');
    expect([patches.length, reads.length]).toEqual([2, 2]);
    expect(harness.bc.company('CRONUS').receipts.map((r) => r.lines[0]?.quantity)).toEqual([6]);
  });

  it('sets several lines in one $batch (snapshot isolation); a stale ETag rolls it back, re-read, re-applied once', async () => {
    const order = harness.bc.addPurchaseOrder('CRONUS', {
      lines: [
        { item: '1896-S', quantity: 10, location: 'MAIN' },
        { item: '1900-S', quantity: 5, location: 'MAIN' },
      ],
    });
    harness.bc.concurrentEdits(1);
    await harness.publish([
      harness.receipt(order.number, [
        [10000, '1896-S', '2'],
        [20000, '1900-S', '5'],
      ]),
    ]);
    const [outcome] = await harness.outcomes(1);
    expect(outcome?.outcome).toBe('succeeded');
    const calls = harness.bc.requests.filter(
      (r) => r.includes('$batch') || r.startsWith('PATCH') || r === 'GET purchaseOrders',
    );
    expect(calls).toEqual([
      'GET purchaseOrders',
      'POST $batch',
      'GET purchaseOrders',
      'POST $batch',
    ]);
    expect(order.lines.map((l) => l.receivedQuantity)).toEqual([2, 5]);
    expect(harness.bc.company('CRONUS').receipts).toHaveLength(1);
  });
});
