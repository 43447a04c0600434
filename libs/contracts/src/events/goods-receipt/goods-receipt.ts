import type { AvroType } from '../../avro/avro-type';
import type { goodsReceiptEventSchema, goodsReceiptSchema } from './goods-receipt.schema';

export type GoodsReceipt = AvroType<typeof goodsReceiptSchema>;
export type GoodsReceiptLine = GoodsReceipt['lines'][number];
export type GoodsReceiptEvent = AvroType<typeof goodsReceiptEventSchema>;
