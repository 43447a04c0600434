export { startErpSimulator, buildErpSimulatorApp } from './start-erp-simulator';
export type { ErpSimulator, StartErpSimulatorOptions } from './start-erp-simulator';
export { OdooSimulator, defaultOdooUser } from './odoo/odoo-simulator';
export type {
  OdooSimOptions,
  OdooUser,
  OdooCall,
  OdooResult,
  OdooTransport,
  WebhookTiming,
} from './odoo/odoo-simulator';
export { hubCorrelationFields } from './odoo/custom-fields';
export type { CustomFieldDef } from './odoo/odoo-registry';
export type { CustomFieldType } from './odoo/models-ir';
export type { OdooSeed, SeedPurchaseOrder, SeedResult } from './odoo/odoo-seed';
export type { OdooWebhookConfig, WebhookAttempt } from './odoo/odoo-webhooks';
export { OdooError } from './odoo/odoo-errors';
export type { OdooValue, StoredRecord } from './odoo/odoo-values';
export { WmsSimulator, DEFAULT_WMS_SECRET } from './wms/wms-simulator';
export type { WmsSimOptions, WmsDelivery, WmsAttempt } from './wms/wms-simulator';
export type { WmsEventType, WmsEmitOptions, WmsEmitResult, WmsBatchEvent } from './wms/wms-emit';
export type { FaultSpec, FaultKind, ActiveFault } from './faults/fault-spec';
export { pythonJsonDumps } from './python/python-json';
export { PyFloat, pythonFloatRepr } from './python/python-float';
export type { SimulatorModule } from './simulator-module';
export * from './business-central';
export * from './sap';
export * from './dynamics-finance';
