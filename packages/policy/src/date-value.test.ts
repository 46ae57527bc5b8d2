import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDateValue } from "./date-value.js";

// IUG condition operators page: W3C profiles of ISO 8601, or epoch seconds.
const VALID: readonly [string, number][] = [
  ["2024-01-01T00:00:00Z", Date.UTC(2024, 0, 1)],
  ["2024-02-29T23:59:59Z", Date.UTC(2024, 1, 29, 23, 59, 59)],
  ["1999-12-31T23:59:59Z", Date.UTC(1999, 11, 31, 23, 59, 59)],
  ["1970-01-01T00:00:00Z", 0],
  ["2400-02-29T00:00:00Z", Date.UTC(2400, 1, 29)],
  ["2024-01-01", Date.UTC(2024, 0, 1)],
  ["2024-06", Date.UTC(2024, 5, 1)],
  ["2024", Date.UTC(2024, 0, 1)],
  ["2024-01-01T10:30Z", Date.UTC(2024, 0, 1, 10, 30)],
  ["2024-01-01T10:30:15.250Z", Date.UTC(2024, 0, 1, 10, 30, 15, 250)],
  ["2024-01-01T10:30:00+02:00", Date.UTC(2024, 0, 1, 8, 30)],
  ["2024-01-01T00:30:00-01:00", Date.UTC(2024, 0, 1, 1, 30)],
  ["1704067200", Date.UTC(2024, 0, 1)],
  ["0", 0],
  ["1704067200.5", Date.UTC(2024, 0, 1) + 500],
];
const INVALID = [
  "",
  "2024-13-01",
  "2023-02-29T00:00:00Z",
  "2024-02-30",
  "2024-01-01T24:00:00Z",
  "2024-01-01T10:60:00Z",
  "2024-01-01T10:00:00",
  "2024/01/01",
  "yesterday",
  "2024-01-01T10:00:00+25:00",
  "-5",
];

test("valid dates parse to epoch milliseconds", () => {
  assert.equal(VALID.length, 15);
  for (const [text, ms] of VALID) assert.equal(parseDateValue(text), ms, text);
});

test("invalid dates are undefined", () => {
  assert.equal(INVALID.length, 11);
  for (const text of INVALID) assert.equal(parseDateValue(text), undefined, text);
});

test("the fast path for YYYY-MM-DDThh:mm:ssZ agrees with Date.parse over many dates", () => {
  let checked = 0;
  for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2200, 0, 1); t += 86_400_000 * 37 + 3_661_000) {
    const iso = new Date(t).toISOString().slice(0, 19) + "Z";
    assert.equal(parseDateValue(iso), Date.parse(iso), iso);
    checked++;
  }
  assert.ok(checked > 2900);
});
