import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTimeArg } from "./time-arg.js";

test("parseTimeArg reads ISO 8601 and Unix seconds", () => {
  const rows: readonly [string, string][] = [
    ["2026-03-01T12:00:00Z", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T12:00:00.250Z", "2026-03-01T12:00:00.250Z"],
    ["2026-03-01T14:00:00+02:00", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01", "2026-03-01T00:00:00.000Z"],
    ["2026-03-01 12:00:00Z", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T12:00:00", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T12:00", "2026-03-01T12:00:00.000Z"],
    ["1772366400", "2026-03-01T12:00:00.000Z"],
    ["@1772366400", "2026-03-01T12:00:00.000Z"],
    ["0", "1970-01-01T00:00:00.000Z"],
  ];
  assert.equal(rows.length, 10);
  for (const [input, want] of rows) assert.equal(parseTimeArg(input).toISOString(), want, input);
});

test("parseTimeArg refuses anything else as a usage error naming the flag", () => {
  const rows = ["yesterday", "2026-13-01", "2026-02-30T00:00:00Z x", "", "1e9", "-5"];
  assert.equal(rows.length, 6);
  for (const input of rows)
    assert.throws(
      () => parseTimeArg(input, "--at"),
      { name: "CliError", exitCode: 2, message: /^--at ".*" is not a time/ },
      input,
    );
});
