import assert from "node:assert/strict";
import { test } from "node:test";
import { parseJsonBody } from "./json-body.js";

test("a JSON object body is parsed; an empty body is {}", () => {
  assert.deepEqual(parseJsonBody(Buffer.from('{"name":"a","n":1}')), { name: "a", n: 1 });
  assert.deepEqual(parseJsonBody(Buffer.alloc(0)), {});
});

const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
  ["truncated", '{"name":', /not valid JSON/],
  ["not JSON", "name=a", /not valid JSON/],
  ["an array", "[1]", /JSON object, not an array/],
  ["a string", '"x"', /JSON object, not a string/],
  ["null", "null", /JSON object, not null/],
];

test("anything but a JSON object is a Serialization error", (t) => {
  t.plan(BAD.length);
  for (const [name, body, message] of BAD)
    t.assert.throws(() => parseJsonBody(Buffer.from(body)), { code: "Serialization", message }, name);
});
