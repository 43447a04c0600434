/**
 * The demo's story as tests, against the whole hub running as processes: each step's
 * checks (quantities, exactly-once deliveries, validated receipts, breaker, loops) must hold.
 */
import {
  deadLetterStep,
  goodsReceiptStep,
  incidentStep,
  inventoryLevelsStep,
  outageStep,
  purchaseOrderStep,
} from '@hub/demo';
import { duplicateDelivery, killConnectorMidBatch, rateLimitStorm } from './faults';
import { crashAfterAcceptance, outOfOrder } from './faults-ordering';
import { failedChecks, useHub } from './hub-fixture';

const stepTimeoutMs = 150_000;

const fixture = useHub();

describe('the story, end to end', () => {
  it(
    '50 SKU levels from the WMS: Odoo quantities match',
    async () => {
      const report = await inventoryLevelsStep(fixture.world());
      expect(failedChecks(report)).toEqual([]);
    },
    stepTimeoutMs,
  );

  it(
    'WMS batches racing ERP adjustments: refused as reverse-direction writes, no loop, Odoo equals WMS',
    async () => {
      const report = await incidentStep(fixture.world());
      expect(failedChecks(report)).toEqual([]);
    },
    stepTimeoutMs,
  );

  it(
    'Odoo confirms a PO (notified 3 times): the WMS receives it exactly once',
    async () => {
      const report = await purchaseOrderStep(fixture.world());
      expect(failedChecks(report)).toEqual([]);
    },
    stepTimeoutMs,
  );

  it(
    'WMS goods receipt: the Odoo receipt is validated with the received quantities',
    async () => {
      const report = await goodsReceiptStep(fixture.world());
      expect(failedChecks(report)).toEqual([]);
    },
    stepTimeoutMs,
  );

  it(
    'Odoo inventory outage: writes wait behind the breaker, POs keep flowing, backlog drains once',
    async () => {
      const report = await outageStep(fixture.world());
      expect(failedChecks(report)).toEqual([]);
    },
    stepTimeoutMs,
  );
  it(
    'receipt for an unknown PO: dead letter, PO created, retried through the reviewer, resolved',
    async () => {
      const report = await deadLetterStep(fixture.world());
      expect(failedChecks(report)).toEqual([]);
    },
    stepTimeoutMs,
  );
});

describe('faults', () => {
  it('the same WMS webhook delivered 3 times gives one Odoo write', async () => {
    const result = await duplicateDelivery(fixture.world());
    expect(result.statuses).toEqual([202, 202, 202]);
    expect([result.succeeded, result.duplicates]).toEqual([1, 2]);
    // What Odoo did: one apply, and it booked the level.
    expect(result.applies).toBe(1);
    expect(result.left).toEqual([]);
  }, 120_000);

  it('kill -9 of connector-odoo mid-batch, restart: nothing lost, nothing twice, Odoo equals WMS', async () => {
    const result = await killConnectorMidBatch(fixture.world());
    expect(result.accepted).toBe(50);
    expect(result.appliedAtKill).toBeLessThan(50);
    // What Odoo did: every SKU holds its new level, in 50 applies: each applied exactly once.
    expect(result.left).toEqual([]);
    expect(result.applies).toBe(50);
  }, 180_000);

  it('a 429 storm with Retry-After: writes wait at least that long, then land once', async () => {
    const result = await rateLimitStorm(fixture.world(), 2);
    expect(result.left).toEqual([]);
    expect(result.retries).toBeGreaterThanOrEqual(1);
    expect(result.seconds).toBeGreaterThanOrEqual(2);
    // Land once: all 8 SKUs hold their new level, in 8 applies by Odoo (429s apply nothing).
    expect(result.applies).toBe(8);
  }, 120_000);

  it('out-of-order deliveries: the older level is superseded, Odoo keeps the newer', async () => {
    const result = await outOfOrder(fixture.world());
    expect(result.statuses).toEqual([202, 202]);
    expect(result.superseded).toBe(1);
    expect(result.quantities).toEqual([222]);
    // Odoo applied the newer level only: the older never reached it.
    expect(result.applies).toBe(1);
  }, 120_000);

  it('crash between Odoo accepting a receipt and the hub recording it: validated once', async () => {
    const result = await crashAfterAcceptance(fixture.world());
    expect(result.status).toBe(202);
    expect(result.retries).toBeGreaterThanOrEqual(1);
    expect(result.validates).toBe(1);
    expect(result.donePickings).toBe(1);
    expect(result.received).toEqual([9]);
  }, 120_000);
});
