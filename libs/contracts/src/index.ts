// Avro: the schema vocabulary, the derived value types, avsc types built one way.
export type {
  AvroArraySchema,
  AvroDateSchema,
  AvroEnumSchema,
  AvroField,
  AvroIntSchema,
  AvroMapSchema,
  AvroNullableSchema,
  AvroPrimitiveName,
  AvroRecordSchema,
  AvroSchema,
  AvroStringSchema,
  AvroTimestampSchema,
  IntFormat,
  StringFormat,
} from './avro/avro-schema';
export type { AvroType } from './avro/avro-type';
export { avroCodecFor, avroTypeFor, type AvroCodec } from './avro/avro-codec';

// Identity: entity types, system ids, entity keys, correlation ids.
export { entityTypes, isEntityType, type EntityType } from './identity/entity-types';
export {
  assertSystemId,
  isSystemId,
  isSystemKind,
  systemIdPattern,
  systemKinds,
  type SystemKind,
} from './identity/system-ids';
export {
  entityKeyFunctions,
  goodsReceiptKey,
  inventoryLevelKey,
  purchaseOrderKey,
  type EntityKeyInputs,
} from './identity/entity-keys';
export { canonicalJson } from './identity/canonical-json';
export {
  correlationId,
  correlationIdPrefix,
  repairCorrelationId,
  repairCorrelationIdPrefix,
  payloadDigest,
  type CorrelationInput,
} from './identity/correlation-id';

// Events: schemas (the source of truth) and the types derived from them.
export {
  inventoryLevelEventSchema,
  inventoryLevelSchema,
} from './events/inventory-level/inventory-level.schema';
export type { InventoryLevel, InventoryLevelEvent } from './events/inventory-level/inventory-level';
export {
  purchaseOrderEventSchema,
  purchaseOrderSchema,
} from './events/purchase-order/purchase-order.schema';
export type {
  PurchaseOrder,
  PurchaseOrderEvent,
  PurchaseOrderLine,
  PurchaseOrderStatus,
} from './events/purchase-order/purchase-order';
export {
  goodsReceiptEventSchema,
  goodsReceiptSchema,
} from './events/goods-receipt/goods-receipt.schema';
export type {
  GoodsReceipt,
  GoodsReceiptEvent,
  GoodsReceiptLine,
} from './events/goods-receipt/goods-receipt';
export {
  sourceNotificationEventSchema,
  sourceNotificationSchema,
} from './events/source-notification/source-notification.schema';
export type {
  ChangeKind,
  SourceNotification,
  SourceNotificationEvent,
} from './events/source-notification/source-notification';
export {
  changeRequestEventSchema,
  changeRequestSchema,
} from './events/change-request/change-request.schema';
export type { ChangeRequest, ChangeRequestEvent } from './events/change-request/change-request';
export {
  TARGET_HELD,
  defaultTargetControl,
  targetControlCodec,
  targetControlSchema,
  targetControlTopic,
  type BreakerForce,
  type TargetControl,
} from './events/target-control/target-control';
export { failureSchema } from './events/failure/failure.schema';
export {
  deliveryOutcomeEventSchema,
  deliveryOutcomeSchema,
} from './events/delivery-outcome/delivery-outcome.schema';
export type {
  DeliveryOutcome,
  DeliveryOutcomeEvent,
  DeliveryOutcomeKind,
  ErrorClass,
  Failure,
} from './events/delivery-outcome/delivery-outcome';
export { deadLetterEventSchema, deadLetterSchema } from './events/dead-letter/dead-letter.schema';
export type {
  DeadLetter,
  DeadLetterEvent,
  DeadLetterReason,
  DeliveryAttempt,
} from './events/dead-letter/dead-letter';
export {
  canonicalContract,
  canonicalContracts,
  writeSemanticsOf,
  type CanonicalContract,
  type WriteSemantics,
  type CanonicalEvent,
  type CanonicalPayload,
} from './events/canonical-contracts';
export { canonicalizePayload, parseCanonical } from './events/parse-canonical';
export { payloadJsonForm, type AnyCanonicalEvent } from './events/payload-json-form';

// Envelope and event construction.
export { envelopeFields, timestampMillis } from './envelope/envelope-fields';
export {
  buildEnvelope,
  createEvent,
  envelopeAbout,
  systemEventIdentity,
  type CanonicalSource,
  type EnvelopeSource,
  type EventEnvelope,
  type EventIdentity,
} from './envelope/create-event';

// JSON form: the edge representation (webhooks, operator views).
export { formatFieldErrors, type FieldError, type ParseResult } from './json-form/field-error';
export { fromJsonForm } from './json-form/from-json-form';
export { toJsonForm, type JsonValue } from './json-form/to-json-form';
export { canonicalize } from './json-form/canonicalize';
export { normalizeDecimal } from './json-form/decimal';
export { formatDate, formatTimestamp, parseDate, parseTimestamp } from './json-form/timestamps';

// Topics, the catalog, registration.
export {
  canonicalTopics,
  changeRequestTarget,
  isChangeRequestTarget,
  redeliveryTopic,
  retryTopic,
  topics,
  valueSubject,
  type CanonicalTopic,
  type FixedTopic,
} from './topics/topic-names';
export {
  contractCatalog,
  schemaText,
  topicSchemas,
  type ContractEntry,
  type TopicValue,
} from './topics/contract-catalog';
/** One valid value per fixed topic, for tests of the libs that carry them. */
export { exampleValues } from './testing/examples';

export { ContractError, isContractError, type ContractErrorCode } from './errors/contract-error';
