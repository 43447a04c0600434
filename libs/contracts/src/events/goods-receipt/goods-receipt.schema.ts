/** Value of `erp.goods-receipt.v1`: goods received against a PO, as the WMS recorded them. */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields, timestampMillis } from '../../envelope/envelope-fields';

const goodsReceiptLineSchema = {
  type: 'record',
  name: 'GoodsReceiptLine',
  fields: [
    {
      name: 'poLineNumber',
      type: { type: 'int', 'hub.format': 'positive' },
      doc: 'The PO line received against.',
    },
    {
      name: 'sku',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Stock-keeping unit (item number).',
    },
    {
      name: 'quantityReceived',
      type: { type: 'string', 'hub.format': 'non-negative-decimal' },
      doc: 'Decimal string in unitOfMeasure.',
    },
    {
      name: 'unitOfMeasure',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Unit of measure code, e.g. PCS, KG.',
    },
  ],
} as const satisfies AvroRecordSchema;

export const goodsReceiptSchema = {
  type: 'record',
  name: 'GoodsReceipt',
  doc: 'One receipt of goods in a warehouse against one purchase order.',
  fields: [
    {
      name: 'receiptId',
      type: { type: 'string', 'hub.format': 'key' },
      doc: "The receipt's id in the WMS.",
    },
    {
      name: 'poNumber',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'The purchase order received against.',
    },
    {
      name: 'warehouse',
      type: { type: 'string', 'hub.format': 'key-segment' },
      doc: "Warehouse code; no ':'.",
    },
    {
      name: 'receivedAt',
      type: timestampMillis,
      doc: 'When the goods were received, UTC, epoch milliseconds.',
    },
    {
      name: 'lines',
      type: { type: 'array', items: goodsReceiptLineSchema },
      doc: 'What was received.',
    },
  ],
} as const satisfies AvroRecordSchema;

export const goodsReceiptEventSchema = {
  type: 'record',
  name: 'GoodsReceiptEvent',
  namespace: 'hub.contracts',
  doc: 'erp.goods-receipt.v1',
  fields: [
    ...envelopeFields(['goods-receipt']),
    { name: 'payload', doc: 'The event body.', type: goodsReceiptSchema },
  ],
} as const satisfies AvroRecordSchema;
