/**
 * HTTP-date, RFC 9110 §5.6.7: recipients must accept all three formats.
 *   IMF-fixdate  = day-name "," SP 2DIGIT SP month SP 4DIGIT SP time-of-day SP "GMT"
 *   rfc850-date  = day-name-l "," SP 2DIGIT "-" month "-" 2DIGIT SP time-of-day SP "GMT"
 *   asctime-date = day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP time-of-day SP 4DIGIT
 * All three are UTC (asctime has no zone, which is why Date.parse, reading it as local
 * time, is not used).
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_L = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${DAY_L}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} (\\d{2}| \\d) ${TIME} (\\d{4})$`);

interface Fields {
  readonly year: number;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

/** Epoch ms of an HTTP-date, or undefined when `value` is not one. */
export function parseHttpDate(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day = '', month = '', year = '', hour = '', minute = '', second = ''] = match;
    return toEpochMs({ year: Number(year), month, day, hour, minute, second });
  }
  match = RFC850_DATE.exec(text);
  if (match) {
    const [, day = '', month = '', yy = '', hour = '', minute = '', second = ''] = match;
    return toEpochMs({ year: rfc850Year(Number(yy), nowMs), month, day, hour, minute, second });
  }
  match = ASCTIME_DATE.exec(text);
  if (match) {
    const [, month = '', day = '', hour = '', minute = '', second = '', year = ''] = match;
    return toEpochMs({ year: Number(year), month, day, hour, minute, second });
  }
  return undefined;
}

/**
 * "Recipients of a timestamp value in rfc850-date format, which uses a two-digit year,
 * MUST interpret a timestamp that appears to be more than 50 years in the future as
 * representing the most recent year in the past that had the same last two digits."
 */
function rfc850Year(twoDigits: number, nowMs: number): number {
  const currentYear = new Date(nowMs).getUTCFullYear();
  const candidate = currentYear - (currentYear % 100) + twoDigits;
  return candidate > currentYear + 50 ? candidate - 100 : candidate;
}

function toEpochMs(fields: Fields): number | undefined {
  const month = MONTHS.indexOf(fields.month);
  const day = Number(fields.day.trim());
  const [hour, minute, second] = [
    Number(fields.hour),
    Number(fields.minute),
    Number(fields.second),
  ];
  // time-of-day allows second 60 (a leap second); it is read as the next second.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const epochMs = Date.UTC(fields.year, month, day, hour, minute, second);
  const date = new Date(epochMs);
  // Reject dates Date.UTC would roll over, such as 31 Feb.
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) {
    return second === 60 && hour === 23 && minute === 59 ? epochMs : undefined;
  }
  return epochMs;
}
