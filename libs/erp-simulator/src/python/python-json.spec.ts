import { PyFloat, pythonFloatRepr } from './python-float';
import { pythonJsonDumps } from './python-json';

describe('pythonJsonDumps (json.dumps(sort_keys=True))', () => {
  it('writes the reference webhook body byte for byte (docs/erp-protocols.md §1.6)', () => {
    const body = pythonJsonDumps({
      write_date: '2024-11-05 14:03:27',
      quantity: new PyFloat(17),
      product_id: 42,
      location_id: 8,
      inventory_quantity: new PyFloat(0),
      id: 314,
      _model: 'stock.quant',
      _id: 314,
      _action: 'Send Webhook Notification(#61)',
    });
    expect(body).toBe(
      '{"_action": "Send Webhook Notification(#61)", "_id": 314, "_model": "stock.quant", "id": 314, "inventory_quantity": 0.0, "location_id": 8, "product_id": 42, "quantity": 17.0, "write_date": "2024-11-05 14:03:27"}',
    );
  });

  it('escapes like ensure_ascii: non-ASCII as lower-case \\uXXXX, controls, quotes', () => {
    expect(pythonJsonDumps({ name: 'Widgét "1"\n\u007f😀' })).toBe(
      '{"name": "Widg\\u00e9t \\"1\\"\\n\\u007f\\ud83d\\ude00"}',
    );
  });

  it('writes empty values as false, lists with ", " and nested objects sorted', () => {
    expect(pythonJsonDumps({ b: [1, 2], a: false, c: { z: null, y: true } })).toBe(
      '{"a": false, "b": [1, 2], "c": {"y": true, "z": null}}',
    );
  });

  it.each([
    [17, '17.0'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e16, '1e+16'],
    [0.00001, '1e-05'],
    [123456.789, '123456.789'],
  ])('Python float repr of %p is %s', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });
});
