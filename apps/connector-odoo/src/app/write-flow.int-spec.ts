/**
 * The write side end to end: canonical events on Kafka → the connector runtime → the Odoo
 * adapter → the simulated Odoo, with outcomes, retries and dead letters on Kafka.
 */
import type { DeadLetterEvent, DeliveryOutcomeEvent } from '@hub/contracts';
import { goodsReceipt, inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { onHand, seedConfirmedOrder } from '../testing/odoo-sim-fixture';
import { TopicCollector, eventually } from '@hub/connector-testing';

let harness: ConnectorHarness;
let outcomes: TopicCollector;

async function outcomesFor(
  correlationId: string,
): Promise<DeliveryOutcomeEvent['payload']['outcome'][]> {
  const mine = outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
  const decoded = await Promise.all(mine.map((m) => harness.decode(m.value)));
  return decoded.map((event) => (event as unknown as DeliveryOutcomeEvent).payload.outcome);
}

async function waitForOutcomes(correlationId: string, count: number): Promise<string[]> {
  await eventually(
    () =>
      outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId).length >=
      count,
    () =>
      `${count} outcome(s) for ${correlationId}, got ${outcomes.messages.length} outcomes in all`,
  );
  return outcomesFor(correlationId);
}

beforeAll(async () => {
  harness = await ConnectorHarness.start();
  outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
});
afterAll(async () => {
  await outcomes.stop();
  await harness.close();
});

describe('connector-odoo write side through Kafka', () => {
  it('applies an inventory level to the quant; the same event three times writes once', async () => {
    const event = inventoryLevel('SKU-1001', '42', Date.now(), harness.source);
    harness.sim.odoo.resetCalls();
    await harness.publish([event, event, event]);
    expect(await waitForOutcomes(event.correlationId, 3)).toEqual([
      'succeeded',
      'duplicate',
      'duplicate',
    ]);
    expect(onHand(harness.sim, 'SKU-1001')).toBe(42);
    expect(harness.sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(1);
  });

  it('keeps the newer level when an older one arrives after it (superseded)', async () => {
    const newer = inventoryLevel('SKU-1002', '9', Date.now(), harness.source);
    const older = inventoryLevel('SKU-1002', '3', Date.now() - 60_000, harness.source);
    await harness.publish([newer]);
    await waitForOutcomes(newer.correlationId, 1);
    await harness.publish([older]);
    expect(await waitForOutcomes(older.correlationId, 1)).toEqual(['superseded']);
    expect(onHand(harness.sim, 'SKU-1002')).toBe(9);
  });

  it('validates the receipt of a confirmed PO with the quantities received', async () => {
    seedConfirmedOrder(harness.sim, 'PO-K-1', [['SKU-1001', 10]]);
    const event = goodsReceipt('PO-K-1', [[1, 'SKU-1001', '10']], 'R-K-1', harness.source);
    await harness.publish([event]);
    expect(await waitForOutcomes(event.correlationId, 1)).toEqual(['succeeded']);
    const [picking] = harness.sim.odoo.records('stock.picking', [['origin', '=', 'PO-K-1']]);
    expect(picking).toMatchObject({ state: 'done', x_hub_correlation_id: event.correlationId });
    const moves = harness.sim.odoo.records('stock.move', [['picking_id', '=', picking?.id ?? 0]]);
    expect(moves.map((m) => [m.quantity, m.picked, m.state])).toEqual([[10, true, 'done']]);
  });

  it('dead-letters a receipt for an unknown PO with a readable reason', async () => {
    const dlq = await TopicCollector.start(harness.topics.deadLetter);
    try {
      const event = goodsReceipt('PO-MISSING', [[1, 'SKU-1001', '1']], 'R-K-2', harness.source);
      await harness.publish([event]);
      await eventually(
        () => dlq.messages.some((m) => m.headers['hub-correlation-id'] === event.correlationId),
        () => `a dead letter for ${event.correlationId}`,
      );
      const message = dlq.messages.find(
        (m) => m.headers['hub-correlation-id'] === event.correlationId,
      );
      const letter = (await harness.decode(message?.value ?? null)) as unknown as DeadLetterEvent;
      expect(letter.payload.reason).toBe('permanent_failure');
      expect(letter.payload.attempts.at(-1)?.failure).toMatchObject({
        code: 'ODOO_UNKNOWN_PO',
        errorClass: 'permanent',
        message: `Purchase order PO-MISSING does not exist in Odoo ${harness.system}; receipt R-K-2 cannot be matched`,
      });
    } finally {
      await dlq.stop();
    }
  });

  it('500 after Odoo committed the validation: retried, found by its reference, never validated twice', async () => {
    const retries = await TopicCollector.start(harness.topics.retry);
    try {
      seedConfirmedOrder(harness.sim, 'PO-K-3', [['SKU-1002', 5]]);
      const event = goodsReceipt('PO-K-3', [[1, 'SKU-1002', '5']], 'R-K-3', harness.source);
      harness.sim.odoo.resetCalls();
      harness.sim.odoo.addFault({
        kind: 'failAfterCommit',
        model: 'stock.picking',
        method: 'button_validate',
        times: 1,
      });
      await harness.publish([event]);
      expect(await waitForOutcomes(event.correlationId, 1)).toEqual(['failed_transient']);
      await eventually(
        () => retries.messages.length > 0,
        () => 'a message on the retry topic',
      );
      await harness.redeliver(retries.messages);
      expect(await waitForOutcomes(event.correlationId, 2)).toEqual([
        'failed_transient',
        'succeeded',
      ]);
      expect(harness.sim.odoo.callCount('stock.picking', 'button_validate')).toBe(1);
      const done = harness.sim.odoo.records('stock.picking', [
        ['origin', '=', 'PO-K-3'],
        ['state', '=', 'done'],
      ]);
      expect(done).toHaveLength(1);
    } finally {
      await retries.stop();
    }
  });

  it('sends writes to the retry topic while Odoo is down, with the failure in the headers', async () => {
    const retries = await TopicCollector.start(harness.topics.retry);
    try {
      harness.sim.odoo.addFault({ kind: 'outage', mode: '503' });
      const event = inventoryLevel('SKU-1001', '7', Date.now(), harness.source);
      await harness.publish([event]);
      await eventually(
        () => retries.messages.some((m) => m.headers['hub-correlation-id'] === event.correlationId),
        () => `a retry of ${event.correlationId}`,
      );
      const retry = retries.messages.find(
        (m) => m.headers['hub-correlation-id'] === event.correlationId,
      );
      expect(retry?.headers).toMatchObject({
        'hub-target': harness.system,
        'hub-attempt': '1',
        'hub-last-error-class': 'transient',
      });
    } finally {
      harness.sim.odoo.clearFaults();
      await retries.stop();
    }
  });
});
