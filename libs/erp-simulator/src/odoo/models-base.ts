/** Reference data models: partners, currencies, units, products, lots and packages. */
import { baseFields, f, type ModelDef } from './odoo-fields';
import { asNumber, type StoredRecord } from './odoo-values';

const nameOf = (record: StoredRecord): string =>
  typeof record.name === 'string' ? record.name : '';

export const partnerModel: ModelDef = {
  name: 'res.partner',
  description: 'Contact',
  order: 'display_name, id',
  displayName: nameOf,
  fields: {
    ...baseFields(),
    name: f.char('Name', { required: true }),
    ref: f.char('Reference'),
    is_company: f.boolean('Is a Company'),
    supplier_rank: f.integer('Supplier Rank'),
    active: f.boolean('Active', { default: () => true }),
  },
};

export const userModel: ModelDef = {
  name: 'res.users',
  description: 'User',
  order: 'name, login',
  displayName: nameOf,
  fields: {
    ...baseFields(),
    name: f.char('Name', { required: true }),
    login: f.char('Login', { required: true }),
    active: f.boolean('Active', { default: () => true }),
  },
};

export const currencyModel: ModelDef = {
  name: 'res.currency',
  description: 'Currency',
  order: 'active desc, name',
  displayName: nameOf,
  fields: {
    ...baseFields(),
    name: f.char('Currency', { required: true }),
    symbol: f.char('Symbol'),
    active: f.boolean('Active', { default: () => true }),
  },
};

export const uomModel: ModelDef = {
  name: 'uom.uom',
  description: 'Product Unit of Measure',
  order: 'factor DESC, id',
  displayName: nameOf,
  fields: { ...baseFields(), name: f.char('Unit of Measure', { required: true }) },
};

export const lotModel: ModelDef = {
  name: 'stock.lot',
  description: 'Lot/Serial',
  order: 'name, id',
  displayName: nameOf,
  fields: { ...baseFields(), name: f.char('Lot/Serial Number', { required: true }) },
};

export const packageModel: ModelDef = {
  name: 'stock.quant.package',
  description: 'Packages',
  order: 'name',
  displayName: nameOf,
  fields: { ...baseFields(), name: f.char('Package Reference', { required: true }) },
};

export const productModel: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  displayName: (record) => {
    const name = nameOf(record);
    return typeof record.default_code === 'string' ? `[${record.default_code}] ${name}` : name;
  },
  fields: {
    ...baseFields(),
    name: f.char('Name', { required: true }),
    default_code: f.char('Internal Reference'),
    barcode: f.char('Barcode'),
    active: f.boolean('Active', { default: () => true }),
    type: f.selection(
      'Product Type',
      [
        ['consu', 'Consumable'],
        ['service', 'Service'],
        ['product', 'Storable Product'],
      ],
      { default: () => 'product' },
    ),
    detailed_type: f.selection(
      'Product Type',
      [
        ['consu', 'Consumable'],
        ['service', 'Service'],
        ['product', 'Storable Product'],
      ],
      { default: () => 'product' },
    ),
    uom_id: f.many2one('Unit of Measure', 'uom.uom', { default: () => 1 }),
    uom_po_id: f.many2one('Purchase Unit of Measure', 'uom.uom', { default: () => 1 }),
    qty_available: f.float('Quantity On Hand', {
      readonly: true,
      compute: (record, view) =>
        view
          .all('stock.quant')
          .filter((quant) => quant.product_id === record.id)
          .filter((quant) => {
            const location =
              typeof quant.location_id === 'number'
                ? view.get('stock.location', quant.location_id)
                : undefined;
            return location?.usage === 'internal';
          })
          .reduce((sum, quant) => sum + asNumber(quant.quantity), 0),
    }),
  },
};
