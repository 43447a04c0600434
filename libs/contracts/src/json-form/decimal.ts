/**
 * Quantities and money travel as decimal strings, never floats: an ERP's 0.1 + 0.2 must stay
 * 0.3, and a float64 silently rounds prices with many digits. Canonical form: no sign for
 * zero or positives, no leading zeros, no trailing fractional zeros ("12.50" → "12.5",
 * "007" → "7", "-0.0" → "0"), so equal amounts have one spelling and one payload digest.
 */
const decimalPattern = /^(-)?(\d{1,40})(?:\.(\d{1,40}))?$/;

/** The canonical spelling, or undefined when the text is not a plain decimal. */
export function normalizeDecimal(text: string): string | undefined {
  const match = decimalPattern.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const magnitude = decimals === '' ? integer : `${integer}.${decimals}`;
  return magnitude === '0' ? '0' : `${sign}${magnitude}`;
}

export function isNegativeDecimal(canonical: string): boolean {
  return canonical.startsWith('-');
}
