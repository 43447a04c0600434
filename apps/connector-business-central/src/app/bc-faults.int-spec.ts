/**
 * Business Central failing the way the real one does, through Kafka: the answer lost after
 * BC committed (500 after commit, dropped connection) is found again by its reference and
 * never written twice; a 429 storm is retried with Retry-After kept as hub-not-before,
 * each write lands once and the requests stay bounded; BC down is transient.
 */
import { eventually } from '@hub/testing';
import { BcHarness, bcSim } from '../testing/bc-harness';
import { receiptNumberOf } from '../write/receive-goods';

describe('connector-business-central against a failing Business Central', () => {
  let harness: BcHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('500 after receiveOnly committed: the redelivery finds the posted receipt, no second receipt', async () => {
    harness = await BcHarness.start(bcSim());
    const order = harness.bc.addPurchaseOrder('CRONUS', {
      lines: [{ item: '1896-S', quantity: 10, location: 'MAIN' }],
    });
    harness.bc.faults.add({ kind: 'failAfterCommit', method: 'receiveOnly', times: 1 });
    const event = harness.receipt(order.number, [[10000, '1896-S', '3']]);
    await harness.publish([event]);
    const [first] = await harness.outcomes(1);
    expect([first?.outcome, first?.failure?.httpStatus]).toEqual(['failed_transient', 500]);
    await harness.redeliver(await harness.retries(1));
    const outcomes = await harness.outcomes(2);
    expect(outcomes[1]?.outcome).toMatch(/^(succeeded|duplicate)$/);
    expect(harness.bc.company('CRONUS').receipts).toHaveLength(1);
    expect(harness.bc.requests.filter((r) => r.endsWith('/receiveOnly'))).toHaveLength(1);
    expect(order.lines[0]?.receivedQuantity).toBe(3);
  });

  it('connection dropped after setInventory committed: the redelivery finds the write, nothing posted twice', async () => {
    harness = await BcHarness.start(bcSim());
    harness.bc.faults.add({ kind: 'dropAfterCommit', method: 'setInventory', times: 1 });
    const event = harness.level('1896-S', '9');
    await harness.publish([event]);
    const [first] = await harness.outcomes(1);
    expect(first?.outcome).toBe('failed_transient');
    await harness.redeliver(await harness.retries(1));
    const outcomes = await harness.outcomes(2);
    expect(outcomes[1]?.outcome).toMatch(/^(succeeded|duplicate)$/);
    const company = harness.bc.company('CRONUS');
    expect(company.inventoryWrites).toHaveLength(1);
    expect(harness.bc.requests.filter((r) => r.endsWith('/setInventory'))).toHaveLength(1);
    expect(harness.bc.onHand('CRONUS', '1896-S', 'MAIN')).toBe(9);
  });

  it('a write that timed out and lands late, after a newer level, does not set the older quantity', async () => {
    // BC goes on with a request its caller gave up on: the older level arrives after the newer one.
    harness = await BcHarness.start(bcSim(), { BC_TIMEOUT: '1s' });
    harness.bc.faults.add({ kind: 'latency', latencyMs: 2_500, method: 'setInventory', times: 1 });
    const countedAt = Date.now() - 60_000;
    await harness.publish([harness.level('1896-S', '10', 'MAIN', countedAt)]);
    const [timedOut] = await harness.outcomes(1);
    await harness.publish([harness.level('1896-S', '20', 'MAIN', countedAt + 1_000)]);
    const [, newer] = await harness.outcomes(2);
    const company = harness.bc.company('CRONUS');
    await eventually(
      () => company.inventoryWrites.length === 2,
      () => `the late write never landed: ${String(company.inventoryWrites.length)} writes`,
      5_000,
    );
    await harness.redeliver(await harness.retries(1));
    const [, , redelivered] = await harness.outcomes(3);
    // The redelivery is older than what BC holds now: superseded (or found, as a duplicate).
    const late = redelivered?.outcome === 'duplicate' ? 'superseded' : redelivered?.outcome;
    expect({
      outcomes: [timedOut?.outcome, newer?.outcome, late],
      onHand: harness.bc.onHand('CRONUS', '1896-S', 'MAIN'),
      writes: company.inventoryWrites.map((w) => [w.quantity, w.adjustment]),
    }).toEqual({
      outcomes: ['failed_transient', 'succeeded', 'superseded'],
      onHand: 20,
      writes: [
        [20, 16],
        [10, 0],
      ],
    });
  });

  it('a receipt post that timed out and lands late, after another receipt set the lines, books its own quantities', async () => {
    harness = await BcHarness.start(bcSim(), { BC_TIMEOUT: '1s' });
    const order = harness.bc.addPurchaseOrder('CRONUS', {
      lines: [{ item: '1896-S', quantity: 10, location: 'MAIN' }],
    });
    harness.bc.faults.add({ kind: 'latency', latencyMs: 2_500, method: 'receiveOnly', times: 1 });
    const first = harness.receipt(order.number, [[10000, '1896-S', '3']]);
    await harness.publish([first]);
    await harness.outcomes(1);
    await harness.publish([harness.receipt(order.number, [[10000, '1896-S', '5']])]);
    await harness.outcomes(2);
    const company = harness.bc.company('CRONUS');
    // The late post has run (or been refused) by the time it has waited out its latency.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await harness.redeliver(await harness.retries(1));
    await harness.outcomes(3);
    const booked = company.receipts.map((receipt) => [
      receipt.number === receiptNumberOf(first.correlationId) ? 'first' : 'second',
      receipt.lines.reduce((sum, line) => sum + line.quantity, 0),
    ]);
    expect({ booked: booked.sort(), received: order.lines[0]?.receivedQuantity }).toEqual({
      booked: [
        ['first', 3],
        ['second', 5],
      ],
      received: 8,
    });
  });

  it('a 429 storm: retried after Retry-After, every level written once, requests bounded', async () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ number: `ITEM-${i}` }));
    const bc = bcSim({ rateLimit: { requests: 8, windowMs: 1_000 } });
    for (const item of items)
      bc.store.companies[0]?.items.push(
        bc.store.entity({
          number: item.number,
          displayName: item.number,
          baseUnitOfMeasureCode: 'PCS',
          unitPrice: 1,
        }),
      );
    // A short breaker cool-down: the storm may open it, and its hub-not-before is what the test waits for.
    harness = await BcHarness.start(bc, { CONNECTOR_BREAKER_COOL_DOWN: '1s' });
    const started = harness.bc.requests.length;
    const bench = harness;
    const events = items.map((item, i) => bench.level(item.number, String(i + 1)));
    await harness.publish(events);
    const seen = new Set<string>();
    const throttled: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const outcomes = await harness.outcomes(events.length + seen.size);
      if (outcomes.filter((o) => o.outcome === 'succeeded').length === events.length) break;
      const fresh = (await harness.retries(seen.size + 1)).filter(
        (m) => !seen.has(`${m.partition}:${m.offset}`),
      );
      for (const m of fresh) seen.add(`${m.partition}:${m.offset}`);
      for (const m of fresh) {
        const history = JSON.parse(m.headers['hub-history'] ?? '[]') as {
          at: number;
          httpStatus?: number;
        }[];
        const last = history[history.length - 1];
        // BC's Retry-After (1 s here) is kept as the retry's hub-not-before.
        if (last?.httpStatus === 429) throttled.push(Number(m.headers['hub-not-before']) - last.at);
      }
      const notBefore = fresh.map((m) => Number(m.headers['hub-not-before'] ?? Date.now() + 200));
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Math.max(...notBefore) - Date.now())),
      );
      await harness.redeliver(fresh);
    }
    const redelivered = seen.size;
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((waited) => waited >= 1_000)).toBe(true);
    const company = harness.bc.company('CRONUS');
    expect(new Set(company.inventoryWrites.map((w) => w.hubReference)).size).toBe(events.length);
    expect(company.inventoryWrites).toHaveLength(events.length);
    expect(items.map((item) => harness?.bc.onHand('CRONUS', item.number, 'MAIN'))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    const refused = [...harness.bc.throttle.refused.values()].reduce((a, b) => a + b, 0);
    expect(refused).toBeGreaterThan(0);
    // Bounded: each event costs a lookup and a write, plus a findPriorWrite per redelivery; a 429 is never hammered.
    expect(refused).toBeLessThanOrEqual(redelivered + events.length);
    expect(harness.bc.requests.length - started).toBeLessThanOrEqual(
      events.length * 2 + redelivered * 3 + 4,
    );
  });

  it('Business Central down (503): transient, kept for the retry scheduler', async () => {
    harness = await BcHarness.start(bcSim());
    harness.bc.faults.add({ kind: 'outage', mode: '503', times: 20 });
    await harness.publish([harness.level('1896-S', '2')]);
    const [outcome] = await harness.outcomes(1);
    expect([outcome?.outcome, outcome?.failure?.httpStatus]).toEqual(['failed_transient', 503]);
    const [retry] = await harness.retries(1);
    expect(retry?.headers['hub-correlation-id']).toBeDefined();
    expect(harness.bc.company('CRONUS').inventoryWrites).toEqual([]);
  });
});
