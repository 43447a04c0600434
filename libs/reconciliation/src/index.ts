export {
  compareSnapshots,
  DEFAULT_DRIFT_CAP,
  driftCount,
  emptyCounts,
  exceedsDriftCap,
  type Comparison,
  type ComparisonInput,
  type DriftCap,
  type Finding,
  type OwnerState,
  type VerdictCounts,
} from './compare/compare-snapshots';
export { normalizeDecimal, sameDecimal, sameQuantity } from './compare/decimal';
export { inventoryQuantityOf } from './compare/inventory';
export { DRIFT_VERDICTS, VERDICTS, type Explanation, type Verdict } from './compare/verdicts';
export {
  reconciliationDataSourceOptions,
  reconciliationMigrations,
  reconciliationMigrationsTable,
  type ReconciliationDataSourceSettings,
} from './store/data-source-options';
export {
  DriftStore,
  type DriftItem,
  type ItemStatus,
  type Pair,
  type PairSummary,
  type ItemVerdict,
  type RunLevel,
  type RunRecord,
  type RunState,
} from './store/drift-store';
export {
  newestPerKey,
  OwnerLedger,
  type KeyScope,
  type LedgerEntry,
  type LedgerRow,
} from './store/owner-ledger';
export {
  runFullCompare,
  scopeRecord,
  warehouseScope,
  type FullCompareDeps,
  type FullCompareReport,
} from './run/full-compare';
export {
  runDeliveryGapCheck,
  type DeliveryGapDeps,
  type DeliveryGapReport,
} from './run/delivery-gaps';
export {
  runReceiverDelta,
  type ReceiverChangePage,
  type ReceiverDeltaDeps,
  type ReceiverDeltaReport,
} from './run/receiver-delta';
export { runKeyCheck, type KeyCheckDeps } from './run/key-check';
export { keyScopeOf, runScopeRequest, type RunScopeRequest } from './run/run-scope';
