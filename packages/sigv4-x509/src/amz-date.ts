import { X509RequestError, quoteInput } from "./errors.js";

/** Where the digits of `YYYYMMDDTHHMMSSZ` are: [offset, length] of each field. */
const FIELDS: readonly (readonly [number, number])[] = [
  [0, 4],
  [4, 2],
  [6, 2],
  [9, 2],
  [11, 2],
  [13, 2],
];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The number of `length` ASCII digits at `offset`, or -1. */
function digits(value: string, offset: number, length: number): number {
  let n = 0;
  for (let i = offset; i < offset + length; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The fields of a well-formed `YYYYMMDDTHHMMSSZ` naming a real UTC second, or undefined. */
function amzDateFields(value: string): number[] | undefined {
  if (value.length !== 16 || value[8] !== "T" || value[15] !== "Z") return undefined;
  const fields = FIELDS.map(([offset, length]) => digits(value, offset, length));
  const [y = -1, mo = -1, d = -1, h = -1, mi = -1, s = -1] = fields;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
    return undefined;
  const days = mo === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0);
  return d <= days ? fields : undefined;
}

/**
 * Formats an instant as `X-Amz-Date` (`YYYYMMDDTHHMMSSZ`, UTC, seconds truncated).
 *
 * @throws X509RequestError `InvalidParameter` for an invalid date or a year outside 0000..9999.
 */
export function formatAmzDate(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new X509RequestError("InvalidParameter", "the signing time is an invalid Date");
  const iso = date.toISOString();
  if (!/^\d{4}-/.test(iso)) {
    throw new X509RequestError("InvalidParameter", `the signing time ${iso} is outside the years 0000..9999`);
  }
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * Parses an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`); the fields must form a real UTC time.
 *
 * @throws X509RequestError `MalformedDate`.
 */
export function parseAmzDate(value: string): Date {
  const fields = amzDateFields(value);
  if (fields !== undefined) {
    const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = fields;
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years 0..99 as 1900..1999
    date.setUTCHours(h, mi, s, 0);
    return date;
  }
  throw new X509RequestError(
    "MalformedDate",
    `X-Amz-Date ${quoteInput(value)} is not a UTC time in the form YYYYMMDDTHHMMSSZ (e.g. 20260115T120000Z)`,
  );
}
