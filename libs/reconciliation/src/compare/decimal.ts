/**
 * ERPs answer quantities in their own precision ("5", "5.000", 5): the canonical form is a
 * decimal string, so values are compared as exact decimals, never through floats (0.1 + 0.2).
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** The canonical text of a decimal ("-0005.500" → "-5.5"), or null when it is not one. */
export function normalizeDecimal(value: string | number): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  const match = DECIMAL.exec(text.trim());
  if (match === null) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  const decimals = fraction.replace(/0+$/, '');
  const magnitude = decimals === '' ? integer : `${integer}.${decimals}`;
  return magnitude === '0' || sign !== '-' ? magnitude : `-${magnitude}`;
}

/** Equal as decimals; a value that is not a decimal equals nothing. */
export function sameDecimal(a: string | number, b: string | number): boolean {
  const left = normalizeDecimal(a);
  return left !== null && left === normalizeDecimal(b);
}

/** A comparator for `compareSnapshots` on quantities: strings or numbers, compared as decimals. */
export function sameQuantity(owner: unknown, receiver: unknown): boolean {
  const decimal = (value: unknown): value is string | number =>
    typeof value === 'string' || typeof value === 'number';
  return decimal(owner) && decimal(receiver) && sameDecimal(owner, receiver);
}
