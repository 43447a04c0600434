/**
 * The Odoo adapters against the ERP simulator over each transport, without Kafka: what
 * the runtime calls (apply, findPriorWrite, fetch, sweep) does the right thing in Odoo.
 */
import type { WriteContext } from '@hub/connector-runtime';
import type { SourceNotificationEvent } from '@hub/contracts';
import type { ErpSimulator } from '@hub/erp-simulator';
import { goodsReceipt, inventoryLevel } from '../testing/canonical-fixtures';
import {
  odooSettingsFor,
  onHand,
  seedConfirmedOrder,
  startOdooSim,
} from '../testing/odoo-sim-fixture';
import { createOdooAdapters, type OdooAdapters } from './odoo-adapters';

const signal = new AbortController().signal;
let counter = 0;
const context = (): WriteContext => ({
  correlationId: `c1-test${String(++counter).padStart(28, '0')}`,
  attempt: 1,
  signal,
});

const level = (sku: string, quantityOnHand: string) => inventoryLevel(sku, quantityOnHand);
const receipt = (poNumber: string, lines: [number, string, string][]) =>
  goodsReceipt(poNumber, lines);

describe.each(['json-rpc', 'json-2', 'xml-rpc'])('Odoo adapters over %s', (protocol) => {
  let sim: ErpSimulator;
  let adapters: OdooAdapters;

  beforeAll(async () => {
    sim = await startOdooSim();
    adapters = createOdooAdapters(odooSettingsFor(sim, protocol), 'odoo');
  });
  afterAll(async () => {
    await sim.close();
  });

  it('sets the on-hand quantity of an existing and of a new quant', async () => {
    const first = context();
    await expect(adapters.write.apply(level('SKU-1001', '42.5'), first)).resolves.toMatchObject({
      targetReference: expect.stringMatching(/^stock\.quant\/\d+$/) as unknown,
    });
    expect(onHand(sim, 'SKU-1001')).toBe(42.5);
    await expect(
      adapters.write.findPriorWrite(level('SKU-1001', '42.5'), first),
    ).resolves.toBeDefined();
    await expect(
      adapters.write.findPriorWrite(level('SKU-1001', '42.5'), context()),
    ).resolves.toBeUndefined();
    await adapters.write.apply(level('SKU-1002', '7'), context());
    expect(onHand(sim, 'SKU-1002')).toBe(7);
  });

  it('refuses an unknown SKU as permanent', async () => {
    await expect(adapters.write.apply(level('SKU-NOPE', '1'), context())).rejects.toMatchObject({
      code: 'ODOO_UNKNOWN_PRODUCT',
      retriable: false,
    });
  });

  it('validates a partial receipt with a backorder for the rest', async () => {
    const poNumber = `PO-${protocol}-1`;
    seedConfirmedOrder(sim, poNumber, [
      ['SKU-1001', 10],
      ['SKU-1002', 4],
    ]);
    const ctx = context();
    const event = receipt(poNumber, [[1, 'SKU-1001', '6']]);
    const result = await adapters.write.apply(event, ctx);
    const picking = sim.odoo.records('stock.picking', [
      ['name', '=', result.targetReference ?? ''],
    ])[0];
    expect(picking).toMatchObject({ state: 'done', x_hub_correlation_id: ctx.correlationId });
    const backorders = sim.odoo.records('stock.picking', [['backorder_id', '=', picking?.id ?? 0]]);
    expect(backorders).toHaveLength(1);
    await expect(adapters.write.findPriorWrite(event, ctx)).resolves.toEqual(result);
  });

  it('refuses an unknown PO and an over-receipt with readable reasons', async () => {
    await expect(
      adapters.write.apply(receipt('PO-404', [[1, 'SKU-1001', '1']]), context()),
    ).rejects.toMatchObject({
      code: 'ODOO_UNKNOWN_PO',
      message:
        'Purchase order PO-404 does not exist in Odoo odoo; receipt R-PO-404 cannot be matched',
    });
    const poNumber = `PO-${protocol}-2`;
    seedConfirmedOrder(sim, poNumber, [['SKU-1001', 2]]);
    await expect(
      adapters.write.apply(receipt(poNumber, [[1, 'SKU-1001', '3']]), context()),
    ).rejects.toMatchObject({
      code: 'ODOO_OVER_RECEIPT',
    });
  });

  it('reads a confirmed PO for a notification, and finds it in a sweep', async () => {
    const poNumber = `PO-${protocol}-3`;
    const id = seedConfirmedOrder(sim, poNumber, [['SKU-1002', 3]]);
    const resource = `purchase.order/${id}`;
    const notification = {
      entityType: 'purchase-order',
      payload: { resource, changeKind: 'updated' },
    } as unknown as SourceNotificationEvent;
    const fetched = await adapters.read.fetch(notification, signal);
    expect(fetched).toMatchObject({
      kind: 'found',
      records: [
        {
          sourceRecordId: resource,
          payload: { poNumber, supplierId: 'V-300', status: 'confirmed', currency: 'EUR' },
        },
      ],
    });
    const notYet = {
      entityType: 'purchase-order',
      payload: { resource: 'purchase.order/9999', changeKind: 'updated' },
    } as unknown as SourceNotificationEvent;
    await expect(adapters.read.fetch(notYet, signal)).resolves.toEqual({ kind: 'not-yet' });
    const page = await adapters.read.sweep(0, signal);
    expect(page.records.map((r) => r.sourceRecordId)).toContain(resource);
  });
});
