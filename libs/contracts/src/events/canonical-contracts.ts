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
import { canonicalJson } from '../identity/canonical-json';
import type { GoodsReceipt, GoodsReceiptLine } from './goods-receipt/goods-receipt';
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

/**
 * How a target applies events of a type. `state`: each event is the whole current state of
 * its entity, so the newest wins and an older one is superseded. `additive`: each event is a
 * fact of its own (a receipt books quantities), applied exactly once whatever the order;
 * no event supersedes another.
 */
export type WriteSemantics = 'state' | 'additive';

/** Line order in a receipt or an order carries no meaning: lines sort by line number, then by content. */
function byLineNumber<L>(lineNumber: (line: L) => number): (lines: readonly L[]) => L[] {
  return (lines) =>
    [...lines].sort(
      (a, b) =>
        lineNumber(a) - lineNumber(b) || canonicalJson(a).localeCompare(canonicalJson(b), 'en'),
    );
}
const receiptLinesInOrder = byLineNumber((line: GoodsReceiptLine) => line.poLineNumber);
const orderLinesInOrder = byLineNumber((line: PurchaseOrder['lines'][number]) => line.lineNumber);
const asSent = <P>(payload: P): P => payload;

export const canonicalContracts = {
  'inventory-level': {
    topic: canonicalTopics['inventory-level'],
    payloadSchema: inventoryLevelSchema,
    eventSchema: inventoryLevelEventSchema,
    entityKey: inventoryLevelKey,
    semanticChecks: noChecks,
    writeSemantics: 'state' as WriteSemantics,
    canonicalOrder: asSent,
  },
  'purchase-order': {
    topic: canonicalTopics['purchase-order'],
    payloadSchema: purchaseOrderSchema,
    eventSchema: purchaseOrderEventSchema,
    entityKey: purchaseOrderKey,
    semanticChecks: uniqueLineNumbers,
    writeSemantics: 'state' as WriteSemantics,
    canonicalOrder: (order: PurchaseOrder): PurchaseOrder => ({
      ...order,
      lines: orderLinesInOrder(order.lines),
    }),
  },
  'goods-receipt': {
    topic: canonicalTopics['goods-receipt'],
    payloadSchema: goodsReceiptSchema,
    eventSchema: goodsReceiptEventSchema,
    entityKey: goodsReceiptKey,
    semanticChecks: noChecks,
    writeSemantics: 'additive' as WriteSemantics,
    canonicalOrder: (receipt: GoodsReceipt): GoodsReceipt => ({
      ...receipt,
      lines: receiptLinesInOrder(receipt.lines),
    }),
  },
} as const;

export function writeSemanticsOf(entityType: EntityType): WriteSemantics {
  return canonicalContracts[entityType].writeSemantics;
}

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
  /** The payload with arrays whose order carries no meaning put in one order, so equal facts digest alike. */
  readonly canonicalOrder: (payload: CanonicalPayload<T>) => CanonicalPayload<T>;
}

export function canonicalContract<T extends EntityType>(entityType: T): CanonicalContract<T> {
  // Each entry's functions take exactly its own payload type; TS cannot correlate T across the lookup.
  return canonicalContracts[entityType] as unknown as CanonicalContract<T>;
}
