/**
 * The three canonical entity types, each with its topic, schemas, entity key and the
 * semantic checks its schema cannot express. Everything per entity type is looked up here.
 */
import type { AvroType } from '../avro/avro-type';
import type { EntityType } from '../identity/entity-types';
import { goodsReceiptKey, inventoryLevelKey, purchaseOrderKey } from '../identity/entity-keys';
import type { FieldError } from '../json-form/field-error';
import { canonicalTopics } from '../topics/topic-names';
import { goodsReceiptEventSchema, goodsReceiptSchema } from './goods-receipt/goods-receipt.schema';
import {
  inventoryLevelEventSchema,
  inventoryLevelSchema,
} from './inventory-level/inventory-level.schema';
import type { PurchaseOrder } from './purchase-order/purchase-order';
import {
  purchaseOrderEventSchema,
  purchaseOrderSchema,
} from './purchase-order/purchase-order.schema';

/** PO line numbers identify lines in receipts and ERP writes: two lines may not share one. */
function uniqueLineNumbers(order: PurchaseOrder): FieldError[] {
  const seen = new Set<number>();
  return order.lines.flatMap((line, index) => {
    const duplicate = seen.has(line.lineNumber);
    seen.add(line.lineNumber);
    return duplicate
      ? [
          {
            path: `lines[${index}].lineNumber`,
            message: `duplicates line number ${line.lineNumber}`,
          },
        ]
      : [];
  });
}

const noChecks = (): FieldError[] => [];

export const canonicalContracts = {
  'inventory-level': {
    topic: canonicalTopics['inventory-level'],
    payloadSchema: inventoryLevelSchema,
    eventSchema: inventoryLevelEventSchema,
    entityKey: inventoryLevelKey,
    semanticChecks: noChecks,
  },
  'purchase-order': {
    topic: canonicalTopics['purchase-order'],
    payloadSchema: purchaseOrderSchema,
    eventSchema: purchaseOrderEventSchema,
    entityKey: purchaseOrderKey,
    semanticChecks: uniqueLineNumbers,
  },
  'goods-receipt': {
    topic: canonicalTopics['goods-receipt'],
    payloadSchema: goodsReceiptSchema,
    eventSchema: goodsReceiptEventSchema,
    entityKey: goodsReceiptKey,
    semanticChecks: noChecks,
  },
} as const;

export type CanonicalPayload<T extends EntityType> = AvroType<
  (typeof canonicalContracts)[T]['payloadSchema']
>;
export type CanonicalEvent<T extends EntityType> = AvroType<
  (typeof canonicalContracts)[T]['eventSchema']
>;

/** The per-type functions, seen through one signature (each narrows to its own payload type). */
export interface CanonicalContract<T extends EntityType> {
  readonly entityKey: (payload: CanonicalPayload<T>) => string;
  readonly semanticChecks: (payload: CanonicalPayload<T>) => FieldError[];
}

export function canonicalContract<T extends EntityType>(entityType: T): CanonicalContract<T> {
  // Each entry's functions take exactly its own payload type; TS cannot correlate T across the lookup.
  return canonicalContracts[entityType] as unknown as CanonicalContract<T>;
}
