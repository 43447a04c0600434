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

/**
 * Milliseconds → the text in the largest whole unit that `parseDuration` reads back as
 * the same value: 60000 → `1m`, 30000 → `30s`, 1500 → `1500ms`. For defaults declared once
 * as numbers and shown as settings.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`formatDuration: ${ms} is not a whole number of milliseconds`);
  }
  const units = Object.entries(UNIT_MS).sort(([, a], [, b]) => b - a);
  const [unit = 'ms', size = 1] = units.find(([, size]) => ms > 0 && ms % size === 0) ?? [];
  return `${ms / size}${unit}`;
}
