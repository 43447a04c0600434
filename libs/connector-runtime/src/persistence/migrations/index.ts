import { reconciliationMigrations } from '@hub/reconciliation';
import { CreateSweepWatermark1764230400000 } from './1764230400000-create-sweep-watermark';
import { CreateRateLimit1764900000000 } from './1764900000000-create-rate-limit';
import { CreateJobLease1767657600000 } from './1767657600000-create-job-lease';

export {
  CreateJobLease1767657600000,
  CreateRateLimit1764900000000,
  CreateSweepWatermark1764230400000,
};

/**
 * Every migration of the runtime's own tables, oldest first; the reconciliation tables
 * (owner ledger, drift items) live beside them, so every path that migrates a connector
 * (at start, `npm run migrate`) creates them too.
 */
export const connectorRuntimeMigrations = [
  CreateSweepWatermark1764230400000,
  CreateRateLimit1764900000000,
  CreateJobLease1767657600000,
  ...reconciliationMigrations,
];
