// The sap simulator module; see simulator-module.ts.
export { SapSimulator, DEFAULT_SAP_USER } from './sap-simulator';
export type { SapSimOptions, SapErrorFault, SapCall } from './sap-simulator';
export type { SapSeed, SapSeedPurchaseOrder, SapSeedPurchaseOrderItem } from './sap-store';
export type { SapEventsConfig, SapEventDelivery } from './sap-events';
