import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_QUOTED, quoteInput } from "./quote-input.js";
import { parsePolicy } from "./parse-policy.js";

test("short text is quoted as JSON; long text is cut", () => {
  assert.equal(quoteInput('a"b'), '"a\\"b"');
  assert.equal(quoteInput("x".repeat(500)), JSON.stringify(`${"x".repeat(MAX_QUOTED)}…`));
});

test("a huge bad value does not make a huge error message", () => {
  const effect = "A".repeat(100_000);
  const text = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: effect, Action: "s3:*", Resource: "*" }],
  });
  assert.throws(
    () => parsePolicy(text, "identity", { limits: { maxSize: 1_000_000, maxDocumentLength: 1_000_000 } }),
    (e: unknown) =>
      e instanceof Error &&
      e.message.length < 300 &&
      /Effect must be "Allow" or "Deny", got "A{120}…"/.test(e.message),
  );
});
