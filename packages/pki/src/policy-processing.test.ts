import assert from "node:assert/strict";
import { test } from "node:test";
import { TAG, encodeOid, encodeTlv } from "./der.js";
import { ANY_POLICY } from "./oids.js";
import { PkiCache } from "./pki-cache.js";
import { forge, type RawExtension } from "./test-support/forge.js";
import { createTrustAnchorSet } from "./trust-anchors.js";
import { validatePath } from "./validate-path.js";

const seq = (...p: Buffer[]) => encodeTlv(TAG.SEQUENCE, Buffer.concat(p));
const A = "1.3.6.1.4.1.55555.1";
const B = "1.3.6.1.4.1.55555.2";
const policies = (...ids: string[]): RawExtension => ({
  oid: "2.5.29.32",
  critical: false,
  value: seq(...ids.map((id) => seq(encodeOid(id)))),
});
const mapping = (from: string, to: string): RawExtension => ({
  oid: "2.5.29.33",
  critical: false,
  value: seq(seq(encodeOid(from), encodeOid(to))),
});
const requireExplicit = (skip: number): RawExtension => ({
  oid: "2.5.29.36",
  critical: true,
  value: seq(encodeTlv(0x80, Buffer.from([skip]))),
});
const inhibitAny = (skip: number): RawExtension => ({
  oid: "2.5.29.54",
  critical: true,
  value: encodeTlv(TAG.INTEGER, Buffer.from([skip])),
});

async function verdict(root: RawExtension[], inter: RawExtension[], leaf: RawExtension[]): Promise<string> {
  const r = await forge({ subject: "CN=Policy Root", ca: true, extra: root });
  const i = await forge({ subject: "CN=Policy CA", ca: true, issuer: r, extra: inter });
  const l = await forge({ subject: "CN=policy-leaf", issuer: i, extra: leaf });
  const res = validatePath({
    leaf: l.der,
    intermediates: [i.der],
    anchors: createTrustAnchorSet([r.der]),
    time: new Date("2026-01-01T00:00:00Z"),
    cache: new PkiCache(),
  });
  return res.ok ? "ok" : res.code;
}

const CASES: [
  name: string,
  root: RawExtension[],
  inter: RawExtension[],
  leaf: RawExtension[],
  want: string,
][] = [
  ["no constraints, no policies", [], [], [], "ok"],
  ["no explicit policy required: policies may disappear", [], [policies(A)], [], "ok"],
  [
    "explicit policy required, same policy down the path",
    [requireExplicit(0)],
    [policies(A)],
    [policies(A)],
    "ok",
  ],
  [
    "explicit policy required, the leaf asserts another policy",
    [requireExplicit(0)],
    [policies(A)],
    [policies(B)],
    "PolicyViolation",
  ],
  [
    "explicit policy required after one certificate (skipCerts 1): leaf needs one",
    [requireExplicit(1)],
    [policies(A)],
    [],
    "PolicyViolation",
  ],
  [
    "skipCerts 2 below the anchor: both certificates are counted, so the path must carry a policy",
    [requireExplicit(2)],
    [],
    [],
    "PolicyViolation",
  ],
  ["skipCerts 3 below the anchor: not reached by a two-certificate path", [requireExplicit(3)], [], [], "ok"],
  [
    "anyPolicy in the intermediate matches the leaf's policy",
    [requireExplicit(0)],
    [policies(ANY_POLICY)],
    [policies(B)],
    "ok",
  ],
  [
    "inhibitAnyPolicy 0: anyPolicy no longer counts",
    [requireExplicit(0), inhibitAny(0)],
    [policies(ANY_POLICY)],
    [policies(B)],
    "PolicyViolation",
  ],
  [
    "a mapping A→B: the leaf must assert B",
    [requireExplicit(0)],
    [policies(A), mapping(A, B)],
    [policies(B)],
    "ok",
  ],
  [
    "a mapping A→B: asserting A below it no longer matches",
    [requireExplicit(0)],
    [policies(A), mapping(A, B)],
    [policies(A)],
    "PolicyViolation",
  ],
];

test("policy processing (RFC 5280 §6.1, initial policy set anyPolicy)", async () => {
  for (const [name, root, inter, leaf, want] of CASES)
    assert.equal(await verdict(root, inter, leaf), want, name);
  assert.equal(CASES.length, 11);
});
