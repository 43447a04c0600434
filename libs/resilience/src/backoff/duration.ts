import { parseDuration } from '@hub/primitives';
import { InvalidScheduleError } from './invalid-schedule-error';

/**
 * A positive duration such as `30s`, `2m`, `1.5h`, `250ms` or `1d`, in milliseconds, or an
 * InvalidScheduleError naming the token. The grammar is `@hub/primitives`' parseDuration,
 * the one every setting uses.
 */
export function requireDuration(token: string): number {
  const text = token.trim();
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new InvalidScheduleError(
      `"${text}" is not a duration: expected a number and a unit (ms, s, m, h, d), e.g. 30s or 2h`,
      text,
    );
  }
  if (ms <= 0) throw new InvalidScheduleError(`"${text}" is not a positive duration`, text);
  return ms;
}
