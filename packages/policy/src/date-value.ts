/**
 * Date values of the `Date*` condition operators: the W3C profiles of ISO 8601
 * (IUG reference_policies_elements_condition_operators.html, "Date condition operators": "one of the
 * W3C implementations of the ISO 8601 date formats … or in epoch (UNIX) time"; iam-sts.md §2.2).
 *
 * Accepted:
 * - `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (midnight UTC of that day);
 * - `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD`, `YYYY-MM-DDThh:mm:ss.sTZD` with TZD `Z` or `±hh:mm`;
 * - epoch seconds: a run of digits other than a 4-digit year (e.g. `aws:EpochTime` = `1704067200`),
 *   optionally with a fractional part.
 */

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const EPOCH = /^\d{1,12}(?:\.\d{1,9})?$/;

/**
 * Parses a date value to milliseconds since the epoch, or `undefined` when it is not a valid date
 * (a calendar check is included: `2024-02-30` is invalid).
 *
 * @example
 * parseDateValue("2024-01-01T00:00:00Z") === Date.UTC(2024, 0, 1); // true
 * parseDateValue("1704067200") === Date.UTC(2024, 0, 1); // true
 */
export function parseDateValue(text: string): number | undefined {
  if (text.length === 20) {
    const fast = parseCommonForm(text);
    if (fast !== undefined) return fast;
  }
  if (text.length !== 4 && EPOCH.test(text)) return Math.round(Number(text) * 1000);
  const m = ISO.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  d.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900..1999
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  const tz = m[8];
  if (tz !== undefined && tz !== "Z") {
    const oh = Number(tz.slice(1, 3));
    const om = Number(tz.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (tz[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return d.getTime() + Math.round(fraction * 1000) - offsetMinutes * 60_000;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** `YYYY-MM-DDThh:mm:ssZ` (the form of aws:CurrentTime) without a regular expression or a Date object. */
function parseCommonForm(t: string): number | undefined {
  if (t[4] !== "-" || t[7] !== "-" || t[10] !== "T" || t[13] !== ":" || t[16] !== ":" || t[19] !== "Z")
    return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return undefined;
  if (second < 0 || second > 59) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > monthDays) return undefined;
  // Days from 1970-01-01 to the start of `year` (proleptic Gregorian).
  const y = year - 1;
  const daysToYear =
    365 * (year - 1970) + (Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) - 477;
  const days = daysToYear + (DAYS_BEFORE_MONTH[month - 1] as number) + (month > 2 && leap ? 1 : 0) + day - 1;
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}
