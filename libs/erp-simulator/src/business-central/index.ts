// The business-central simulator module; see simulator-module.ts.
export {
  BusinessCentralSimulator,
  BC_DEFAULT_APP,
  BC_DEFAULT_TENANT,
  type BusinessCentralSimOptions,
} from './business-central-simulator';
export { BC_SCOPE, type BcApp } from './bc-auth';
export { BC_EXTENSION_API } from './bc-extension';
export type { BcRateLimit } from './bc-throttle';
export type { BcSubscriptionOptions, BcDelivery } from './bc-subscriptions';
export type {
  BcCompany,
  BcPurchaseOrder,
  BcSeedCompany,
  BcSeedItem,
  BcSeedPurchaseOrder,
} from './bc-store';
