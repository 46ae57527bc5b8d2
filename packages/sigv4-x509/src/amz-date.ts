import { X509RequestError, quoteInput } from "./errors.js";

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

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
  const m = AMZ_DATE.exec(value);
  if (m !== null) {
    const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    if (formatAmzDate(date) === value) return date;
  }
  throw new X509RequestError(
    "MalformedDate",
    `X-Amz-Date ${quoteInput(value)} is not a UTC time in the form YYYYMMDDTHHMMSSZ (e.g. 20260115T120000Z)`,
  );
}
