import {
  decimalText,
  formatOdooDateTime,
  many2oneId,
  odooDay,
  parseOdooDateTime,
} from './odoo-values';

describe('Odoo values', () => {
  it('reads naive-UTC datetimes and writes whole seconds', () => {
    expect(parseOdooDateTime('2024-11-05 14:03:27')).toBe(Date.parse('2024-11-05T14:03:27Z'));
    expect(parseOdooDateTime(false)).toBeUndefined();
    expect(formatOdooDateTime(Date.parse('2024-11-05T14:03:27.999Z'))).toBe('2024-11-05 14:03:27');
    expect(odooDay('1970-01-02')).toBe(1);
    expect(odooDay('1970-01-02 23:59:59')).toBe(1);
  });

  it('reads many2one in both forms', () => {
    expect(many2oneId([42, '[SKU-001] Widget'])).toBe(42);
    expect(many2oneId(42)).toBe(42);
    expect(many2oneId(false)).toBeUndefined();
  });

  it('writes floats as plain decimals', () => {
    expect(decimalText(17)).toBe('17');
    expect(decimalText(12.5)).toBe('12.5');
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(1e21)).toBe('1000000000000000000000');
  });
});
