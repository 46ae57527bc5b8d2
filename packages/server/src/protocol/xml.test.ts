import assert from "node:assert/strict";
import { test } from "node:test";

import { element, escapeXml, isXmlText, toXmlText } from "./xml.js";

test("escapeXml escapes markup and CR", () => {
  assert.equal(escapeXml(`a&b<c>d"e\r\nf'`), "a&amp;b&lt;c&gt;d&quot;e&#13;\nf'");
});

const TEXTS: readonly [string, boolean][] = [
  ["plain", true],
  ["tab\tnewline\n", true],
  ["emoji 😀", true],
  ["bell \u0007", false],
  ["lone \uD800 surrogate", false],
  ["\uFFFE", false],
];

test("isXmlText knows what XML 1.0 cannot carry; toXmlText replaces it", () => {
  assert.equal(TEXTS.length, 6);
  for (const [text, ok] of TEXTS) {
    assert.equal(isXmlText(text), ok, JSON.stringify(text));
    assert.ok(isXmlText(toXmlText(text)));
  }
  assert.equal(toXmlText("a\u0001b"), "a\uFFFDb");
});

test("element wraps already-escaped content", () => {
  assert.equal(element("A", escapeXml("<x>")), "<A>&lt;x&gt;</A>");
});
