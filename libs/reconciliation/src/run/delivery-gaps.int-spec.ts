import {
  IdempotencyStore,
  idempotencyDataSourceOptions,
  type BeginRequest,
} from '@hub/idempotency';
import { DataSource } from 'typeorm';
import { emptyCounts } from '../compare/compare-snapshots';
import { reconciliationSchema, type ReconciliationSchema } from '../testing/reconciliation-schema';
import { DriftStore, type Pair } from '../store/drift-store';
import { OwnerLedger, type LedgerEntry } from '../store/owner-ledger';
import { runDeliveryGapCheck, type DeliveryGapDeps } from './delivery-gaps';
import { inventoryQuantityOf } from '../compare/inventory';

const pair: Pair = { entityType: 'inventory-level', receiver: 'odoo-l0' };
const MINUTE = 60_000;

function level(key: string, quantity: string): LedgerEntry {
  return {
    entityType: pair.entityType,
    entityKey: key,
    sourceSystem: 'wms-main',
    sourceRecordId: key,
    sourceVersion: 1_000,
    arrivalOrder: 1,
    correlationId: `c1-${key}`,
    payload: { quantityOnHand: quantity },
  };
}

describe('runDeliveryGapCheck (L0) on Postgres, from the hub tables alone', () => {
  let db: ReconciliationSchema;
  let idempotency: DataSource;
  let now = 1_800_000_000_000;
  const clock = { now: () => now };
  let ledger: OwnerLedger;
  let drift: DriftStore;
  let store: IdempotencyStore;

  const request = (key: string): BeginRequest => ({
    target: pair.receiver,
    correlationId: `c1-${key}`,
    entityType: pair.entityType,
    entityKey: key,
    sourceVersion: 1_000,
    leaseOwner: 'worker-a',
    leaseMs: 30_000,
  });

  beforeAll(async () => {
    db = await reconciliationSchema('l0');
    const { databaseUrl, schema } = db.schema;
    idempotency = await new DataSource(
      idempotencyDataSourceOptions({ url: databaseUrl, schema }),
    ).initialize();
    await idempotency.runMigrations();
    ledger = new OwnerLedger(db.dataSource, clock);
    drift = new DriftStore(db.dataSource, clock);
    store = new IdempotencyStore(idempotency, { clock });
  });

  afterAll(async () => {
    await idempotency.destroy();
    await db.close();
  });

  const deps = (): DeliveryGapDeps => ({
    pair,
    ledger,
    drift,
    applied: (keys) => store.appliedVersions(pair.receiver, pair.entityType, keys),
    writeStates: (ids) => store.writeStates(pair.receiver, ids),
    comparable: inventoryQuantityOf,
    graceMs: 15 * MINUTE,
    pageSize: 2,
    clock,
  });

  it('finds the accepted state the receiver never tried, and nothing else', async () => {
    await ledger.record(pair.receiver, [
      level('A-applied', '1'),
      level('B-lost', '2'),
      level('C-retrying', '3'),
      level('D-dead', '4'),
    ]);
    // A applied; C begun and still in flight (waiting for its retry); D failed for good.
    await store.begin(request('A-applied'));
    await store.complete(pair.receiver, 'c1-A-applied', 'worker-a', null);
    await store.begin(request('C-retrying'));
    await store.begin(request('D-dead'));
    await store.fail(pair.receiver, 'c1-D-dead', 'worker-a', { code: 'ODOO_UNKNOWN_PRODUCT' });
    now += 5 * MINUTE;
    await ledger.record(pair.receiver, [level('E-young', '5')]);
    now += 11 * MINUTE; // A–D are 16 min old, E 11 min: inside the grace period

    const report = await runDeliveryGapCheck(deps());

    expect(report).toMatchObject({ compared: 5, halted: false });
    expect(report.counts).toMatchObject({
      'in-sync': 1,
      undelivered: 1,
      'in-flight': 2,
      explained: 1,
    });
    const items = await drift.list(pair, { limit: 10 });
    expect(items.map((item) => [item.entityKey, item.verdict, item.ownerValue])).toEqual([
      ['B-lost', 'undelivered', '2'],
    ]);
  });

  it('heals a gap once the write happened, and never heals a value drift of L3', async () => {
    await drift.recordPage(await drift.startRun(pair, 'L3', {}), pair, {
      findings: [
        {
          key: 'A-applied',
          verdict: 'drifted',
          ownerValue: '1',
          ownerVersion: 1_000,
          receiverValue: '7',
          explanation: null,
        },
      ],
      inSync: [],
      counts: emptyCounts(),
      compared: 1,
    });
    await store.begin(request('B-lost'));
    await store.complete(pair.receiver, 'c1-B-lost', 'worker-a', null);

    await runDeliveryGapCheck(deps());

    const statuses = Object.fromEntries(
      (await drift.list(pair, { limit: 10 })).map((item) => [item.entityKey, item.status]),
    );
    expect(statuses).toEqual({ 'A-applied': 'open', 'B-lost': 'healed' });
  });
});
