/**
 * Quantities and money travel as decimal strings, never floats: an ERP's 0.1 + 0.2 must stay
 * 0.3, and a float64 silently rounds prices with many digits. Canonical form: no sign for
 * zero or positives, no leading zeros, no trailing fractional zeros ("12.50" → "12.5",
 * "007" → "7", "-0.0" → "0"), so equal amounts have one spelling and one payload digest.
 */
const decimalPattern = /^(-)?(\d{1,40})(?:\.(\d{1,40}))?$/;

const zero = 48;
const nine = 57;
const maxDigits = 40;

/**
 * Whether `text` is already canonical, i.e. normalizeDecimal would return it unchanged: the
 * usual case (events carry canonical amounts), answered by one scan instead of three regexes.
 */
function isCanonicalDecimal(text: string): boolean {
  const length = text.length;
  const negative = text.charCodeAt(0) === 45;
  let at = negative ? 1 : 0;
  const wholeFrom = at;
  while (at < length && text.charCodeAt(at) >= zero && text.charCodeAt(at) <= nine) at += 1;
  const whole = at - wholeFrom;
  if (whole === 0 || whole > maxDigits) return false;
  // A leading zero only as the whole part "0", and "-0" is spelled "0".
  const zeroWhole = text.charCodeAt(wholeFrom) === zero;
  if (zeroWhole && whole > 1) return false;
  if (at === length) return !(negative && zeroWhole);
  if (text.charCodeAt(at) !== 46) return false;
  const fractionFrom = at + 1;
  at = fractionFrom;
  while (at < length && text.charCodeAt(at) >= zero && text.charCodeAt(at) <= nine) at += 1;
  const fraction = at - fractionFrom;
  return (
    at === length && fraction > 0 && fraction <= maxDigits && text.charCodeAt(length - 1) !== zero
  );
}

/** The canonical spelling, or undefined when the text is not a plain decimal. */
export function normalizeDecimal(text: string): string | undefined {
  if (isCanonicalDecimal(text)) return text;
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
