import { OwnerLedger, type LedgerEntry } from './owner-ledger';
import { reconciliationSchema, type ReconciliationSchema } from '../testing/reconciliation-schema';

function level(key: string, version: number, arrival: number, quantity: string): LedgerEntry {
  return {
    entityType: 'inventory-level',
    entityKey: key,
    sourceSystem: 'wms-main',
    sourceRecordId: `${key}@${String(version)}`,
    sourceVersion: version,
    arrivalOrder: arrival,
    correlationId: `c1-${key}-${String(version)}-${String(arrival)}`,
    payload: { quantityOnHand: quantity },
  };
}

describe('OwnerLedger', () => {
  let db: ReconciliationSchema;
  let now = 1_800_000_000_000;
  let ledger: OwnerLedger;

  beforeAll(async () => {
    db = await reconciliationSchema('ledger');
    ledger = new OwnerLedger(db.dataSource, { now: () => now });
  });

  afterAll(() => db.close());

  const quantities = async (receiver: string) =>
    Object.fromEntries(
      (await ledger.page(receiver, 'inventory-level', '', 100)).map((row) => [
        row.entityKey,
        row.payload,
      ]),
    );

  it('keeps the newest state per key, within a batch and across batches, out of order', async () => {
    expect(
      await ledger.record('odoo-a', [
        level('WH1:A', 200, 5, '20'),
        level('WH1:A', 100, 6, '10'),
        level('WH1:B', 100, 1, '1'),
        level('WH1:B', 100, 2, '2'),
      ]),
    ).toBe(2);
    expect(await quantities('odoo-a')).toEqual({
      'WH1:A': { quantityOnHand: '20' },
      'WH1:B': { quantityOnHand: '2' },
    });

    // Older versions read again never replace newer ones; a newer one does.
    expect(await ledger.record('odoo-a', [level('WH1:A', 150, 9, '15')])).toBe(0);
    expect(await ledger.record('odoo-a', [level('WH1:B', 300, 3, '30')])).toBe(1);
    expect(await quantities('odoo-a')).toEqual({
      'WH1:A': { quantityOnHand: '20' },
      'WH1:B': { quantityOnHand: '30' },
    });
  });

  it('keeps receivers apart, and pages in key order', async () => {
    await ledger.record('odoo-b', [level('WH1:C', 1, 1, '1'), level('WH1:D', 1, 2, '1')]);
    expect(Object.keys(await quantities('odoo-b'))).toEqual(['WH1:C', 'WH1:D']);
    const second = await ledger.page('odoo-b', 'inventory-level', 'WH1:C', 10);
    expect(second.map((row) => row.entityKey)).toEqual(['WH1:D']);
    expect(second[0]).toMatchObject({
      sourceVersion: 1,
      arrivalOrder: 2,
      sourceSystem: 'wms-main',
    });
    const found = await ledger.entries('odoo-b', 'inventory-level', ['WH1:D', 'WH1:none']);
    expect([...found.keys()]).toEqual(['WH1:D']);
  });

  it('tells which keys moved since a time; the same event read again does not count as a move', async () => {
    now = 1_800_000_100_000;
    const windowOpened = now;
    await ledger.record('odoo-c', [level('K1', 1, 1, '1'), level('K2', 1, 2, '1')]);
    now += 5_000;
    const readStarted = now;
    await ledger.record('odoo-c', [level('K1', 1, 1, '1'), level('K2', 2, 3, '2')]);
    expect(
      await ledger.changedSince('odoo-c', 'inventory-level', ['K1', 'K2', 'K3'], readStarted),
    ).toEqual(new Set(['K2']));
    expect(
      await ledger.changedSince('odoo-c', 'inventory-level', ['K1', 'K2'], windowOpened),
    ).toEqual(new Set(['K1', 'K2']));
    expect(await ledger.changedSince('odoo-c', 'inventory-level', [], windowOpened)).toEqual(
      new Set(),
    );
  });
});
