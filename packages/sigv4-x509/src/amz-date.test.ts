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
