import { test } from "node:test";
import { escapeXml } from "./xml-escape.js";

const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ["plain text is unchanged", "Role Foo not found", "Role Foo not found"],
  ["markup characters", `<a href="x">&'</a>`, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"],
  ["an entity is escaped, not kept", "&amp;", "&amp;amp;"],
  ["tab and LF are kept, CR is a character reference", "a\tb\nc\rd", "a\tb\nc&#13;d"],
  ["C0 controls are replaced", "a\u0000b\u001Fc\u000Bd", "a\uFFFDb\uFFFDc\uFFFDd"],
  ["lone surrogates are replaced", "x\uD800y\uDC00z", "x\uFFFDy\uFFFDz"],
  ["a surrogate pair is kept", "\uD83D\uDE00", "\uD83D\uDE00"],
  ["non-characters U+FFFE/U+FFFF are replaced", "\uFFFE\uFFFF", "\uFFFD\uFFFD"],
  ["non-ASCII text is kept", "ሴ — é", "ሴ — é"],
];

test("escapeXml vectors", (t) => {
  t.plan(CASES.length);
  for (const [name, input, expected] of CASES) t.assert.equal(escapeXml(input), expected, name);
});
