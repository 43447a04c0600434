import type { AvroType } from '../../avro/avro-type';
import type { inventoryLevelEventSchema, inventoryLevelSchema } from './inventory-level.schema';

export type InventoryLevel = AvroType<typeof inventoryLevelSchema>;
export type InventoryLevelEvent = AvroType<typeof inventoryLevelEventSchema>;
