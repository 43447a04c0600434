/** Purchase models: orders and their lines. */
import { baseFields, f, relatedRecord, type ModelDef } from './odoo-fields';
import { productModel } from './models-base';
import { asNumber, type StoredRecord } from './odoo-values';

const nameOf = (record: StoredRecord): string =>
  typeof record.name === 'string' ? record.name : '';

export const purchaseOrderModel: ModelDef = {
  name: 'purchase.order',
  description: 'Purchase Order',
  order: 'priority desc, id desc',
  displayName: (record) =>
    typeof record.partner_ref === 'string'
      ? `${nameOf(record)} (${record.partner_ref})`
      : nameOf(record),
  fields: {
    ...baseFields(),
    name: f.char('Order Reference', {
      required: true,
      default: (view) => `P${String(view.nextSequence('purchase.order')).padStart(5, '0')}`,
    }),
    priority: f.selection(
      'Priority',
      [
        ['0', 'Normal'],
        ['1', 'Urgent'],
      ],
      { default: () => '0' },
    ),
    partner_id: f.many2one('Vendor', 'res.partner', { required: true }),
    partner_ref: f.char('Vendor Reference'),
    origin: f.char('Source Document'),
    state: f.selection(
      'Status',
      [
        ['draft', 'RFQ'],
        ['sent', 'RFQ Sent'],
        ['to approve', 'To Approve'],
        ['purchase', 'Purchase Order'],
        ['done', 'Locked'],
        ['cancel', 'Cancelled'],
      ],
      { default: () => 'draft' },
    ),
    date_order: f.datetime('Order Deadline', { required: true, default: (view) => view.now() }),
    date_approve: f.datetime('Confirmation Date', { readonly: true }),
    date_planned: f.datetime('Expected Arrival'),
    currency_id: f.many2one('Currency', 'res.currency', { required: true, default: () => 1 }),
    picking_type_id: f.many2one('Deliver To', 'stock.picking.type', {
      required: true,
      default: (view) =>
        view.all('stock.picking.type').find((type) => type.code === 'incoming')?.id ?? false,
    }),
    order_line: f.one2many('Order Lines', 'purchase.order.line', 'order_id'),
    picking_ids: {
      type: 'many2many',
      string: 'Receptions',
      relation: 'stock.picking',
      readonly: true,
      compute: (record, view) =>
        view
          .all('stock.picking')
          .filter((p) => p.purchase_id === record.id)
          .map((p) => p.id),
    },
    incoming_picking_count: f.integer('Incoming Shipment count', {
      readonly: true,
      compute: (record, view) =>
        view.all('stock.picking').filter((p) => p.purchase_id === record.id).length,
    }),
    amount_total: f.float('Total', {
      readonly: true,
      compute: (record, view) =>
        view
          .all('purchase.order.line')
          .filter((line) => line.order_id === record.id)
          .reduce((sum, line) => sum + asNumber(line.product_qty) * asNumber(line.price_unit), 0),
    }),
    notes: f.html('Terms and Conditions'),
  },
};

export const purchaseOrderLineModel: ModelDef = {
  name: 'purchase.order.line',
  description: 'Purchase Order Line',
  order: 'order_id, sequence, id',
  displayName: (record, view) => {
    const order = relatedRecord(view, 'purchase.order', record.order_id);
    return `${order ? nameOf(order) : ''}: ${nameOf(record)}`;
  },
  fields: {
    ...baseFields(),
    order_id: f.many2one('Order Reference', 'purchase.order', { required: true }),
    sequence: f.integer('Sequence', { default: () => 10 }),
    name: {
      type: 'text',
      string: 'Description',
      default: (view, values) => {
        const product = relatedRecord(view, 'product.product', values.product_id);
        return product ? productModel.displayName(product, view) : false;
      },
    },
    product_id: f.many2one('Product', 'product.product'),
    product_qty: f.float('Quantity', { default: () => 1 }),
    product_uom: f.many2one('Unit of Measure', 'uom.uom', {
      default: (view, values) =>
        relatedRecord(view, 'product.product', values.product_id)?.uom_po_id ?? 1,
    }),
    price_unit: f.float('Unit Price'),
    price_subtotal: f.float('Subtotal', {
      readonly: true,
      compute: (record) => asNumber(record.product_qty) * asNumber(record.price_unit),
    }),
    qty_received: f.float('Received Qty'),
    date_planned: f.datetime('Expected Arrival', { default: (view) => view.now() }),
    move_ids: f.one2many('Reservation', 'stock.move', 'purchase_line_id'),
    state: f.selection(
      'Status',
      [
        ['draft', 'RFQ'],
        ['purchase', 'Purchase Order'],
        ['done', 'Locked'],
        ['cancel', 'Cancelled'],
      ],
      {
        readonly: true,
        compute: (record, view) =>
          relatedRecord(view, 'purchase.order', record.order_id)?.state ?? false,
      },
    ),
  },
};
