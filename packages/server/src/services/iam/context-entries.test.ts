import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContextEntry } from "../../generated/iam.js";
import { contextFromEntries } from "./context-entries.js";

const entry = (name: string, type: ContextEntry["ContextKeyType"], ...values: string[]): ContextEntry => ({
  ContextKeyName: name,
  ContextKeyType: type,
  ContextKeyValues: values,
});

test("every ContextKeyType: scalars take one value, lists several; booleans normalised", () => {
  assert.deepEqual(
    contextFromEntries([
      entry("a:s", "string", "x"),
      entry("a:sl", "stringList", "x", "y"),
      entry("a:n", "numeric", "10.5"),
      entry("a:nl", "numericList", "1", "-2"),
      entry("a:b", "boolean", "TRUE"),
      entry("a:bl", "booleanList", "false"),
      entry("a:i", "ip", "203.0.113.9"),
      entry("a:il", "ipList", "10.0.0.0/8", "2001:db8::1"),
      entry("a:bin", "binary", "QmluYXJ5"),
      entry("a:binl", "binaryList", "QQ=="),
      entry("a:d", "date", "2026-01-01T00:00:00Z"),
      entry("a:dl", "dateList", "1767225600"),
    ]),
    {
      "a:s": "x",
      "a:sl": ["x", "y"],
      "a:n": "10.5",
      "a:nl": ["1", "-2"],
      "a:b": "true",
      "a:bl": ["false"],
      "a:i": "203.0.113.9",
      "a:il": ["10.0.0.0/8", "2001:db8::1"],
      "a:bin": "QmluYXJ5",
      "a:binl": ["QQ=="],
      "a:d": "2026-01-01T00:00:00Z",
      "a:dl": ["1767225600"],
    },
  );
  assert.deepEqual(
    contextFromEntries([{ ContextKeyName: "a:x", ContextKeyValues: ["v"] }]),
    { "a:x": "v" },
    "type defaults to string",
  );
});

const BAD: { entries: ContextEntry[]; message: RegExp }[] = [
  { entries: [{ ContextKeyValues: ["x"] }], message: /has no ContextKeyName/ },
  { entries: [entry("a:x", "string", "1"), entry("A:X", "string", "2")], message: /given more than once/ },
  {
    entries: [entry("a:n", "numeric", "ten")],
    message: /of type numeric has a value that is not a numeric value: 'ten'/,
  },
  { entries: [entry("a:b", "boolean", "yes")], message: /not a boolean value/ },
  { entries: [entry("a:i", "ip", "300.1.1.1")], message: /not an IP address or CIDR block/ },
  { entries: [entry("a:i", "ipList", "10.0.0.0/33")], message: /not an IP address/ },
  { entries: [entry("a:d", "date", "yesterday")], message: /not a date value/ },
  { entries: [entry("a:bin", "binary", "***")], message: /not a binary value/ },
  {
    entries: [entry("a:s", "string", "x", "y")],
    message: /takes exactly one value, got 2; use the stringList type/,
  },
  { entries: [entry("a:s", "string")], message: /takes exactly one value, got 0/ },
];

test("values not of their type are InvalidInput naming the key", () => {
  assert.equal(BAD.length, 10);
  for (const c of BAD)
    assert.throws(() => contextFromEntries(c.entries), { code: "InvalidInput", message: c.message });
});
