// The dynamics-finance simulator module; see simulator-module.ts.
export { DynamicsFinanceSimulator } from './dynamics-finance-simulator';
export type { DynamicsFinanceSimOptions } from './dynamics-finance-simulator';
export { DEFAULT_FO_ENTRA_APP } from './fo-entra';
export type { FoEntraApp } from './fo-entra';
export type {
  FoBusinessEvent,
  FoBusinessEventEndpoint,
  FoEventAttempt,
} from './fo-business-events';
export type { FoRequestRecord } from './fo-data-routes';
export type { FoSeed, SeedPurchaseOrderInput } from './fo-store';
