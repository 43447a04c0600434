/** Value of `erp.purchase-order.v1`: a purchase order as its owner, the ERP, has it. */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields } from '../../envelope/envelope-fields';

const purchaseOrderLineSchema = {
  type: 'record',
  name: 'PurchaseOrderLine',
  fields: [
    {
      name: 'lineNumber',
      type: { type: 'int', 'hub.format': 'positive' },
      doc: "The ERP's line number, unique within the PO.",
    },
    {
      name: 'sku',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Stock-keeping unit (item number).',
    },
    {
      name: 'quantityOrdered',
      type: { type: 'string', 'hub.format': 'non-negative-decimal' },
      doc: 'Decimal string in unitOfMeasure.',
    },
    {
      name: 'unitOfMeasure',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Unit of measure code, e.g. PCS, KG.',
    },
    {
      name: 'unitPrice',
      type: { type: 'string', 'hub.format': 'non-negative-decimal' },
      doc: 'Price per unitOfMeasure in the PO currency, decimal string.',
    },
    {
      name: 'expectedDate',
      type: ['null', { type: 'int', logicalType: 'date' }],
      default: null,
      doc: 'Expected receipt date, days since 1970-01-01; null when the ERP has none.',
    },
  ],
} as const satisfies AvroRecordSchema;

export const purchaseOrderSchema = {
  type: 'record',
  name: 'PurchaseOrder',
  doc: 'A purchase order and its lines.',
  fields: [
    {
      name: 'poNumber',
      type: { type: 'string', 'hub.format': 'key' },
      doc: "The PO's document number in the ERP.",
    },
    {
      name: 'supplierId',
      type: { type: 'string', 'hub.format': 'key' },
      doc: "The supplier's (vendor's) number in the ERP.",
    },
    {
      name: 'status',
      doc: 'Lifecycle state, the states Odoo, Business Central and SAP share (mapping in the README).',
      type: {
        type: 'enum',
        name: 'PurchaseOrderStatus',
        doc: 'draft: not yet sent/approved; confirmed: released to the supplier; cancelled; closed: fully received or completed.',
        symbols: ['draft', 'confirmed', 'cancelled', 'closed'],
      },
    },
    {
      name: 'currency',
      type: { type: 'string', 'hub.format': 'currency' },
      doc: 'ISO 4217 code, e.g. EUR.',
    },
    {
      name: 'lines',
      type: { type: 'array', items: purchaseOrderLineSchema },
      doc: 'What is ordered.',
    },
    {
      name: 'company',
      type: ['null', { type: 'string', 'hub.format': 'key' }],
      default: null,
      doc: 'The buying company in the ERP (Business Central company, SAP company code, F&O legal entity), so ownership can be scoped by company; null when the ERP does not say.',
    },
  ],
} as const satisfies AvroRecordSchema;

export const purchaseOrderEventSchema = {
  type: 'record',
  name: 'PurchaseOrderEvent',
  namespace: 'hub.contracts',
  doc: 'erp.purchase-order.v1',
  fields: [
    ...envelopeFields(['purchase-order']),
    { name: 'payload', doc: 'The event body.', type: purchaseOrderSchema },
  ],
} as const satisfies AvroRecordSchema;
