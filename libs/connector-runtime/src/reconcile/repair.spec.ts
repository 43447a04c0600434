import type { DriftItem, LedgerRow } from '@hub/reconciliation';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { proceed, setup, signal } from '../testing/pipeline-fixture';
import {
  TARGET,
  fixedIdentity,
  inventoryEvent,
  jsonSerde,
  purchaseOrderEvent,
  silentLogger,
  unitTopics,
} from '../testing/unit-fakes';
import { repairRun, type RepairDeps } from './repair';

const RUN = 'run-1';

/** The ledger row the hub would hold for `event`: what a repair writes again. */
function ledgerRow(event: AnyCanonicalEvent, correlationId: string): LedgerRow {
  return {
    entityType: event.entityType,
    entityKey: event.entityKey,
    sourceSystem: event.sourceSystem,
    sourceRecordId: event.sourceRecordId,
    sourceVersion: event.sourceVersion,
    arrivalOrder: 7,
    correlationId,
    payload: event.payload,
    updatedAt: 1_700_000_000_000,
  };
}

function driftItem(entityType: string, entityKey: string): DriftItem {
  return {
    entityType,
    receiver: TARGET,
    entityKey,
    verdict: 'drifted',
    status: 'open',
    ownerValue: null,
    ownerVersion: null,
    receiverValue: null,
    firstSeenAt: 1,
    lastSeenAt: 1,
    lastRunId: RUN,
    updatedBy: null,
  };
}

/** Repair deps over the pipeline fixture; the ledger and the open drift (key order, as the store pages) hold just `rows`. */
function repairOf(rows: readonly LedgerRow[]) {
  const fixture = setup(proceed());
  const deps: RepairDeps = {
    system: TARGET,
    pipeline: fixture.pipeline,
    ledger: {
      entries: (_receiver, entityType, keys) =>
        Promise.resolve(
          new Map(
            rows
              .filter((row) => row.entityType === entityType && keys.includes(row.entityKey))
              .map((row) => [row.entityKey, row]),
          ),
        ),
    },
    drift: {
      list: (pair, { afterKey = '' }) =>
        Promise.resolve(
          rows
            .filter((row) => row.entityType === pair.entityType && row.entityKey > afterKey)
            .sort((a, b) => a.entityKey.localeCompare(b.entityKey))
            .map((row) => driftItem(pair.entityType, row.entityKey)),
        ),
    },
    serde: jsonSerde,
    identity: fixedIdentity,
    logger: silentLogger,
  };
  return { ...fixture, deps };
}

const failureCodes = (fixture: ReturnType<typeof repairOf>): unknown[] =>
  fixture.outcomes().map((outcome) => (outcome['failure'] as { code?: unknown } | null)?.code);

describe('repairRun never writes towards the owner', () => {
  it('refuses a row of a type this connector owns, without calling the target', async () => {
    const owned = repairOf([ledgerRow(purchaseOrderEvent(), 'c-po')]);
    const tally = await repairRun(owned.deps, 'purchase-order', RUN, signal);
    expect(tally.outcomes).toEqual({ rejected: 1 });
    expect(owned.adapter.applyCalls).toHaveLength(0);
    expect(owned.store.begin).not.toHaveBeenCalled();
    expect(failureCodes(owned)).toEqual(['REVERSE_DIRECTION_WRITE']);
  });

  it('refuses a row naming this connector as the source, and writes an owner row once', async () => {
    const own = { ...inventoryEvent('SKU-OWN'), sourceSystem: TARGET };
    const normal = inventoryEvent('SKU-OK');
    const fixture = repairOf([ledgerRow(own, 'c-own'), ledgerRow(normal, 'c-ok')]);
    const tally = await repairRun(fixture.deps, 'inventory-level', RUN, signal);
    expect(tally.outcomes).toEqual({ rejected: 1, succeeded: 1 });
    expect(fixture.adapter.applyCalls.map((call) => call.entityKey)).toEqual([normal.entityKey]);
    expect(fixture.store.begin).toHaveBeenCalledTimes(1);
    expect(fixture.sender.to(unitTopics.deadLetter)).toHaveLength(1);
    expect(failureCodes(fixture)).toContain('SOURCE_NOT_OWNER');
  });
});
