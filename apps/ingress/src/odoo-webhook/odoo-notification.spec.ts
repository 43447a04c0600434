import { parseOdooNotification } from './odoo-notification';
import { toOdooSourceNotification } from './odoo-source-notification';

// The body exactly as Odoo 17 sends it (docs/erp-protocols.md §1.6), for a purchase order.
const body = JSON.parse(
  '{"_action": "Send Webhook Notification(#61)", "_id": 314, "_model": "purchase.order", "id": 314, "partner_id": 8, "state": "purchase", "write_date": "2024-11-05 14:03:27"}',
) as unknown;

const identity = {
  now: () => 1_800_000_000_000,
  newEventId: () => '00000000-0000-4000-8000-000000000002',
};

describe('Odoo notification → source notification', () => {
  it('keys by model/id, versions by write_date (naive UTC)', () => {
    const parsed = parseOdooNotification(body);
    if (!parsed.ok) throw new Error('expected a valid body');
    expect(
      toOdooSourceNotification('odoo', parsed.notification, 'updated', body, identity),
    ).toMatchObject({
      entityType: 'purchase-order',
      entityKey: 'purchase.order/314',
      sourceRecordId: 'purchase.order/314',
      sourceVersion: Date.parse('2024-11-05T14:03:27Z'),
      payload: {
        changeKind: 'updated',
        resource: 'purchase.order/314',
        receivedAt: 1_800_000_000_000,
        attributes: { model: 'purchase.order', action: 'Send Webhook Notification(#61)' },
      },
    });
  });

  it('falls back to the receive time without write_date', () => {
    const parsed = parseOdooNotification({ _action: 'a', _id: 1, _model: 'stock.quant' });
    if (!parsed.ok) throw new Error('expected a valid body');
    expect(
      toOdooSourceNotification('odoo', parsed.notification, 'created', {}, identity).sourceVersion,
    ).toBe(1_800_000_000_000);
  });

  it('lists every problem', () => {
    const parsed = parseOdooNotification({ _id: 'x', _model: 'res.partner', write_date: '5 Nov' });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual([
      '_model',
      '_id',
      '_action',
      'write_date',
    ]);
  });

  it('accepts write_date false (Odoo writes empty values as false)', () => {
    expect(
      parseOdooNotification({ _action: 'a', _id: 1, _model: 'purchase.order', write_date: false })
        .ok,
    ).toBe(true);
  });
});
