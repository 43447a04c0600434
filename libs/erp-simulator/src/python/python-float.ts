/**
 * Python's float repr, because Odoo's bodies are written by Python: integral floats keep
 * `.0`, and exponents switch on below 1e-4 and from 1e16 with at least two digits.
 */
import xmlrpc from 'xmlrpc';

export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [mantissa = '', exponent = ''] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}

/**
 * A value of an Odoo float field on its way out: JSON writes it as a number, the XML-RPC
 * serializer as `<double>`, the webhook body as Python would (`17.0`).
 */
export class PyFloat extends xmlrpc.CustomType {
  constructor(readonly value: number) {
    super(pythonFloatRepr(value));
    this.tagName = 'double';
  }

  toJSON(): number {
    return this.value;
  }
}
