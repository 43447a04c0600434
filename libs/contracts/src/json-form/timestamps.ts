/**
 * Timestamps in the JSON form are RFC 3339 date-times with a zone (`Z` or `±hh:mm`); the
 * Avro form is epoch milliseconds, UTC. Digits past the millisecond are truncated, not
 * rounded, so one source timestamp always maps to one millisecond (Business Central and
 * SAP OData may send 7 fractional digits). Dates are `YYYY-MM-DD` ↔ days since 1970-01-01.
 */
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

function validCalendarDay(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return same ? ms : undefined;
}

/** Epoch ms of an RFC 3339 date-time with zone, or undefined when it is not one. */
export function parseTimestamp(text: string): number | undefined {
  const match = dateTimePattern.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const fraction = match[7] ?? '';
  const day0 = validCalendarDay(year, month, day);
  if (day0 === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offsetSign = match[9] === '-' ? -1 : 1;
  const offsetMs = offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return day0 + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offsetMs;
}

/** `2024-05-01T10:00:00.000Z` (always UTC, always milliseconds). */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or undefined when it is not one. */
export function parseDate(text: string): number | undefined {
  const match = datePattern.exec(text);
  if (!match) return undefined;
  const ms = validCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return ms === undefined ? undefined : ms / msPerDay;
}

export function formatDate(epochDays: number): string {
  return new Date(epochDays * msPerDay).toISOString().slice(0, 10);
}
