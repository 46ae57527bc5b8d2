import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAmzDate, parseAmzDate } from "./amz-date.js";
import { expectX509Error } from "./expect-error.fixture.js";

const dates: [string, string][] = [
  ["2026-01-15T12:00:00.000Z", "20260115T120000Z"],
  ["2015-08-30T12:36:00.000Z", "20150830T123600Z"],
  ["2024-02-29T23:59:59.000Z", "20240229T235959Z"],
  ["0001-01-01T00:00:00.000Z", "00010101T000000Z"],
  ["9999-12-31T23:59:59.000Z", "99991231T235959Z"],
];

test("5 date cases", () => assert.equal(dates.length, 5));
for (const [iso, amz] of dates) {
  test(`X-Amz-Date ${amz} round-trips`, () => {
    assert.equal(formatAmzDate(new Date(iso)), amz);
    assert.equal(parseAmzDate(amz).toISOString(), iso);
  });
}

test("formatting drops milliseconds", () => {
  assert.equal(formatAmzDate(new Date("2026-01-15T12:00:00.999Z")), "20260115T120000Z");
});

const invalid = [
  "20261315T120000Z",
  "20250229T120000Z",
  "20260115T240000Z",
  "20260115T120060Z",
  "20260115T120000",
  "2026-01-15T12:00:00Z",
  " 20260115T120000Z",
  "",
];
test("8 invalid X-Amz-Date values", () => assert.equal(invalid.length, 8));
for (const value of invalid) {
  test(`parseAmzDate rejects ${JSON.stringify(value)} with MalformedDate`, () => {
    expectX509Error(
      () => parseAmzDate(value),
      "MalformedDate",
      /is not a UTC time in the form YYYYMMDDTHHMMSSZ/,
    );
  });
}

test("formatAmzDate rejects invalid dates and years past 9999", () => {
  expectX509Error(() => formatAmzDate(new Date(Number.NaN)), "InvalidParameter", /invalid Date/);
  expectX509Error(
    () => formatAmzDate(new Date("+010000-01-01T00:00:00Z")),
    "InvalidParameter",
    /outside the years 0000\.\.9999/,
  );
});

/** The definition: the fields form a UTC time that formats back to the same text. */
function byRoundTrip(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  // Out-of-range fields roll into year -1 or 10000, which formatAmzDate refuses to format.
  if (date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) return undefined;
  return formatAmzDate(date) === value ? date.getTime() : undefined;
}

test("parseAmzDate accepts exactly what formats back to itself (every day of 8 years, days 0..32, edges)", () => {
  const values: string[] = [];
  for (const year of ["0000", "0004", "1900", "1999", "2000", "2024", "2100", "9999"])
    for (let month = 0; month <= 13; month++)
      for (let day = 0; day <= 32; day++)
        values.push(`${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}T235959Z`);
  for (const time of ["000000", "240000", "236000", "235960", "12345a", "1234 5"])
    values.push(`20260115T${time}Z`);
  values.push(
    "20260115t120000Z",
    "20260115T120000z",
    "2026011T120000ZZ",
    "+0260115T120000Z",
    "２0260115T120000Z",
  );
  assert.equal(values.length, 8 * 14 * 33 + 6 + 5);
  let accepted = 0;
  for (const value of values) {
    const expected = byRoundTrip(value);
    if (expected === undefined) {
      expectX509Error(() => parseAmzDate(value), "MalformedDate", /YYYYMMDDTHHMMSSZ/);
    } else {
      assert.equal(parseAmzDate(value).getTime(), expected, value);
      accepted++;
    }
  }
  assert.equal(accepted, 366 * 4 + 365 * 4 + 1); // leap: 0000, 0004, 2000, 2024
});
