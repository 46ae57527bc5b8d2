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
