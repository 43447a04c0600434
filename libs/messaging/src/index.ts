// @hub/messaging: Kafka plumbing without a framework. kafkajs and avsc types stay inside;
// apps see only the types below, so the client library can be swapped later.
export { MessagingError, isMessagingError } from './errors/messaging-error';
export type { MessagingErrorCode } from './errors/messaging-error';
export type { MessagingLogger } from './logger';

export { createKafkaClient } from './client/create-kafka-client';
export type { KafkaClient } from './client/create-kafka-client';
export type {
  KafkaClientConfig,
  KafkaTlsOptions,
  SaslCredentials,
  SaslMechanism,
} from './client/kafka-client-config';
export {
  KAFKA_SECURITY_REQUIRED_MESSAGE,
  assertKafkaSecurity,
  createKafkaClientFrom,
  kafkaClientConfigFrom,
  productionModeReason,
} from './settings/kafka-client-from-settings';
export type { KafkaSettings } from './settings/kafka-client-from-settings';

export { createTopicAdmin } from './admin/topic-admin';
export type { EnsureTopicsOptions, EnsureTopicsReport, TopicAdmin } from './admin/topic-admin';
export type { TopicSpec } from './admin/topic-spec';
export { createGroupProgressReader } from './admin/group-progress';
export type { GroupProgress, GroupProgressReader } from './admin/group-progress';
export { deleteConsumerGroups } from './admin/delete-groups';
export type { DeletedGroups } from './admin/delete-groups';

export { createProducer } from './producer/producer';
export type { Producer, ProducerOptions } from './producer/producer';
export { createProduceBatcher } from './producer/produce-batcher';
export type { ProduceBatcher, ProduceBatcherOptions } from './producer/produce-batcher';
export type { MessageSender, OutgoingMessage } from './producer/outgoing-message';
export { partitionForKey } from './partitioning/partitioner';

export { decodeHubHeaders, encodeHubHeaders } from './headers/header-codec';
export { hubHeaderNames } from './headers/hub-headers';
export type { AttemptRecord, HubHeaders, RawHeaders } from './headers/hub-headers';

export { createSchemaRegistrySerde } from './serde/schema-registry-serde';
export type {
  DecodeOptions,
  RegisterOptions,
  SchemaRegistrySerde,
} from './serde/schema-registry-serde';
export type {
  CompatibilityLevel,
  FetchFunction,
  RegistryConnection,
} from './serde/registry-client';
export type { AvroSchema } from './serde/avro';
export {
  createSchemaRegistrySerdeFrom,
  registerContractCatalog,
  registryConnectionFrom,
} from './settings/serde-from-settings';
export type { SchemaRegistrySettings } from './settings/serde-from-settings';

export { createConsumerRunner } from './consumer/consumer-runner';
export { bookkeepingFetch, defaultFetch } from './consumer/fetch-policy';
export type { FetchPolicy } from './consumer/fetch-policy';
export type { LagGauge, LagLabels } from './consumer/lag-reporter';
export type {
  ConsumerHandling,
  ConsumerRunner,
  ConsumerRunnerOptions,
  TopicPartitions,
} from './consumer/consumer-runner-options';
export type {
  BatchHandler,
  ConsumedMessage,
  HandlerContext,
  MessageDecoder,
  MessageHandler,
  RawMessage,
} from './consumer/consumed-message';
export { hubMessageDecoder } from './consumer/hub-message-decoder';
export type { HubMessageDecoderOptions, ValueDeserializer } from './consumer/hub-message-decoder';
export { deadLetterHeaderNames, UNDECODABLE_REASON } from './consumer/dead-letter';
export type { CommitPolicy } from './consumer/pending-commits';
export type { HandlerRetryPolicy } from './consumer/retry-delay';
// For other projects' unit tests: a flow fed one batch through the real runner, kafkajs stood in for.
export {
  consumeOneBatch,
  jsonDeserializer,
  jsonEventMessage,
  type BatchMessage,
  type BatchResult,
  type OneBatch,
} from './testing/one-batch';
