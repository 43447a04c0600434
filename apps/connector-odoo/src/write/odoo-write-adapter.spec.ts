import type { AnyCanonicalEvent, WriteContext } from '@hub/connector-runtime';
import { createEvent } from '@hub/contracts';
import { OdooClient } from '../odoo/odoo-client';
import { ScriptedTransport, neverAborted, type CallScript } from '../testing/scripted-transport';
import type { OdooCall } from '../transport/odoo-call';
import { OdooWriteAdapter } from './odoo-write-adapter';

const settings = {
  systemId: 'odoo-main',
  referenceField: 'x_hub_correlation_id',
  overReceiptTolerancePercent: 0,
  backorder: 'create' as const,
  odooMajorVersion: 17,
  lookupCacheTtlMs: 0,
};
const identity = {
  now: () => 1_764_201_600_000,
  newEventId: () => '00000000-0000-4000-8000-000000000000',
};
const context: WriteContext = {
  correlationId: 'c1-0123456789abcdef0123456789abcdef',
  attempt: 1,
  signal: neverAborted,
};
const conflict = {
  type: 'ir.actions.act_window',
  res_model: 'stock.inventory.conflict',
  name: 'Conflict in Inventory Adjustment',
};

const level: AnyCanonicalEvent = createEvent(
  'inventory-level',
  {
    sourceSystem: 'wms',
    sourceRecordId: 'WH:SKU-1',
    sourceVersion: 1,
    payload: { sku: 'SKU-1', warehouse: 'WH', quantityOnHand: '20', unitOfMeasure: 'PCS', asOf: 1 },
  },
  identity,
);
const receipt: AnyCanonicalEvent = createEvent(
  'goods-receipt',
  {
    sourceSystem: 'wms',
    sourceRecordId: 'R-1',
    sourceVersion: 1,
    payload: {
      receiptId: 'R-1',
      poNumber: 'P00001',
      warehouse: 'WH',
      receivedAt: 1,
      lines: [{ poLineNumber: 101, sku: 'SKU-1', quantityReceived: '4', unitOfMeasure: 'PCS' }],
    },
  },
  identity,
);

function adapter(script: CallScript): { adapter: OdooWriteAdapter; transport: ScriptedTransport } {
  const transport = new ScriptedTransport(script);
  return {
    adapter: new OdooWriteAdapter(new OdooClient(transport, 'odoo-main'), settings),
    transport,
  };
}

function stockLookups(call: OdooCall): unknown {
  if (call.model === 'product.product') return [{ id: 42 }];
  if (call.model === 'stock.warehouse') return [{ id: 1, lot_stock_id: [8, 'WH/Stock'] }];
  if (call.model === 'stock.quant' && call.method === 'create') return [314];
  return true;
}

describe('OdooWriteAdapter: inventory level', () => {
  it('counts the quant (inventory-mode create = upsert), writes the reference apart, then applies', async () => {
    const { adapter: write, transport } = adapter((call) =>
      call.method === 'action_apply_inventory' ? null : stockLookups(call),
    );
    await expect(write.apply(level, context)).resolves.toEqual({
      targetReference: 'stock.quant/314',
    });
    expect(transport.operations()).toEqual([
      'product.product.search_read',
      'stock.warehouse.search_read',
      'stock.quant.create',
      'stock.quant.write',
      'stock.quant.action_apply_inventory',
    ]);
    expect(transport.calls[2]).toMatchObject({
      params: { vals_list: [{ product_id: 42, location_id: 8, inventory_quantity: 20 }] },
      context: { inventory_mode: true },
    });
    expect(transport.calls[3]).toMatchObject({
      params: { vals: { x_hub_correlation_id: context.correlationId } },
    });
    expect(transport.calls[3]?.context).toBeUndefined();
  });

  it('keeps the counted quantity once after a conflict wizard, and gives up as transient if it comes again', async () => {
    let conflicts = 1;
    const once = adapter((call) =>
      call.method === 'action_apply_inventory'
        ? conflicts-- > 0
          ? conflict
          : null
        : stockLookups(call),
    );
    await expect(once.adapter.apply(level, context)).resolves.toEqual({
      targetReference: 'stock.quant/314',
    });
    expect(
      once.transport.operations().filter((op) => op === 'stock.quant.action_apply_inventory'),
    ).toHaveLength(2);

    const always = adapter((call) =>
      call.method === 'action_apply_inventory' ? conflict : stockLookups(call),
    );
    await expect(always.adapter.apply(level, context)).rejects.toMatchObject({
      code: 'ODOO_INVENTORY_CONFLICT',
      retriable: true,
    });
  });

  it('refuses an unknown SKU with a readable permanent error', async () => {
    const { adapter: write } = adapter((call) =>
      call.model === 'product.product' ? [] : stockLookups(call),
    );
    await expect(write.apply(level, context)).rejects.toMatchObject({
      code: 'ODOO_UNKNOWN_PRODUCT',
      retriable: false,
      message:
        'Product SKU-1 does not exist in Odoo odoo-main (no product.product with Internal Reference "SKU-1")',
    });
  });

  it('finds a prior write only once the count carrying the correlation id was applied', async () => {
    const pending = adapter(() => [{ id: 314, inventory_quantity_set: true }]);
    await expect(pending.adapter.findPriorWrite(level, context)).resolves.toBeUndefined();
    const applied = adapter(() => [{ id: 314, inventory_quantity_set: false }]);
    await expect(applied.adapter.findPriorWrite(level, context)).resolves.toEqual({
      targetReference: 'stock.quant/314',
    });
  });
});

describe('OdooWriteAdapter: goods receipt', () => {
  const receiptScript =
    (validate: (call: OdooCall) => unknown, poState = 'purchase'): CallScript =>
    (call) => {
      if (call.model === 'purchase.order') return [{ id: 5, state: poState }];
      if (call.model === 'stock.picking' && call.method === 'search_read')
        return [{ id: 9, name: 'WH/IN/00001' }];
      if (call.model === 'stock.move' && call.method === 'search_read')
        return [
          { id: 11, product_id: [42, 'x'], product_uom_qty: 10, purchase_line_id: [101, 'l'] },
          { id: 12, product_id: [43, 'y'], product_uom_qty: 5, purchase_line_id: [102, 'l'] },
        ];
      if (call.model === 'product.product')
        return [
          { id: 42, default_code: 'SKU-1' },
          { id: 43, default_code: 'SKU-2' },
        ];
      if (call.method === 'button_validate') return validate(call);
      return true;
    };

  it('sets quantities, answers the backorder wizard by validating again with skip_backorder', async () => {
    const { adapter: write, transport } = adapter(
      receiptScript((call) =>
        call.context?.skip_backorder === true
          ? true
          : { type: 'ir.actions.act_window', res_model: 'stock.backorder.confirmation' },
      ),
    );
    await expect(write.apply(receipt, context)).resolves.toEqual({
      targetReference: 'WH/IN/00001',
    });
    const writes = transport.calls.filter((call) => call.method === 'write');
    expect(writes).toEqual([
      {
        model: 'stock.picking',
        method: 'write',
        ids: [9],
        params: { vals: { x_hub_correlation_id: context.correlationId } },
      },
      {
        model: 'stock.move',
        method: 'write',
        ids: [11],
        params: { vals: { quantity: 4, picked: true } },
      },
      {
        model: 'stock.move',
        method: 'write',
        ids: [12],
        params: { vals: { quantity: 0, picked: false } },
      },
    ]);
    expect(transport.calls.at(-1)?.context).toEqual({
      skip_backorder: true,
      picking_ids_not_to_backorder: [],
    });
  });

  it('refuses an unknown PO and a draft PO as permanent', async () => {
    const unknown = adapter((call) => (call.model === 'purchase.order' ? [] : true));
    await expect(unknown.adapter.apply(receipt, context)).rejects.toMatchObject({
      code: 'ODOO_UNKNOWN_PO',
      retriable: false,
      message:
        'Purchase order P00001 does not exist in Odoo odoo-main; receipt R-1 cannot be matched',
    });
    const draft = adapter(receiptScript(() => true, 'draft'));
    await expect(draft.adapter.apply(receipt, context)).rejects.toMatchObject({
      code: 'ODOO_PO_NOT_CONFIRMED',
    });
  });

  it('finds a prior write as a done picking carrying the correlation id', async () => {
    const { adapter: write, transport } = adapter(() => [{ id: 9, name: 'WH/IN/00001' }]);
    await expect(write.findPriorWrite(receipt, context)).resolves.toEqual({
      targetReference: 'WH/IN/00001',
    });
    expect(transport.calls[0]?.params).toMatchObject({
      domain: [
        ['x_hub_correlation_id', '=', context.correlationId],
        ['state', '=', 'done'],
      ],
    });
  });
});
