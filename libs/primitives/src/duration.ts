const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * `500ms`, `30s`, `2m`, `1h`, `1d`, `1.5s` → milliseconds. A bare number is refused on
 * purpose: `30` could mean seconds or milliseconds, and guessing is how timeouts go wrong.
 * Returns undefined for anything else, including fractions of a millisecond.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null) return undefined;
  const [, amount, unit] = match;
  if (amount === undefined || unit === undefined || !(unit in UNIT_MS)) return undefined;
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return Number.isSafeInteger(ms) ? ms : undefined;
}
