import type { SourceNotificationEvent } from '@hub/contracts';
import { OdooClient } from '../odoo/odoo-client';
import { ScriptedTransport, neverAborted } from '../testing/scripted-transport';
import type { OdooCall } from '../transport/odoo-call';
import { OdooReadAdapter } from './odoo-read-adapter';

const settings = {
  systemId: 'odoo-main',
  publishStates: ['purchase', 'cancel'],
  uomMap: { Units: 'PCS' },
  sweepPageSize: 2,
};

const order = (id: number, state: string, writeDate: string) => ({
  id,
  name: `P0000${id}`,
  state,
  partner_id: [3, 'Acme Supplies'],
  currency_id: [1, 'EUR'],
  order_line: [100 + id],
  write_date: writeDate,
});

function related(call: OdooCall): unknown {
  if (call.model === 'purchase.order.line')
    return (call.ids ?? []).map((id) => ({
      id,
      product_id: [42, '[SKU-1] Widget'],
      product_qty: 10,
      product_uom: [1, 'Units'],
      price_unit: 2.5,
      date_planned: '2026-12-01 08:00:00',
    }));
  if (call.model === 'product.product') return [{ id: 42, default_code: 'SKU-1' }];
  if (call.model === 'res.partner') return [{ id: 3, ref: 'V-300' }];
  return [];
}

function notification(
  resource: string,
  versions: { sourceVersion: number; receivedAt: number } = { sourceVersion: 0, receivedAt: 0 },
): SourceNotificationEvent {
  return {
    eventId: '00000000-0000-4000-8000-000000000000',
    correlationId: 'c1-x',
    entityType: 'purchase-order',
    entityKey: resource,
    sourceSystem: 'odoo-main',
    sourceRecordId: resource,
    sourceVersion: versions.sourceVersion,
    publishedAt: 0,
    payload: {
      changeKind: 'updated',
      resource,
      sourceEventId: null,
      receivedAt: versions.receivedAt,
      attributes: {},
    },
  };
}

function reader(orders: (call: OdooCall) => unknown) {
  const transport = new ScriptedTransport((call) =>
    call.model === 'purchase.order' ? orders(call) : related(call),
  );
  return { read: new OdooReadAdapter(new OdooClient(transport, 'odoo-main'), settings), transport };
}

describe('OdooReadAdapter.fetch', () => {
  it('reads a confirmed order with its lines into the canonical purchase order', async () => {
    const { read } = reader(() => [order(7, 'purchase', '2026-11-27 03:00:05')]);
    await expect(read.fetch(notification('purchase.order/7'), neverAborted)).resolves.toEqual({
      kind: 'found',
      records: [
        {
          entityType: 'purchase-order',
          sourceRecordId: 'purchase.order/7',
          sourceVersion: Date.parse('2026-11-27T03:00:05Z'),
          payload: {
            poNumber: 'P00007',
            supplierId: 'V-300',
            status: 'confirmed',
            currency: 'EUR',
            company: null,
            lines: [
              {
                lineNumber: 107,
                sku: 'SKU-1',
                quantityOrdered: '10',
                unitOfMeasure: 'PCS',
                unitPrice: '2.5',
                expectedDate: Date.parse('2026-12-01') / 86_400_000,
              },
            ],
          },
        },
      ],
    });
  });

  it('says not-yet for an order Odoo does not show yet, and skips drafts', async () => {
    await expect(
      reader(() => []).read.fetch(notification('purchase.order/7'), neverAborted),
    ).resolves.toEqual({ kind: 'not-yet' });
    await expect(
      reader(() => [order(7, 'draft', '2026-11-27 03:00:05')]).read.fetch(
        notification('purchase.order/7'),
        neverAborted,
      ),
    ).resolves.toMatchObject({ kind: 'skip' });
  });
});

describe('OdooReadAdapter.fetch before Odoo 17 committed (webhook sent inside the transaction)', () => {
  // The webhook said write_date 03:00:05 (state purchase); the read still sees the draft of 03:00:01.
  const notified = {
    sourceVersion: Date.parse('2026-11-27T03:00:05Z'),
    receivedAt: Date.parse('2026-11-27T03:00:05.432Z'),
  };

  it('says not-yet while the order still shows an older write_date, whatever its state', async () => {
    for (const state of ['draft', 'purchase']) {
      const { read } = reader(() => [order(7, state, '2026-11-27 03:00:01')]);
      await expect(
        read.fetch(notification('purchase.order/7', notified), neverAborted),
      ).resolves.toEqual({ kind: 'not-yet' });
    }
  });

  it('publishes once the read shows the notified write_date or a later one', async () => {
    for (const writeDate of ['2026-11-27 03:00:05', '2026-11-27 03:00:06']) {
      const { read } = reader(() => [order(7, 'purchase', writeDate)]);
      await expect(
        read.fetch(notification('purchase.order/7', notified), neverAborted),
      ).resolves.toMatchObject({ kind: 'found' });
    }
  });

  it('cannot compare when the webhook carried no write_date (version = time received)', async () => {
    const received = Date.parse('2026-11-27T03:00:09.120Z');
    const { read } = reader(() => [order(7, 'purchase', '2026-11-27 03:00:01')]);
    await expect(
      read.fetch(
        notification('purchase.order/7', { sourceVersion: received, receivedAt: received }),
        neverAborted,
      ),
    ).resolves.toMatchObject({ kind: 'found' });
  });
});

describe('OdooReadAdapter.sweep', () => {
  it('reads by write_date from the next whole second, oldest first, in published states', async () => {
    const { read, transport } = reader(() => [order(1, 'purchase', '2026-11-27 03:00:05')]);
    const page = await read.sweep(Date.parse('2026-11-27T03:00:04.200Z'), neverAborted);
    expect(page).toMatchObject({ watermark: Date.parse('2026-11-27T03:00:05Z'), more: false });
    expect(transport.calls[0]?.params).toEqual({
      domain: [
        ['write_date', '>=', '2026-11-27 03:00:05'],
        ['state', 'in', ['purchase', 'cancel']],
      ],
      fields: ['id', 'name', 'state', 'partner_id', 'currency_id', 'order_line', 'write_date'],
      order: 'write_date asc, id asc',
      limit: 2,
    });
  });

  it('ends a full page before its last second, which starts the next page', async () => {
    const { read } = reader(() => [
      order(1, 'purchase', '2026-11-27 03:00:05'),
      order(2, 'cancel', '2026-11-27 03:00:09'),
    ]);
    const page = await read.sweep(0, neverAborted);
    expect(page.records.map((r) => r.sourceRecordId)).toEqual(['purchase.order/1']);
    expect(page).toMatchObject({ watermark: Date.parse('2026-11-27T03:00:09Z'), more: true });
  });

  it('takes a whole crowded second at once and moves past it', async () => {
    const second = '2026-11-27 03:00:05';
    const { read } = reader((call) =>
      call.params?.limit === undefined
        ? [order(1, 'purchase', second), order(2, 'purchase', second), order(3, 'purchase', second)]
        : [order(1, 'purchase', second), order(2, 'purchase', second)],
    );
    const page = await read.sweep(0, neverAborted);
    expect(page.records).toHaveLength(3);
    // Odoo keeps whole seconds: the next page starts at the next one.
    expect(page).toMatchObject({ watermark: Date.parse('2026-11-27T03:00:06Z'), more: true });
  });
});
