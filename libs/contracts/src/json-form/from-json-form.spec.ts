import { formatFieldErrors } from './field-error';
import { fromJsonForm } from './from-json-form';
import { toJsonForm } from './to-json-form';

const schema = {
  type: 'record',
  name: 'Sample',
  fields: [
    { name: 'kind', type: { type: 'string', 'hub.values': ['inventory-level', 'goods-receipt'] } },
    { name: 'system', type: { type: 'string', 'hub.format': 'system-id' } },
    { name: 'id', type: { type: 'string', 'hub.format': 'uuid' } },
    { name: 'blob', type: 'bytes' },
    { name: 'headers', type: { type: 'map', values: 'string' }, default: {} },
    { name: 'offset', type: ['null', 'long'], default: null },
  ],
} as const;

const valid = {
  kind: 'goods-receipt',
  system: 'odoo-eu',
  id: '3F2B8C1E-4D5A-4E6F-8A7B-9C0D1E2F3A4B',
  blob: 'AAEC',
  headers: { a: 'b' },
  offset: 7,
};

describe('fromJsonForm', () => {
  it('reads bytes from base64, maps and optional longs, lower-cases UUIDs', () => {
    expect(fromJsonForm(schema, valid)).toEqual({
      ok: true,
      value: { ...valid, id: '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b', blob: Buffer.from([0, 1, 2]) },
    });
  });

  it('fills fields with defaults when absent', () => {
    const { headers: _headers, offset: _offset, ...rest } = valid;
    const result = fromJsonForm(schema, rest);
    expect(result.ok && [result.value.headers, result.value.offset]).toEqual([{}, null]);
  });

  it('reports every problem, inside maps too', () => {
    const result = fromJsonForm(schema, {
      kind: 'inventory_level',
      system: 'Odoo',
      id: 'nope',
      blob: '***',
      headers: { a: 1 },
      offset: 1.5,
    });
    expect(result.ok ? [] : formatFieldErrors(result.errors).split('\n')).toEqual([
      'kind: must be one of inventory-level, goods-receipt',
      'system: must be a system id ([a-z0-9-]+)',
      'id: must be a UUID',
      'blob: must be base64 text',
      'headers.a: must be a string',
      'offset: must be an integer',
    ]);
  });

  it('is the inverse of toJsonForm', () => {
    const parsed = fromJsonForm(schema, valid);
    if (!parsed.ok) throw new Error(formatFieldErrors(parsed.errors));
    expect(fromJsonForm(schema, toJsonForm(schema, parsed.value))).toEqual(parsed);
  });
});
