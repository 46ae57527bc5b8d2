import assert from "node:assert/strict";
import { test } from "node:test";

import { StoreInputError } from "./errors.js";
import { formatTimestamp, parseTimestamp, toTimestamp } from "./timestamp.js";

// [input, the store's form]
const ACCEPTED: [string, string][] = [
  ["2022-07-01T18:11:27.380711Z", "2022-07-01T18:11:27.380711Z"], // AWS's own form (CloudTrail example)
  ["2022-07-01T18:11:27Z", "2022-07-01T18:11:27.000000Z"],
  ["2022-07-01T18:11:27.38Z", "2022-07-01T18:11:27.380000Z"],
  ["2022-07-01T18:11:27.380711999Z", "2022-07-01T18:11:27.380711Z"], // nanoseconds truncated
  ["2022-07-01t18:11:27z", "2022-07-01T18:11:27.000000Z"],
  ["2022-07-01T20:11:27.5+02:00", "2022-07-01T18:11:27.500000Z"],
  ["2022-07-01T13:41:27-04:30", "2022-07-01T18:11:27.000000Z"],
  ["2022-07-01 18:11:27.380711+00", "2022-07-01T18:11:27.380711Z"], // PostgreSQL timestamptz text
  ["2022-07-01 18:11:27+00", "2022-07-01T18:11:27.000000Z"],
  ["2024-02-29T23:59:59.999999Z", "2024-02-29T23:59:59.999999Z"],
  ["1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z"], // before the epoch
  ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000Z"],
  ["9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"],
];

const REJECTED = [
  "",
  "2022-07-01",
  "2022-07-01T18:11Z",
  "2022-07-01T18:11:27", // no zone
  "2023-02-29T00:00:00Z", // not a leap year
  "2022-13-01T00:00:00Z",
  "2022-07-01T24:00:00Z",
  "2022-07-01T18:60:00Z",
  "2022-07-01T18:11:60Z", // leap seconds are not representable
  "2022-07-01T18:11:27.Z",
  "0099-01-01T00:00:00Z",
  " 2022-07-01T18:11:27Z",
  "20220701T181127Z",
];

test("parse then format gives the store's fixed-width form", () => {
  assert.equal(ACCEPTED.length, 13);
  for (const [input, expected] of ACCEPTED) {
    assert.equal(formatTimestamp(parseTimestamp(input)), expected, input);
    assert.equal(toTimestamp(input), expected, input);
    assert.equal(parseTimestamp(expected), parseTimestamp(input), `${input} round-trips`);
  }
});

test("the store's form sorts as text in time order", () => {
  const sorted = ACCEPTED.map(([, t]) => t).sort();
  assert.deepEqual(
    sorted.map((t) => parseTimestamp(t)),
    sorted.map((t) => parseTimestamp(t)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
});

test("rejects what is not an instant, with StoreInputError", () => {
  assert.equal(REJECTED.length, 13);
  for (const input of REJECTED)
    assert.throws(() => parseTimestamp(input), StoreInputError, JSON.stringify(input));
});

test("a Date keeps its milliseconds; an invalid Date is rejected", () => {
  assert.equal(toTimestamp(new Date("2022-07-01T18:11:27.380Z")), "2022-07-01T18:11:27.380000Z");
  assert.equal(parseTimestamp("2022-07-01T18:11:27.380711Z"), 1656699087380711n);
  assert.throws(() => toTimestamp(new Date(Number.NaN)), StoreInputError);
  assert.throws(() => formatTimestamp(10n ** 20n), StoreInputError);
});
