/** Value of `erp.inventory-level.v1`: the quantity on hand of one SKU in one warehouse. Owner: the WMS. */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { envelopeFields, timestampMillis } from '../../envelope/envelope-fields';

export const inventoryLevelSchema = {
  type: 'record',
  name: 'InventoryLevel',
  doc: 'Stock of one SKU in one warehouse at one moment (an absolute level, not a delta).',
  fields: [
    {
      name: 'sku',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Stock-keeping unit (item number).',
    },
    {
      name: 'warehouse',
      type: { type: 'string', 'hub.format': 'key-segment' },
      doc: "Warehouse code; no ':'.",
    },
    {
      name: 'quantityOnHand',
      type: { type: 'string', 'hub.format': 'non-negative-decimal' },
      doc: 'Physical quantity on hand, a decimal string in unitOfMeasure.',
    },
    {
      name: 'unitOfMeasure',
      type: { type: 'string', 'hub.format': 'key' },
      doc: 'Unit of measure code, e.g. PCS, KG.',
    },
    {
      name: 'asOf',
      type: timestampMillis,
      doc: 'When the level was true in the WMS, UTC, epoch milliseconds.',
    },
  ],
} as const satisfies AvroRecordSchema;

export const inventoryLevelEventSchema = {
  type: 'record',
  name: 'InventoryLevelEvent',
  namespace: 'hub.contracts',
  doc: 'erp.inventory-level.v1',
  fields: [
    ...envelopeFields(['inventory-level']),
    { name: 'payload', doc: 'The event body.', type: inventoryLevelSchema },
  ],
} as const satisfies AvroRecordSchema;
