/**
 * Every topic with a fixed value schema, with its registry subject: what is registered at
 * start-up (BACKWARD compatibility per subject). Retry and redelivery topics are absent on
 * purpose: they carry canonical events under the canonical topics' schema ids.
 */
import type { AvroRecordSchema } from '../avro/avro-schema';
import type { AvroType } from '../avro/avro-type';
import { changeRequestEventSchema } from '../events/change-request/change-request.schema';
import { deadLetterEventSchema } from '../events/dead-letter/dead-letter.schema';
import { deliveryOutcomeEventSchema } from '../events/delivery-outcome/delivery-outcome.schema';
import { goodsReceiptEventSchema } from '../events/goods-receipt/goods-receipt.schema';
import { inventoryLevelEventSchema } from '../events/inventory-level/inventory-level.schema';
import { purchaseOrderEventSchema } from '../events/purchase-order/purchase-order.schema';
import { sourceNotificationEventSchema } from '../events/source-notification/source-notification.schema';
import { topics, valueSubject, type FixedTopic } from './topic-names';

/** Each topic's value schema, typed exactly (for AvroType<...>). */
export const topicSchemas = {
  [topics.inventoryLevel]: inventoryLevelEventSchema,
  [topics.purchaseOrder]: purchaseOrderEventSchema,
  [topics.goodsReceipt]: goodsReceiptEventSchema,
  [topics.sourceNotification]: sourceNotificationEventSchema,
  [topics.changeRequest]: changeRequestEventSchema,
  [topics.deliveryOutcome]: deliveryOutcomeEventSchema,
  [topics.deadLetter]: deadLetterEventSchema,
} as const satisfies Record<FixedTopic, AvroRecordSchema>;

export interface ContractEntry {
  readonly topic: FixedTopic;
  /** `<topic>-value`. */
  readonly subject: string;
  readonly schema: AvroRecordSchema;
}

export const contractCatalog: readonly ContractEntry[] = Object.values(topics).map((topic) => ({
  topic,
  subject: valueSubject(topic),
  schema: topicSchemas[topic],
}));

/** The schema as the registry wants it: Avro JSON text. */
export function schemaText(schema: AvroRecordSchema): string {
  return JSON.stringify(schema);
}

/** The value type of a topic, e.g. TopicValue<'erp.inventory-level.v1'> = InventoryLevelEvent. */
export type TopicValue<T extends FixedTopic> = AvroType<(typeof topicSchemas)[T]>;
