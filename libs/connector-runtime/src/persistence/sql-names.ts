export const sweepWatermarkTable = 'connector_sweep_watermark';
export const rateLimitTable = 'connector_rate_limit';
export const jobLeaseTable = 'connector_job_lease';
export const connectorRuntimeMigrationsTable = 'connector_runtime_migrations';

export { qualifiedTable } from '@hub/idempotency';
