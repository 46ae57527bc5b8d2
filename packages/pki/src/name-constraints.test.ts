import assert from "node:assert/strict";
import { test } from "node:test";
import type { GeneralName } from "./general-name.js";
import {
  NameConstraintBudgetExceeded,
  NameConstraintState,
  constraintSyntaxProblem,
  isValidDnsName,
  isValidMailbox,
  uriHost,
  type ConstrainedName,
} from "./name-constraints.js";

const dns = (value: string): GeneralName => ({ type: "dNSName", value });
const email = (value: string): GeneralName => ({ type: "rfc822Name", value });
const uri = (value: string): GeneralName => ({ type: "uniformResourceIdentifier", value });
const ip = (...bytes: number[]): GeneralName => ({ type: "iPAddress", bytes: Buffer.from(bytes) });

const check = (
  permitted: GeneralName[],
  excluded: GeneralName[],
  name: ConstrainedName,
): string | undefined => {
  const s = new NameConstraintState(1000);
  s.add({ permitted: permitted.map((base) => ({ base })), excluded: excluded.map((base) => ({ base })) });
  return s.check([name]);
};

const MATCHES: [string, GeneralName[], GeneralName[], ConstrainedName, boolean][] = [
  ["DNS exact", [dns("example.com")], [], dns("example.com"), true],
  ["DNS subdomain", [dns("example.com")], [], dns("a.b.example.com"), true],
  ["DNS label boundary", [dns("example.com")], [], dns("notexample.com"), false],
  ["DNS case-insensitive", [dns("Example.COM")], [], dns("www.example.com"), true],
  ["DNS wildcard SAN inside", [dns("example.com")], [], dns("*.example.com"), true],
  ["DNS empty constraint matches all", [dns("")], [], dns("anything.test"), true],
  ["DNS excluded", [], [dns("bad.example.com")], dns("x.bad.example.com"), false],
  ["DNS malformed SAN under a DNS constraint", [dns("example.com")], [], dns(".example.com"), false],
  ["other form is not constrained", [dns("example.com")], [], ip(192, 0, 2, 1), true],
  ["email mailbox exact", [email("foo@example.com")], [], email("foo@example.com"), true],
  [
    "email mailbox is case-sensitive in the local part",
    [email("foo@example.com")],
    [],
    email("Foo@example.com"),
    false,
  ],
  ["email host", [email("example.com")], [], email("anyone@EXAMPLE.com"), true],
  ["email host excludes subdomains", [email("example.com")], [], email("a@sub.example.com"), false],
  ["email .domain", [email(".example.com")], [], email("a@sub.example.com"), true],
  ["email literal asterisk", [email("*@example.com")], [], email("user@example.com"), false],
  [
    "email subject emailAddress",
    [email("example.com")],
    [],
    { type: "subjectEmail", value: "x@other.com" },
    false,
  ],
  ["IPv4 in /24", [ip(192, 0, 2, 0, 255, 255, 255, 0)], [], ip(192, 0, 2, 77), true],
  ["IPv4 outside /24", [ip(192, 0, 2, 0, 255, 255, 255, 0)], [], ip(192, 0, 3, 1), false],
  [
    "IPv4 address under an IPv6-only permitted subtree",
    [ip(...Array(16).fill(0), ...Array(16).fill(0))],
    [],
    ip(10, 0, 0, 1),
    false,
  ],
  ["URI host", [uri("example.com")], [], uri("https://example.com:8443/path"), true],
  ["URI .domain", [uri(".example.com")], [], uri("spiffe://td.example.com/ns/x"), true],
  ["URI without authority", [uri("example.com")], [], uri("urn:uuid:1234"), false],
];

test("name constraint matching", () => {
  for (const [name, permitted, excluded, n, allowed] of MATCHES)
    assert.equal(check(permitted, excluded, n) === undefined, allowed, name);
  assert.equal(MATCHES.length, 22);
});

test("permitted sets from two CAs intersect; excluded subtrees accumulate", () => {
  const s = new NameConstraintState(1000);
  s.add({ permitted: [{ base: dns("foo.example.com") }, { base: dns("bar.example.com") }], excluded: [] });
  s.add({ permitted: [{ base: dns("bar.example.com") }], excluded: [{ base: dns("x.bar.example.com") }] });
  assert.match(
    s.check([dns("foo.example.com")]) ?? "",
    /outside the permitted subtrees \(DNS:bar\.example\.com\)/,
  );
  assert.equal(s.check([dns("a.bar.example.com")]), undefined);
  assert.match(
    s.check([dns("x.bar.example.com")]) ?? "",
    /inside the excluded subtree DNS:x\.bar\.example\.com/,
  );
});

test("the budget bounds names × constraints before any comparison", () => {
  const s = new NameConstraintState(100);
  s.add({ permitted: Array.from({ length: 20 }, (_, i) => ({ base: dns(`d${i}.test`) })), excluded: [] });
  assert.throws(
    () => s.check(Array.from({ length: 6 }, (_, i) => dns(`d${i}.test`))),
    NameConstraintBudgetExceeded,
  );
  assert.equal(s.check([dns("d1.test")]), undefined);
});

const SYNTAX: [GeneralName, RegExp | undefined][] = [
  [dns("example.com"), undefined],
  [dns(""), undefined],
  [dns("*.example.com"), /wildcard/],
  [dns(".example.com"), /leading period/],
  [email("invalid@invalid@example.com"), /not a valid mailbox/],
  [email(".example.com"), undefined],
  [ip(192, 0, 2, 0), /4 bytes/],
  [ip(192, 0, 2, 0, 255, 0, 255, 0), /not a CIDR prefix/],
  [uri("https://example.com/"), /must be a host/],
];
test("constraint syntax", () => {
  for (const [base, problem] of SYNTAX) {
    const p = constraintSyntaxProblem(base);
    if (problem) assert.match(p ?? "", problem);
    else assert.equal(p, undefined, JSON.stringify(base));
  }
  assert.equal(SYNTAX.length, 9);
});

test("DNS names, mailboxes and URI hosts", () => {
  assert.equal(isValidDnsName("a-b.example.com", { allowWildcard: false }), true);
  assert.equal(isValidDnsName("*.example.com", { allowWildcard: true }), true);
  assert.equal(isValidDnsName("*.example.com", { allowWildcard: false }), false);
  assert.equal(isValidDnsName("a_b.example.com", { allowWildcard: false }), false);
  assert.equal(isValidDnsName("8.8.8.8", { allowWildcard: false }), false);
  assert.equal(isValidDnsName("-a.example.com", { allowWildcard: false }), false);
  assert.equal(isValidMailbox("a@example.com"), true);
  assert.equal(isValidMailbox("a@b@example.com"), false);
  assert.equal(uriHost("https://user@[::1]:443/x"), "[::1]");
  assert.equal(uriHost("mailto:a@b"), undefined);
});
