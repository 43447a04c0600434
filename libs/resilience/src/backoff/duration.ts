import { InvalidScheduleError } from './invalid-schedule-error';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const TOKEN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** A positive duration such as `30s`, `2m`, `1.5h`, `250ms` or `1d`, in milliseconds. */
export function parseDuration(token: string): number {
  const text = token.trim();
  const match = TOKEN.exec(text);
  const [, amount, unit] = match ?? [];
  if (amount === undefined || unit === undefined || !(unit in UNIT_MS)) {
    throw new InvalidScheduleError(
      `"${text}" is not a duration: expected a number and a unit (ms, s, m, h, d), e.g. 30s or 2h`,
      text,
    );
  }
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new InvalidScheduleError(`"${text}" is not a positive duration`, text);
  }
  return ms;
}
