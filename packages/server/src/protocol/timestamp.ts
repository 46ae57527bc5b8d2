import type { TimestampFormat } from "./model.js";

/**
 * Timestamps on the wire, as a parse/format pair per format:
 * - `iso8601` (RFC 3339): JSON members marked so, every Query timestamp. Formatted with the precision the
 *   Date carries: `2024-01-01T12:00:00Z`, or `2024-01-01T12:00:00.123Z` when it has milliseconds.
 * - `epoch-seconds`: rest-json's default for body members (a JSON number, fractions allowed).
 * - `rfc822` (IMF-fixdate, `Mon, 01 Jan 2024 12:00:00 GMT`): headers.
 */

const ISO8601 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const EPOCH = /^-?\d{1,15}(?:\.\d{1,9})?$/;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HTTP_DATE =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Parses an RFC 3339 date-time; undefined when it is not one (or names an impossible date). */
export function parseIso8601(text: string): Date | undefined {
  const m = ISO8601.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const date = new Date(utc);
  // Reject rollovers such as 2024-02-30 or 24:00:00.
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    date.getUTCHours() !== Number(h) ||
    date.getUTCMinutes() !== Number(mi) ||
    date.getUTCSeconds() !== Number(s)
  ) {
    return undefined;
  }
  if (sign === undefined) return date;
  if (Number(oh) > 23 || Number(om) > 59) return undefined;
  const offset = (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(utc - (sign === "+" ? offset : -offset));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** RFC 3339 in UTC with the Date's own precision. */
export function formatIso8601(date: Date): string {
  const base =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? `${base}Z` : `${base}.${pad(ms, 3)}Z`;
}

/** Seconds since the epoch, from a JSON number or a decimal string. */
export function parseEpochSeconds(value: number | string): Date | undefined {
  if (typeof value === "string" && !EPOCH.test(value)) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.round(seconds * 1000));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const formatEpochSeconds = (date: Date): number => date.getTime() / 1000;

/** Parses an IMF-fixdate (`Mon, 01 Jan 2024 12:00:00 GMT`). */
export function parseHttpDate(text: string): Date | undefined {
  const m = HTTP_DATE.exec(text);
  if (!m) return undefined;
  const [, day, d, mon, y, h, mi, s] = m;
  const date = new Date(
    Date.UTC(Number(y), MONTHS.indexOf(mon ?? ""), Number(d), Number(h), Number(mi), Number(s)),
  );
  if (formatHttpDate(date) !== text || DAYS[date.getUTCDay()] !== day) return undefined;
  return date;
}

export const formatHttpDate = (date: Date): string => date.toUTCString();

/** Parses a timestamp given as text in the named format. */
export function parseTimestamp(text: string, format: TimestampFormat): Date | undefined {
  switch (format) {
    case "iso8601":
      return parseIso8601(text);
    case "epoch-seconds":
      return parseEpochSeconds(text);
    case "rfc822":
      return parseHttpDate(text);
  }
}

/** Formats a timestamp as text in the named format. */
export function formatTimestamp(date: Date, format: TimestampFormat): string {
  switch (format) {
    case "iso8601":
      return formatIso8601(date);
    case "epoch-seconds":
      return String(formatEpochSeconds(date));
    case "rfc822":
      return formatHttpDate(date);
  }
}
