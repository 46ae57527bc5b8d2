import assert from "node:assert/strict";
import { test } from "node:test";
import { TAG, encodeOid, encodeTlv, readSingle } from "./der.js";
import { isDnPrefix, parseName, type DistinguishedName } from "./distinguished-name.js";
import { ATTR } from "./oids.js";

type Atv = readonly [oid: string, tag: number, value: string | Buffer];
const seq = (...p: Buffer[]) => encodeTlv(TAG.SEQUENCE, Buffer.concat(p));
const encodeName = (rdns: readonly (readonly Atv[])[]): Buffer =>
  seq(
    ...rdns.map((rdn) =>
      encodeTlv(
        TAG.SET,
        Buffer.concat(
          rdn.map(([oid, tag, v]) =>
            seq(
              encodeOid(oid),
              encodeTlv(
                tag,
                typeof v === "string" ? Buffer.from(v, tag === TAG.BMP_STRING ? "utf16le" : "utf8") : v,
              ),
            ),
          ),
        ),
      ),
    ),
  );
const name = (rdns: readonly (readonly Atv[])[]): DistinguishedName => {
  const der = encodeName(rdns);
  return parseName(der, readSingle(der, TAG.SEQUENCE, "name"), "name");
};
const P = TAG.PRINTABLE_STRING;
const U = TAG.UTF8_STRING;

test("RFC 4514 text reverses the RDN order and uses short names", () => {
  const n = name([
    [[ATTR.C, P, "US"]],
    [[ATTR.O, U, "Example"]],
    [[ATTR.OU, U, "a"]],
    [[ATTR.OU, U, "b"]],
    [[ATTR.CN, U, "leaf"]],
  ]);
  assert.equal(n.text, "CN=leaf,OU=b,OU=a,O=Example,C=US");
  assert.equal(n.rdns.length, 5);
  assert.equal(n.isEmpty, false);
});

const ESCAPES: [string, string][] = [
  ["a,b", "CN=a\\,b"],
  ['say "hi"', 'CN=say \\"hi\\"'],
  ["#hash", "CN=\\#hash"],
  [" lead", "CN=\\ lead"],
  ["trail ", "CN=trail\\ "],
  ["a+b;c<d>e\\f", "CN=a\\+b\\;c\\<d\\>e\\\\f"],
];
test("RFC 4514 escaping", () => {
  for (const [value, text] of ESCAPES) assert.equal(name([[[ATTR.CN, U, value]]]).text, text);
  assert.equal(ESCAPES.length, 6);
});

test("multi-valued RDNs join with + and unknown types render as OID=#hex", () => {
  const n = name([
    [
      [ATTR.CN, U, "x"],
      [ATTR.UID, U, "42"],
    ],
    [["1.2.3.4", TAG.INTEGER, Buffer.from([5])]],
  ]);
  assert.equal(n.text, "1.2.3.4=#020105,CN=x+UID=42");
});

test("name comparison ignores case, insignificant spaces, string type and attribute order inside an RDN", () => {
  const a = name([
    [[ATTR.C, P, "US"]],
    [
      [ATTR.CN, P, "Test  Root CA"],
      [ATTR.O, U, "Example"],
    ],
  ]);
  const b = name([
    [[ATTR.C, U, "us"]],
    [
      [ATTR.O, TAG.BMP_STRING, Buffer.from("\u0000E\u0000x\u0000a\u0000m\u0000p\u0000l\u0000e", "latin1")],
      [ATTR.CN, U, " test root ca "],
    ],
  ]);
  assert.equal(a.key, b.key);
  const c = name([[[ATTR.CN, U, "Test Root CA"]], [[ATTR.C, P, "US"]]]);
  assert.notEqual(a.key, c.key, "RDN order matters");
});

test("directoryName prefixes", () => {
  const root = name([[[ATTR.C, P, "US"]], [[ATTR.O, U, "Example"]]]);
  const leaf = name([[[ATTR.C, P, "US"]], [[ATTR.O, U, "example"]], [[ATTR.CN, U, "leaf"]]]);
  assert.equal(isDnPrefix(root, leaf), true);
  assert.equal(isDnPrefix(leaf, root), false);
  assert.equal(isDnPrefix(name([[[ATTR.O, U, "Example"]]]), leaf), false);
});

test("empty names and empty RDNs", () => {
  assert.equal(name([]).isEmpty, true);
  assert.equal(name([]).text, "");
  const der = seq(encodeTlv(TAG.SET, Buffer.alloc(0)));
  assert.throws(() => parseName(der, readSingle(der, TAG.SEQUENCE, "n"), "n"), /RDN must not be empty/);
});
