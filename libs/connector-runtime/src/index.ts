// @hub/connector-runtime: the one write path (and read path) every connector uses.
export type {
  AnyCanonicalEvent,
  FetchResult,
  ReadAdapter,
  SourceRecord,
  SweepPage,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from './adapter/erp-adapter';
export {
  SWEEP_MODES,
  connectorRuntimeSettings,
  type ConnectorRuntimeSettings,
  type SweepMode,
} from './settings/connector-runtime-settings';
export { createConnectorRuntime } from './runtime/create-connector-runtime';
export type {
  ConnectorRuntime,
  ConnectorRuntimeOptions,
  ConnectorRuntimeStatus,
} from './runtime/connector-runtime-options';
export {
  connectorTopics,
  type ConnectorTopicOverrides,
  type ConnectorTopics,
} from './runtime/connector-topics';
export type { ConnectorDatabase } from './persistence/connector-data-sources';
export {
  CreateSweepWatermark1764230400000,
  connectorRuntimeMigrations,
} from './persistence/migrations';
export { connectorRuntimeMigrationsTable, sweepWatermarkTable } from './persistence/sql-names';
export type { SweepReport } from './read/sweeper';
export type { ReceiverChanges, ReconcileAdapter } from './reconcile/reconcile-adapter';
export type { ReconcileLevel, ReconcileReport } from './reconcile/reconciliation';
export {
  failedWith,
  inventoryLevelReads,
  orChains,
  skusByWarehouse,
  type WarehouseRead,
} from './reconcile/inventory-level-reads';
export { canonicalEventOf } from './read/record-publisher';
export { CircuitOpenError, TargetHeldError, type TargetOperation } from './write/target-gate';
export { parseCanonicalEvent } from './write/canonical-decoder';
export {
  ControlReader,
  controlMessage,
  type ControlReaderOptions,
} from './controls/control-reader';
export { TargetControls, holdsWrites, type ControlSource } from './controls/target-controls';
export {
  DeliveryRecords,
  traceparentFor,
  type DeliveryRecordTopics,
  type EnvelopeDelivery,
  type OutcomeDetails,
} from './write/delivery-records';
export {
  PREVIOUSLY_FAILED_PERMANENTLY,
  WRITE_IN_FLIGHT_ELSEWHERE,
  type WriteLabel,
} from './write/write-pipeline';
export * from './kit';
export { createConnectorApp } from './app/create-connector-app';
export { connectorAppSettings, type ConnectorPortSetting } from './app/connector-app-settings';
export type {
  ConnectorApp,
  ConnectorAppConfig,
  ConnectorAppOptions,
  ConnectorKitContext,
  ConnectorOwnTables,
  ConnectorProtocol,
  ConnectorStartupCheck,
  ReadSideSetting,
} from './app/connector-app-options';
