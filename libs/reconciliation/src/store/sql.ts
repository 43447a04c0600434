export const runTable = 'reconciliation_run';
export const driftItemTable = 'drift_item';
export const ownerLedgerTable = 'owner_ledger';
