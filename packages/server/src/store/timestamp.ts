import { StoreInputError } from "./errors.js";

/**
 * An instant as the store returns it: ISO-8601 UTC with exactly six fractional digits, as AWS
 * emits (`2022-07-01T18:11:27.380711Z`). Fixed width, so the text order is the time order.
 */
export type Timestamp = string;

/** The store's clock: called for `createdAt` / `updatedAt`. A `Date` has millisecond precision. */
export type StoreClock = () => Date | string;

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)$/;
const MICROS_PER_SECOND = 1_000_000n;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/**
 * Parses an RFC 3339 / ISO-8601 instant, or PostgreSQL's `timestamptz` text
 * (`2022-07-01 18:11:27.380711+00`), to microseconds since the epoch. Digits past the sixth
 * fractional one are dropped.
 *
 * @example parseTimestamp("2022-07-01T18:11:27.380711Z") === 1656699087380711n
 */
export function parseTimestamp(text: string): bigint {
  const m = PATTERN.exec(text);
  if (m === null)
    throw new StoreInputError(`not an ISO-8601 timestamp: ${JSON.stringify(text.slice(0, 64))}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (
    year < MIN_YEAR ||
    year > MAX_YEAR ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new StoreInputError(`not a valid date and time: ${JSON.stringify(text)}`);
  }
  const fraction = BigInt((m[7] ?? "").padEnd(6, "0").slice(0, 6));
  let offsetSeconds = 0;
  if (m[8] === undefined && m[9] !== undefined) {
    const sign = m[9] === "-" ? -1 : 1;
    offsetSeconds = sign * (Number(m[10]) * 3600 + Number(m[11] ?? 0) * 60 + Number(m[12] ?? 0));
  }
  // Date.UTC works for years 0..99 as 1900+; the explicit check above rejects that case.
  return BigInt(ms / 1000 - offsetSeconds) * MICROS_PER_SECOND + fraction;
}

/**
 * Formats microseconds since the epoch as the store's {@link Timestamp}.
 *
 * @example formatTimestamp(1656699087380711n) === "2022-07-01T18:11:27.380711Z"
 */
export function formatTimestamp(epochMicros: bigint): Timestamp {
  let seconds = epochMicros / MICROS_PER_SECOND;
  let micros = epochMicros % MICROS_PER_SECOND;
  if (micros < 0n) {
    micros += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new StoreInputError(`instant out of range: ${epochMicros} µs`);
  }
  return `${date.toISOString().slice(0, 19)}.${micros.toString().padStart(6, "0")}Z`;
}

/** Normalises a `Date` or any accepted timestamp text to the store's {@link Timestamp} form. */
export function toTimestamp(value: Date | string): Timestamp {
  if (typeof value === "string") return formatTimestamp(parseTimestamp(value));
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new StoreInputError("invalid Date");
  return formatTimestamp(BigInt(ms) * 1000n);
}
