import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJsonNode, JsonSyntaxError, LineIndex, parseJsonSource, toJsonValue } from "./json-source.js";

test("parses every JSON value kind and keeps source ranges", () => {
  const text = '{\n  "a": [1, -2.5e3, "x\\u00e9\\n", true, false, null],\n  "b": {}\n}';
  const node = parseJsonSource(text);
  assert.deepEqual(toJsonValue(node), { a: [1, -2500, "xé\n", true, false, null], b: {} });
  assert.equal(node.kind, "object");
  if (node.kind !== "object") return;
  const a = node.members[0];
  assert.equal(a?.key, "a");
  assert.equal(text.slice(a?.value.start, a?.value.end), '[1, -2.5e3, "x\\u00e9\\n", true, false, null]');
  assert.deepEqual(new LineIndex(text).position(a?.keyStart ?? 0), { line: 2, column: 3 });
});

test("duplicate keys are kept in order (the policy parser reports them)", () => {
  const node = parseJsonSource('{"k": 1, "k": 2}');
  assert.ok(node.kind === "object" && node.members.length === 2);
});

test("formatJsonNode is compact and keeps number text", () => {
  const text = '{ "n" : 1.50 , "s" : "q\\"" , "l" : [ true , null ] }';
  assert.equal(formatJsonNode(parseJsonSource(text)), '{"n":1.50,"s":"q\\"","l":[true,null]}');
});

const SYNTAX_ERRORS: readonly [text: string, message: RegExp][] = [
  ["", /line 1, column 1: expected a value, found end of input/],
  ["{", /expected a string key, found end of input/],
  ['{"a" 1}', /expected ":" after key "a", found "1"/],
  ['{"a": 1,}', /line 1, column 9: expected a string key, found "}"/],
  ["[1 2]", /expected "," or "]", found "2"/],
  ['{"a": 1} x', /unexpected "x" after the end of the document/],
  ['"abc', /unterminated string/],
  ['"a\u0001"', /control character in string/],
  ['"\\x"', /invalid escape \\x/],
  ['"\\u12"', /invalid \\u escape/],
  ["01", /unexpected "1" after the end/],
  ["{'a': 1}", /expected a string key, found "'"/],
  ["\n\n  ]", /line 3, column 3: expected a value, found "]"/],
  ["[".repeat(40), /nesting deeper than 32 levels/],
];

test("syntax errors say where and what", () => {
  assert.equal(SYNTAX_ERRORS.length, 14);
  for (const [text, message] of SYNTAX_ERRORS) {
    assert.throws(
      () => parseJsonSource(text),
      (e: unknown) => e instanceof JsonSyntaxError && message.test(e.message),
      text,
    );
  }
});
