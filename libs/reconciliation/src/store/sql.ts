export const runTable = 'reconciliation_run';
export const driftItemTable = 'drift_item';
