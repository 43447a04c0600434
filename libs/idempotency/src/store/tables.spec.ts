import { oncePerTables, type Tables } from './tables';

const tablesIn = (schema: string): Tables => ({
  writeRecord: `"${schema}"."write_record"`,
  appliedVersion: `"${schema}"."applied_version"`,
  recordClaim: `"${schema}"."record_claim"`,
});

describe('oncePerTables', () => {
  it('builds a statement once per Tables and hands back that same text afterwards', () => {
    const build = jest.fn((tables: Tables) => `SELECT 1 FROM ${tables.writeRecord}`);
    const statement = oncePerTables(build);
    const tables = tablesIn('hub');

    const first = statement(tables);
    const again = statement(tables);

    expect(again).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('builds each store its own text from its own table names', () => {
    const statement = oncePerTables((tables) => `SELECT 1 FROM ${tables.writeRecord}`);

    expect(statement(tablesIn('a'))).toBe('SELECT 1 FROM "a"."write_record"');
    expect(statement(tablesIn('b'))).toBe('SELECT 1 FROM "b"."write_record"');
  });
});
