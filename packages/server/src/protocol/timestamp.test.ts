import assert from "node:assert/strict";
import { test } from "node:test";

import {
  formatHttpDate,
  formatIso8601,
  formatTimestamp,
  parseHttpDate,
  parseIso8601,
  parseTimestamp,
} from "./timestamp.js";

const ISO_PARSE: readonly [string, string | undefined][] = [
  ["2024-01-01T12:00:00Z", "2024-01-01T12:00:00.000Z"],
  ["2022-07-01T18:11:27.380711Z", "2022-07-01T18:11:27.380Z"], // AWS's microseconds, truncated to ms
  ["2024-01-01t12:00:00z", "2024-01-01T12:00:00.000Z"],
  ["2024-01-01T12:00:00+02:00", "2024-01-01T10:00:00.000Z"],
  ["2024-01-01T12:00:00-00:30", "2024-01-01T12:30:00.000Z"],
  ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ["2023-02-29T00:00:00Z", undefined],
  ["2024-01-01T24:00:00Z", undefined],
  ["2024-01-01T12:00:00", undefined],
  ["2024-01-01 12:00:00Z", undefined],
  ["1704110400", undefined],
  ["", undefined],
];

test("parseIso8601 accepts RFC 3339 date-times and nothing else", () => {
  assert.equal(ISO_PARSE.length, 12);
  for (const [text, expected] of ISO_PARSE) assert.equal(parseIso8601(text)?.toISOString(), expected, text);
});

const ISO_FORMAT: readonly [string, string][] = [
  ["2024-01-01T12:00:00.000Z", "2024-01-01T12:00:00Z"],
  ["2024-01-01T12:00:00.120Z", "2024-01-01T12:00:00.120Z"],
  ["0999-12-31T23:59:59.001Z", "0999-12-31T23:59:59.001Z"],
];

test("formatIso8601 keeps the Date's precision and round-trips", () => {
  assert.equal(ISO_FORMAT.length, 3);
  for (const [iso, expected] of ISO_FORMAT) {
    const date = new Date(iso);
    assert.equal(formatIso8601(date), expected);
    assert.equal(parseIso8601(formatIso8601(date))?.getTime(), date.getTime());
  }
});

test("http-date (rfc822) round-trips and refuses a wrong weekday", () => {
  const date = new Date("2024-01-01T12:00:00Z");
  assert.equal(formatHttpDate(date), "Mon, 01 Jan 2024 12:00:00 GMT");
  assert.equal(parseHttpDate("Mon, 01 Jan 2024 12:00:00 GMT")?.getTime(), date.getTime());
  assert.equal(parseHttpDate("Tue, 01 Jan 2024 12:00:00 GMT"), undefined);
  assert.equal(parseHttpDate("Mon, 1 Jan 2024 12:00:00 GMT"), undefined);
});

test("epoch-seconds as text, with fractions", () => {
  const date = new Date("2024-01-01T12:00:00.500Z");
  assert.equal(formatTimestamp(date, "epoch-seconds"), "1704110400.5");
  assert.equal(parseTimestamp("1704110400.5", "epoch-seconds")?.getTime(), date.getTime());
  assert.equal(parseTimestamp("1e9", "epoch-seconds"), undefined);
  assert.equal(parseTimestamp("0x10", "epoch-seconds"), undefined);
});
