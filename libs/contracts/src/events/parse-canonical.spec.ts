import { writeSemanticsOf } from './canonical-contracts';
import { formatFieldErrors, type FieldError } from '../json-form/field-error';
import {
  exampleValues,
  goodsReceiptJson,
  inventoryLevelJson,
  purchaseOrderJson,
} from '../testing/examples';
import { canonicalizePayload, deepFreeze, parseCanonical } from './parse-canonical';

function errorsOf(result: { ok: true } | { ok: false; errors: readonly FieldError[] }): string[] {
  return result.ok ? [] : formatFieldErrors(result.errors).split('\n');
}

describe('parseCanonical', () => {
  it('reads the JSON form of every canonical payload into its Avro form', () => {
    expect(parseCanonical('inventory-level', inventoryLevelJson)).toEqual({
      ok: true,
      value: exampleValues['erp.inventory-level.v1'].payload,
    });
    expect(parseCanonical('purchase-order', purchaseOrderJson)).toEqual({
      ok: true,
      value: exampleValues['erp.purchase-order.v1'].payload,
    });
    expect(parseCanonical('goods-receipt', goodsReceiptJson)).toEqual({
      ok: true,
      value: exampleValues['erp.goods-receipt.v1'].payload,
    });
  });

  it('treats an absent optional field as null', () => {
    const [first] = purchaseOrderJson.lines;
    const { expectedDate: _omitted, ...line } = first ?? { expectedDate: null };
    const result = parseCanonical('purchase-order', { ...purchaseOrderJson, lines: [line] });
    expect(result.ok && result.value.lines[0]?.expectedDate).toBeNull();
  });

  it('lists every field error of a broken payload with its path', () => {
    const broken = {
      poNumber: ' ',
      status: 'open',
      currency: 'eur',
      extra: 1,
      lines: [
        {
          lineNumber: 1,
          sku: 'A',
          quantityOrdered: '1',
          unitOfMeasure: 'PCS',
          unitPrice: '1',
          expectedDate: '2024-02-30',
        },
        { lineNumber: 0, sku: '', quantityOrdered: 5, unitOfMeasure: 'PCS', unitPrice: '-1' },
        { lineNumber: 2.5, sku: 'C', quantityOrdered: '1e3', unitPrice: '1' },
      ],
    };
    expect(errorsOf(parseCanonical('purchase-order', broken))).toEqual([
      'extra: is not a field of PurchaseOrder',
      'poNumber: must not be empty',
      'supplierId: is required',
      'status: must be one of draft, confirmed, cancelled, closed',
      'currency: must be an ISO 4217 currency code (3 upper-case letters)',
      'lines[0].expectedDate: must be a date YYYY-MM-DD',
      'lines[1].lineNumber: must be at least 1',
      'lines[1].sku: must not be empty',
      'lines[1].quantityOrdered: must be a decimal string (e.g. "12.50"), not a number',
      'lines[1].unitPrice: must not be negative',
      'lines[2].lineNumber: must be a 32-bit integer',
      'lines[2].quantityOrdered: must be a decimal string (e.g. "12.50")',
      'lines[2].unitOfMeasure: is required',
    ]);
  });

  it('checks what the schema cannot: negative quantities, warehouse codes, timestamps with zone', () => {
    const level = {
      ...inventoryLevelJson,
      quantityOnHand: '-3',
      warehouse: 'A:B',
      asOf: '2024-05-01T10:00:00',
    };
    expect(errorsOf(parseCanonical('inventory-level', level))).toEqual([
      "warehouse: must not contain ':'",
      'quantityOnHand: must not be negative',
      'asOf: must be an ISO-8601 date-time with zone (e.g. "2024-05-01T10:00:00.000Z")',
    ]);
  });

  it('refuses duplicate PO line numbers', () => {
    const [line] = purchaseOrderJson.lines;
    expect(
      errorsOf(parseCanonical('purchase-order', { ...purchaseOrderJson, lines: [line, line] })),
    ).toEqual(['lines[1].lineNumber: duplicates line number 10']);
  });

  it.each([null, [], 'x', 7])('says the payload itself must be an object (%j)', (json) => {
    expect(errorsOf(parseCanonical('goods-receipt', json))).toEqual(['(value): must be an object']);
  });
});

describe('canonicalizePayload', () => {
  it('normalizes decimals an ERP connector spelled its own way', () => {
    const receipt = exampleValues['erp.goods-receipt.v1'].payload;
    const spelled = {
      ...receipt,
      lines: receipt.lines.map((line) => ({ ...line, quantityReceived: '040.000' })),
    };
    expect(canonicalizePayload('goods-receipt', spelled)).toEqual({ ok: true, value: receipt });
  });

  it('reports Avro type errors and rule errors with paths', () => {
    const level = exampleValues['erp.inventory-level.v1'].payload;
    expect(
      errorsOf(canonicalizePayload('inventory-level', { ...level, asOf: '2024-05-01' })),
    ).toEqual(['asOf: does not match its Avro type']);
    expect(errorsOf(canonicalizePayload('inventory-level', { ...level, sku: '' }))).toEqual([
      'sku: must not be empty',
    ]);
  });
});

describe('write semantics', () => {
  it('make levels and orders states (newest wins) and receipts additive facts', () => {
    expect(writeSemanticsOf('inventory-level')).toBe('state');
    expect(writeSemanticsOf('purchase-order')).toBe('state');
    expect(writeSemanticsOf('goods-receipt')).toBe('additive');
  });
});

describe('deepFreeze (what parseCanonical marks)', () => {
  it('freezes records and arrays all the way down', () => {
    const payload = { sku: 'A', lines: [{ quantity: '1' }] };
    expect(deepFreeze(payload)).toBe(true);
    expect([
      Object.isFrozen(payload),
      Object.isFrozen(payload.lines),
      Object.isFrozen(payload.lines[0]),
    ]).toEqual([true, true, true]);
  });

  it('freezes nothing when the value holds bytes anywhere', () => {
    const payload = { first: { sku: 'A' }, lines: [{ quantity: '1' }], blob: Buffer.from('x') };
    expect(deepFreeze(payload)).toBe(false);
    expect([
      Object.isFrozen(payload),
      Object.isFrozen(payload.first),
      Object.isFrozen(payload.lines),
      Object.isFrozen(payload.lines[0]),
    ]).toEqual([false, false, false, false]);
  });
});
