// Typed configuration validated at start-up. The only code in the repository that reads
// process.env (inside ConfigDefinition.load); everything else receives typed values.
export { ConfigError } from './config-error';
export type { ConfigErrorCode, ConfigProblem } from './config-error';
export type {
  ConfigShape,
  ConfigValue,
  EnvSource,
  Frozen,
  Setting,
  SettingGroup,
} from './config-types';
export { defineConfig } from './define-config';
export type { ConfigDefinition, ConfigOf, SettingEntry } from './define-config';
export { group, setting, withDefault, withDefaults } from './setting';
export { duration } from './building-blocks/duration';
export { parseDuration } from '@hub/primitives';
export { list } from './building-blocks/list';
export { jsonText } from './building-blocks/json-text';
export { integer, port } from './building-blocks/numbers';
export { LOG_LEVELS, boolean, logLevel, oneOf, text } from './building-blocks/scalars';
export type { LogLevel } from './building-blocks/scalars';
export { basicAuth, hostPort, url } from './building-blocks/network';
export type { BasicAuth } from './building-blocks/network';
export { kafkaSaslProblems, kafkaSettings, kafkaTlsProblems } from './groups/kafka-settings';
export type { KafkaConfig } from './groups/kafka-settings';
export { schemaRegistrySettings } from './groups/schema-registry-settings';
export { databaseSettings } from './groups/database-settings';
export { observabilitySettings } from './groups/observability-settings';
export { hubServiceSettings } from './groups/hub-service-settings';
export { renderConfigReference } from './render-config-reference';
export { replaceReferenceBlock } from './reference-block';
export {
  CONFIGURATION_DOC,
  staleSettingsDocs,
  writeSettingsDocs,
  type AppSettingsDocs,
} from './settings-docs';
export { renderSharedSettingsReference } from './shared-settings-reference';
