import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSubjectArg, subjectFromFlags } from "./subject-arg.js";

const GOOD: readonly [string, Record<string, unknown>][] = [
  ["CN=app-1", { CN: "app-1" }],
  ["CN=app-1,O=Example,C=US", { CN: "app-1", O: "Example", C: "US" }],
  ["cn = app , ou=a, OU=b", { CN: "app", OU: ["a", "b"] }],
  ["/C=US/O=Example Inc/CN=app", { C: "US", O: "Example Inc", CN: "app" }],
  ["CN=a\\,b,O=x", { CN: "a,b", O: "x" }],
  ["/CN=a\\/b", { CN: "a/b" }],
  ["CN=x,emailAddress=a@b.c,E=ignored-dup-check", { error: true }],
  ["DC=com,DC=example,CN=x", { DC: ["com", "example"], CN: "x" }],
  ["CN=x,UID=42,SERIALNUMBER=7,ST=CA,L=SF", { CN: "x", UID: "42", SERIALNUMBER: "7", ST: "CA", L: "SF" }],
];

const BAD: readonly [string, RegExp][] = [
  ["", /--subject is empty/],
  ["CN", /"CN" is not TYPE=value/],
  ["XX=1", /unknown attribute type "XX"/],
  ["CN=a,CN=b", /CN appears more than once/],
  ["CN=", /CN has an empty value/],
  ["CN=a+O=b", /multi-valued RDNs/],
  ["CN=a,C=USA", /--subject C must be a two-letter country code/],
];

test("parseSubjectArg reads the RFC 4514 and openssl forms", () => {
  assert.equal(GOOD.length, 9);
  for (const [text, want] of GOOD) {
    if ("error" in want) {
      assert.throws(() => parseSubjectArg(text), { name: "CliError", exitCode: 2 }, text);
      continue;
    }
    assert.deepEqual(parseSubjectArg(text), want, text);
  }
});

test("parseSubjectArg names what is wrong, as a usage error", () => {
  assert.equal(BAD.length, 7);
  for (const [text, message] of BAD)
    assert.throws(() => parseSubjectArg(text), { name: "CliError", exitCode: 2, message }, text);
});

test("subjectFromFlags: flags, --subject, neither, or a conflict", () => {
  assert.deepEqual(subjectFromFlags({ cn: "x", ou: ["a", "b"], o: "O", c: "US" }), {
    C: "US",
    O: "O",
    OU: ["a", "b"],
    CN: "x",
  });
  assert.deepEqual(subjectFromFlags({ subject: "CN=y" }), { CN: "y" });
  assert.equal(subjectFromFlags({ ou: [] }), undefined);
  assert.throws(() => subjectFromFlags({ subject: "CN=y", cn: "x" }), {
    exitCode: 2,
    message: /either --subject or/,
  });
  assert.throws(() => subjectFromFlags({ cn: " " }), { exitCode: 2, message: /--cn must not be empty/ });
  assert.throws(() => subjectFromFlags({ cn: "x", c: "us" }), {
    exitCode: 2,
    message: /--c must be a two-letter/,
  });
});
