/**
 * @hub/local-stack: the real Kafka, schema registry and Postgres on a machine without
 * Docker, provisioned with no hand steps. See ../README.md.
 */
export { stackDown, stackEndpoints, stackStatus, stackUp } from './stack';
export { StackError } from './errors';
export { KAFKA_VERSION } from './kafka';
export { startPrivateKafka } from './private-kafka';
export type { PrivateKafka, PrivateKafkaOptions } from './private-kafka';
export { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
export { APICURIO_VERSION } from './schema-registry';
export type {
  ComponentState,
  ComponentStatus,
  Log,
  StackDownOptions,
  StackEndpoints,
  StackUpOptions,
} from './types';
