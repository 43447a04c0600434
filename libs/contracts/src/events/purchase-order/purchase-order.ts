import type { AvroType } from '../../avro/avro-type';
import type { purchaseOrderEventSchema, purchaseOrderSchema } from './purchase-order.schema';

export type PurchaseOrder = AvroType<typeof purchaseOrderSchema>;
export type PurchaseOrderLine = PurchaseOrder['lines'][number];
export type PurchaseOrderStatus = PurchaseOrder['status'];
export type PurchaseOrderEvent = AvroType<typeof purchaseOrderEventSchema>;
