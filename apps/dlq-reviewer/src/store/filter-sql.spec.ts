import { escapeLike, filterWhere } from './filter-sql';

describe('filterWhere', () => {
  it('binds every value and never inlines it', () => {
    const hostile = "x'; DROP TABLE dead_letter_items; --";
    const where = filterWhere({ target: 'odoo', entityKey: hostile, text: hostile });
    expect(where.clause).not.toContain('DROP');
    expect(where.params).toEqual(['odoo', hostile, `%${escapeLike(hostile)}%`]);
    expect(where.clause).toBe(
      `"target" = $1 AND "entity_key" = $2 AND "error_message" ILIKE $3 ESCAPE '\\'`,
    );
  });

  it('is TRUE without filters', () => {
    expect(filterWhere({})).toEqual({ clause: 'TRUE', params: [] });
  });

  it('adds the keyset condition after the filters', () => {
    const where = filterWhere(
      { status: ['open'] },
      { position: '2026-01-01T00:00:00.000000Z', id: '7' },
    );
    expect(where.params).toEqual([['open'], '2026-01-01T00:00:00.000000Z', '7']);
    expect(where.clause).toContain('("dead_lettered_at", "id") < ($2::timestamptz, $3::bigint)');
  });
});

describe('escapeLike', () => {
  it('makes LIKE wildcards literal', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

describe('filterWhere towards newer items', () => {
  it('turns the keyset comparison round for the previous page', () => {
    const where = filterWhere(
      { target: 'odoo' },
      { position: '2026-01-01T00:00:00.000000Z', id: '7' },
      'newer',
    );
    expect(where.clause).toBe(
      `"target" = $1 AND ("dead_lettered_at", "id") > ($2::timestamptz, $3::bigint)`,
    );
  });
});
