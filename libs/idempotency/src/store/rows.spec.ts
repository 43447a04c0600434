import { toAppliedVersion, toWriteRecord, type RawRow } from './rows';

const created = new Date(Date.UTC(2025, 10, 27, 10, 0));

/** A row as node-postgres returns it: int8 as a string, jsonb parsed, timestamptz as Date. */
const stored: RawRow = {
  target: 'sap',
  correlation_id: 'c-1',
  entity_type: 'inventory-level',
  entity_key: 'WH1:SKU-42',
  source_version: '1764237600000',
  state: 'in-flight',
  lease_owner: null,
  lease_expires_at: null,
  attempts: 2,
  steps: { create: '100000123' },
  result: null,
  error: { code: 'ERP_TIMEOUT' },
  created_at: created,
  updated_at: created,
};

describe('row mapping', () => {
  it('reads a write record, int8 as a number and times as epoch ms', () => {
    expect(toWriteRecord(stored)).toEqual({
      target: 'sap',
      correlationId: 'c-1',
      entityType: 'inventory-level',
      entityKey: 'WH1:SKU-42',
      sourceVersion: 1764237600000,
      state: 'in-flight',
      leaseOwner: null,
      leaseExpiresAt: null,
      attempts: 2,
      steps: { create: '100000123' },
      result: null,
      error: { code: 'ERP_TIMEOUT' },
      createdAt: created.getTime(),
      updatedAt: created.getTime(),
    });
  });

  it.each<[string, RawRow]>([
    ['an unknown state', { ...stored, state: 'posted' }],
    ['steps that are not an object', { ...stored, steps: ['create'] }],
    ['a version past the safe integers', { ...stored, source_version: '9007199254740993' }],
    ['a missing column', { ...stored, result: undefined }],
    ['a time that is not a Date', { ...stored, created_at: '2025-11-27' }],
  ])('refuses %s as an unexpected row', (_case, row) => {
    let caught: unknown;
    try {
      toWriteRecord(row);
    } catch (error) {
      caught = error;
    }

    expect(caught).toMatchObject({ code: 'IDEMPOTENCY_UNEXPECTED_ROW', retriable: false });
  });

  it('reads the aliased guard columns, or null when the entity has none', () => {
    const row = {
      applied_version: '1764237600000',
      applied_correlation_id: 'c-9',
      applied_arrival_order: '41',
      applied_at: created,
    };

    expect(toAppliedVersion(row)).toEqual({
      version: 1764237600000,
      arrivalOrder: 41,
      correlationId: 'c-9',
      appliedAt: created.getTime(),
    });
    expect(
      toAppliedVersion({ applied_version: null, applied_correlation_id: null, applied_at: null }),
    ).toBeNull();
  });
});
