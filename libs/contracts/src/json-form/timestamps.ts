/**
 * Timestamps in the JSON form are RFC 3339 date-times with a zone (`Z` or `±hh:mm`); the
 * Avro form is epoch milliseconds, UTC. Digits past the millisecond are truncated, not
 * rounded, so one source timestamp always maps to one millisecond (Business Central and
 * SAP OData may send 7 fractional digits). Dates are `YYYY-MM-DD` ↔ days since 1970-01-01.
 *
 * Every event passes through here several times, so both directions are plain arithmetic
 * on character codes (no regex, no Date): the proleptic Gregorian calendar Date uses,
 * days from and to the civil date by H. Hinnant's algorithms. Years 0000-0099 are refused,
 * as they always were (Date.UTC reads them as 1900-1999, so the calendar check failed);
 * formatting falls back to Date outside years 0000-9999 and for non-integers, where
 * toISOString's own spelling (±YYYYYY) or RangeError is the answer.
 */
const msPerDay = 86_400_000;
const zero = 48;
/** Days from 0000-03-01 to 1970-01-01, and in a 400-year era. */
const epochShift = 719_468;
const daysPerEra = 146_097;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: where toISOString writes 4-digit years. */
const fourDigitYearsFrom = -62_167_219_200_000;
const fourDigitYearsTo = 253_402_300_799_999;

/** Days since 1970-01-01 of a valid civil date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * daysPerEra + dayOfEra - epochShift;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
}

/** Epoch ms at midnight of a calendar day, or undefined when it is not one (or before 0100). */
function validCalendarDay(year: number, month: number, day: number): number | undefined {
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  return daysFromCivil(year, month, day) * msPerDay;
}

/** The value of `count` ASCII digits at `at`, or -1 when one of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - zero;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Epoch ms of the `YYYY-MM-DD` at the start of `text`, or undefined. */
function readDay(text: string): number | undefined {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  return validCalendarDay(year, month, day);
}

/** Epoch ms of an RFC 3339 date-time with zone, or undefined when it is not one. */
export function parseTimestamp(text: string): number | undefined {
  // YYYY-MM-DDThh:mm:ss, then .f{1,9}, then Z or ±hh:mm.
  const length = text.length;
  if (length < 20) return undefined;
  const t = text.charCodeAt(10);
  if (t !== 84 && t !== 116) return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const day0 = readDay(text);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (day0 === undefined || hour < 0 || minute < 0 || second < 0) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    const from = at + 1;
    at = from;
    while (at < length && at - from < 10) {
      const digit = text.charCodeAt(at) - zero;
      if (!(digit >= 0 && digit <= 9)) break;
      if (at - from < 3) millis += digit * (at === from ? 100 : at === from + 1 ? 10 : 1);
      at += 1;
    }
    if (at === from || at - from > 9) return undefined;
  }
  let offsetMs = 0;
  const zone = text.charCodeAt(at);
  if (zone === 90 || zone === 122) {
    if (length !== at + 1) return undefined;
  } else if (zone === 43 || zone === 45) {
    if (length !== at + 6 || text.charCodeAt(at + 3) !== 58) return undefined;
    const offsetHours = digits(text, at + 1, 2);
    const offsetMinutes = digits(text, at + 4, 2);
    if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59)
      return undefined;
    offsetMs = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  } else {
    return undefined;
  }
  return day0 + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offsetMs;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/** `YYYY-MM-DD` of days since 1970-01-01 in years 0000-9999. */
function civilDate(days: number): string {
  const shifted = days + epochShift;
  const era = Math.floor(shifted / daysPerEra);
  const dayOfEra = shifted - era * daysPerEra;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yyyy = year < 1000 ? `${year + 10_000}`.slice(1) : `${year}`;
  return `${yyyy}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** `2024-05-01T10:00:00.000Z` (always UTC, always milliseconds). */
export function formatTimestamp(epochMs: number): string {
  if (!(Number.isInteger(epochMs) && epochMs >= fourDigitYearsFrom && epochMs <= fourDigitYearsTo))
    return new Date(epochMs).toISOString();
  const days = Math.floor(epochMs / msPerDay);
  const msOfDay = epochMs - days * msPerDay;
  const seconds = Math.floor(msOfDay / 1000);
  const millis = msOfDay - seconds * 1000;
  const minutes = Math.floor(seconds / 60);
  const hour = Math.floor(minutes / 60);
  const ms = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${civilDate(days)}T${twoDigits(hour)}:${twoDigits(minutes - hour * 60)}:${twoDigits(seconds - minutes * 60)}.${ms}Z`;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or undefined when it is not one. */
export function parseDate(text: string): number | undefined {
  if (text.length !== 10) return undefined;
  const ms = readDay(text);
  return ms === undefined ? undefined : ms / msPerDay;
}

export function formatDate(epochDays: number): string {
  const ms = epochDays * msPerDay;
  if (!(Number.isInteger(epochDays) && ms >= fourDigitYearsFrom && ms <= fourDigitYearsTo))
    return new Date(ms).toISOString().slice(0, 10);
  return civilDate(epochDays);
}
