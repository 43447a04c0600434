/** Stock models: locations, warehouses, operation types, quants, pickings and moves. */
import { baseFields, f, m2oName, relatedRecord, type ModelDef } from './odoo-fields';
import type { RecordView } from './odoo-store';
import { asNumber, type StoredRecord } from './odoo-values';

const nameOf = (record: StoredRecord): string =>
  typeof record.name === 'string' ? record.name : '';

export function locationCompleteName(view: RecordView, record: StoredRecord): string {
  const parent = relatedRecord(view, 'stock.location', record.location_id);
  if (parent && record.usage !== 'view')
    return `${locationCompleteName(view, parent)}/${nameOf(record)}`;
  return nameOf(record);
}

export const locationModel: ModelDef = {
  name: 'stock.location',
  description: 'Inventory Locations',
  order: 'complete_name, id',
  parentField: 'location_id',
  displayName: (record, view) => locationCompleteName(view, record),
  fields: {
    ...baseFields(),
    name: f.char('Location Name', { required: true }),
    complete_name: f.char('Full Location Name', {
      readonly: true,
      compute: (record, view) => locationCompleteName(view, record),
    }),
    location_id: f.many2one('Parent Location', 'stock.location'),
    usage: f.selection(
      'Location Type',
      [
        ['supplier', 'Vendor Location'],
        ['view', 'View'],
        ['internal', 'Internal Location'],
        ['customer', 'Customer Location'],
        ['inventory', 'Inventory Loss'],
        ['production', 'Production'],
        ['transit', 'Transit Location'],
      ],
      { default: () => 'internal', required: true },
    ),
    warehouse_id: f.many2one('Warehouse', 'stock.warehouse'),
    active: f.boolean('Active', { default: () => true }),
  },
};

export const warehouseModel: ModelDef = {
  name: 'stock.warehouse',
  description: 'Warehouse',
  order: 'sequence,id',
  displayName: nameOf,
  fields: {
    ...baseFields(),
    name: f.char('Warehouse', { required: true }),
    code: f.char('Short Name', { required: true }),
    lot_stock_id: f.many2one('Location Stock', 'stock.location'),
    view_location_id: f.many2one('View Location', 'stock.location'),
    in_type_id: f.many2one('In Type', 'stock.picking.type'),
    active: f.boolean('Active', { default: () => true }),
  },
};

export const pickingTypeModel: ModelDef = {
  name: 'stock.picking.type',
  description: 'Picking Type',
  order: 'sequence, id',
  displayName: (record, view) => {
    const warehouse = m2oName(view, 'stock.warehouse', record.warehouse_id);
    return warehouse === '' ? nameOf(record) : `${warehouse}: ${nameOf(record)}`;
  },
  fields: {
    ...baseFields(),
    name: f.char('Operation Type', { required: true }),
    code: f.selection('Type of Operation', [
      ['incoming', 'Receipt'],
      ['outgoing', 'Delivery'],
      ['internal', 'Internal Transfer'],
    ]),
    sequence_code: f.char('Sequence Prefix'),
    warehouse_id: f.many2one('Warehouse', 'stock.warehouse'),
    default_location_src_id: f.many2one('Default Source Location', 'stock.location'),
    default_location_dest_id: f.many2one('Default Destination Location', 'stock.location'),
  },
};

export const quantModel: ModelDef = {
  name: 'stock.quant',
  description: 'Quants',
  order: 'id',
  displayName: (record, view) => {
    const location = relatedRecord(view, 'stock.location', record.location_id);
    return location ? locationCompleteName(view, location) : '';
  },
  fields: {
    ...baseFields(),
    product_id: f.many2one('Product', 'product.product', { required: true }),
    location_id: f.many2one('Location', 'stock.location', { required: true }),
    lot_id: f.many2one('Lot/Serial Number', 'stock.lot'),
    package_id: f.many2one('Package', 'stock.quant.package'),
    owner_id: f.many2one('Owner', 'res.partner'),
    product_uom_id: f.many2one('Unit of Measure', 'uom.uom', {
      readonly: true,
      compute: (record, view) =>
        relatedRecord(view, 'product.product', record.product_id)?.uom_id ?? false,
    }),
    quantity: f.float('Quantity', { readonly: true }),
    reserved_quantity: f.float('Reserved Quantity', { readonly: true }),
    available_quantity: f.float('Available Quantity', {
      readonly: true,
      compute: (record) => asNumber(record.quantity) - asNumber(record.reserved_quantity),
    }),
    inventory_quantity: f.float('Counted Quantity'),
    inventory_diff_quantity: f.float('Difference', { readonly: true }),
    inventory_quantity_set: f.boolean('Inventory Quantity Set'),
    inventory_date: f.date('Scheduled Date'),
    is_outdated: f.boolean('Quantity has been moved since last count', {
      readonly: true,
      compute: (record) =>
        record.inventory_quantity_set === true &&
        Math.abs(
          asNumber(record.inventory_quantity) -
            asNumber(record.inventory_diff_quantity) -
            asNumber(record.quantity),
        ) > 1e-9,
    }),
  },
};

const pickingStates = [
  ['draft', 'Draft'],
  ['waiting', 'Waiting Another Operation'],
  ['confirmed', 'Waiting'],
  ['assigned', 'Ready'],
  ['done', 'Done'],
  ['cancel', 'Cancelled'],
] as const;

export const pickingModel: ModelDef = {
  name: 'stock.picking',
  description: 'Transfer',
  order: 'priority desc, scheduled_date asc, id desc',
  displayName: nameOf,
  fields: {
    ...baseFields(),
    name: f.char('Reference', {
      default: (view, values) => {
        const type = relatedRecord(view, 'stock.picking.type', values.picking_type_id);
        if (!type) return '/';
        const warehouse = relatedRecord(view, 'stock.warehouse', type.warehouse_id);
        const code = typeof warehouse?.code === 'string' ? warehouse.code : 'WH';
        const sequence = typeof type.sequence_code === 'string' ? type.sequence_code : 'IN';
        const prefix = `${code}/${sequence}/`;
        return `${prefix}${String(view.nextSequence(`picking:${type.id}`)).padStart(5, '0')}`;
      },
    }),
    origin: f.char('Source Document'),
    note: f.html('Notes'),
    priority: f.selection(
      'Priority',
      [
        ['0', 'Normal'],
        ['1', 'Urgent'],
      ],
      { default: () => '0' },
    ),
    state: f.selection('Status', pickingStates, { default: () => 'draft' }),
    picking_type_id: f.many2one('Operation Type', 'stock.picking.type', { required: true }),
    picking_type_code: f.selection(
      'Type of Operation',
      [
        ['incoming', 'Receipt'],
        ['outgoing', 'Delivery'],
        ['internal', 'Internal Transfer'],
      ],
      {
        readonly: true,
        compute: (record, view) =>
          relatedRecord(view, 'stock.picking.type', record.picking_type_id)?.code ?? false,
      },
    ),
    location_id: f.many2one('Source Location', 'stock.location'),
    location_dest_id: f.many2one('Destination Location', 'stock.location'),
    partner_id: f.many2one('Contact', 'res.partner'),
    move_ids: f.one2many('Stock Moves', 'stock.move', 'picking_id'),
    purchase_id: f.many2one('Purchase Orders', 'purchase.order'),
    backorder_id: f.many2one('Back Order of', 'stock.picking'),
    backorder_ids: f.one2many('Back Orders', 'stock.picking', 'backorder_id'),
    scheduled_date: f.datetime('Scheduled Date', { default: (view) => view.now() }),
    date_done: f.datetime('Date of Transfer'),
  },
};

export const moveModel: ModelDef = {
  name: 'stock.move',
  description: 'Stock Move',
  order: 'sequence, id',
  displayName: (record, view) => {
    const picking = relatedRecord(view, 'stock.picking', record.picking_id);
    const product = relatedRecord(view, 'product.product', record.product_id);
    const origin = typeof picking?.origin === 'string' ? `${picking.origin}/` : '';
    const code = typeof product?.default_code === 'string' ? `${product.default_code}: ` : '';
    const from = m2oName(view, 'stock.location', record.location_id);
    const to = m2oName(view, 'stock.location', record.location_dest_id);
    return `${origin}${code}${from}>${to}`;
  },
  fields: {
    ...baseFields(),
    name: f.char('Description'),
    sequence: f.integer('Sequence', { default: () => 10 }),
    origin: f.char('Source Document'),
    picking_id: f.many2one('Transfer', 'stock.picking'),
    product_id: f.many2one('Product', 'product.product', { required: true }),
    product_uom_qty: f.float('Demand'),
    quantity: f.float('Quantity'),
    picked: f.boolean('Picked'),
    product_uom: f.many2one('UoM', 'uom.uom', {
      default: (view, values) =>
        relatedRecord(view, 'product.product', values.product_id)?.uom_id ?? 1,
    }),
    state: f.selection(
      'Status',
      [
        ['draft', 'New'],
        ['waiting', 'Waiting Another Move'],
        ['confirmed', 'Waiting Availability'],
        ['partially_available', 'Partially Available'],
        ['assigned', 'Available'],
        ['done', 'Done'],
        ['cancel', 'Cancelled'],
      ],
      { default: () => 'draft' },
    ),
    location_id: f.many2one('Source Location', 'stock.location'),
    location_dest_id: f.many2one('Destination Location', 'stock.location'),
    purchase_line_id: f.many2one('Purchase Order Line', 'purchase.order.line'),
    date: f.datetime('Date Scheduled', { default: (view) => view.now() }),
  },
};
