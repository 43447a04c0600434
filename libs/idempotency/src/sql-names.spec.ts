import { qualifiedName, quoteIdentifier, schemaOf } from './sql-names';

describe('sql names', () => {
  it('quotes identifiers, doubling embedded quotes', () => {
    expect(quoteIdentifier('write_record')).toBe('"write_record"');
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
  });

  it('qualifies a table with its schema, or leaves it to the search path without one', () => {
    expect(qualifiedName('hub_test', 'write_record')).toBe('"hub_test"."write_record"');
    expect(qualifiedName(undefined, 'write_record')).toBe('"write_record"');
  });

  it('reads the schema of a postgres DataSource only', () => {
    expect(schemaOf({ type: 'postgres', schema: 'hub' })).toBe('hub');
    expect(schemaOf({ type: 'postgres' })).toBeUndefined();
    expect(schemaOf({ type: 'better-sqlite3', database: ':memory:' })).toBeUndefined();
  });
});
