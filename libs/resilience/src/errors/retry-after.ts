/**
 * Retry-After, RFC 9110 §10.2.3:
 *   Retry-After = HTTP-date / delay-seconds      delay-seconds = 1*DIGIT
 */
import { parseHttpDate } from './http-date';

const DELAY_SECONDS = /^\d+$/;

/**
 * Milliseconds to wait from `nowMs`, or undefined when the value is absent or malformed
 * (a malformed header is ignored rather than trusted). A date in the past means 0.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  const at = parseHttpDate(text, nowMs);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}
