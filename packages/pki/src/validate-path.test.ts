import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCrl } from "./crl.js";
import { PkiCache } from "./pki-cache.js";
import { RevocationIndex } from "./revocation-index.js";
import { TAG, encodeTlv } from "./der.js";
import type { PathErrorCode } from "./errors.js";
import {
  forge,
  forgeCrl,
  forgeKey,
  forgedFromPem,
  type ForgeOptions,
  type Forged,
} from "./test-support/forge.js";
import { FIXTURE_TIME, fixtureDer, fixturePem } from "./test-support/fixtures.js";
import { createTrustAnchorSet } from "./trust-anchors.js";
import {
  DEFAULT_PATH_LIMITS,
  validatePath,
  type ValidatePathOptions,
  type ValidationProfile,
} from "./validate-path.js";

const ROOT = fixtureDer("root-ca.cert.pem");
const INTERMEDIATE = fixtureDer("intermediate-ca.cert.pem");
const rootAnchors = () => createTrustAnchorSet([ROOT], { cache: new PkiCache() });

describe("validatePath with the committed test PKI", () => {
  const cases = [
    { leaf: "client-rsa.cert.pem", chain: [INTERMEDIATE], depth: 3 },
    { leaf: "client-ec-p256.cert.pem", chain: [INTERMEDIATE], depth: 3 },
    { leaf: "client-ec-p384.cert.pem", chain: [INTERMEDIATE], depth: 3 },
    { leaf: "client-rsa-bigserial.cert.pem", chain: [INTERMEDIATE], depth: 3 },
    { leaf: "client-rsa-root.cert.pem", chain: [], depth: 2 },
    // the root sent along in the chain is ignored (it is the anchor)
    { leaf: "client-rsa.cert.pem", chain: [ROOT, INTERMEDIATE], depth: 3 },
  ];
  test("has 6 accepted chains", () => assert.equal(cases.length, 6));
  for (const c of cases)
    test(`${c.leaf} with ${c.chain.length} chain certificate(s) validates, both profiles`, () => {
      for (const profile of ["rfc5280", "roles-anywhere"] as const) {
        const r = validatePath({
          leaf: fixtureDer(c.leaf),
          intermediates: c.chain,
          anchors: rootAnchors(),
          time: FIXTURE_TIME,
          profile,
        });
        assert.ok(r.ok, r.ok ? "" : r.reason);
        assert.equal(r.path.length, c.depth);
        assert.equal(r.path.at(-1)!.subject.text, "CN=Example Test Root CA,OU=Test PKI,O=Example,C=US");
      }
    });

  test("an intermediate CA can be the trust anchor (the path ends there)", () => {
    const anchors = createTrustAnchorSet([INTERMEDIATE], { cache: new PkiCache() });
    const r = validatePath({
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [],
      anchors,
      time: FIXTURE_TIME,
    });
    assert.ok(r.ok, r.ok ? "" : r.reason);
    assert.deepEqual(
      r.path.map((c) => c.subject.text.split(",")[0]),
      ["CN=test-client", "CN=Example Test Intermediate CA"],
    );
  });

  test("a missing intermediate names the missing issuer DN and the anchors tried", () => {
    const r = validatePath({
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [],
      anchors: rootAnchors(),
      time: FIXTURE_TIME,
    });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, "NoPathToAnchor");
    assert.match(
      !r.ok ? r.reason : "",
      /issuer of leaf "CN=test-client,OU=engineering,O=Example,C=US" \(serial 1002\) is "CN=Example Test Intermediate CA,OU=Test PKI,O=Example,C=US"/,
    );
    assert.match(
      !r.ok ? r.reason : "",
      /trust anchor's certificates \("CN=Example Test Root CA,OU=Test PKI,O=Example,C=US"\)/,
    );
    assert.match(!r.ok ? r.reason : "", /X-Amz-X509-Chain/);
  });

  test("every certificate must be valid at the time, the anchor included", () => {
    const before = validatePath({
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [INTERMEDIATE],
      anchors: rootAnchors(),
      time: new Date("2024-12-31T23:59:59Z"),
    });
    assert.equal(!before.ok && before.code, "NotYetValid");
    const after = validatePath({
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [INTERMEDIATE],
      anchors: rootAnchors(),
      time: new Date("2045-01-01T00:00:01Z"),
    });
    assert.equal(!after.ok && after.code, "Expired");
    const exact = validatePath({
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [INTERMEDIATE],
      anchors: rootAnchors(),
      time: new Date("2045-01-01T00:00:00.999Z"),
    });
    assert.ok(exact.ok, "notAfter is inclusive and the time is truncated to seconds");
  });

  test("a trust anchor presented as the leaf is refused with a clear reason", () => {
    const r = validatePath({
      leaf: ROOT,
      intermediates: [],
      anchors: rootAnchors(),
      time: FIXTURE_TIME,
      profile: "rfc5280",
    });
    assert.equal(!r.ok && r.code, "NoPathToAnchor");
    assert.match(!r.ok ? r.reason : "", /is itself one of the trust anchor's certificates/);
  });

  test("garbage input is Malformed and says which input", () => {
    const leaf = validatePath({
      leaf: Buffer.from("not a certificate"),
      intermediates: [],
      anchors: rootAnchors(),
      time: FIXTURE_TIME,
    });
    assert.equal(!leaf.ok && leaf.code, "Malformed");
    assert.match(!leaf.ok ? leaf.reason : "", /^the leaf certificate cannot be parsed/);
    const truncated = INTERMEDIATE.subarray(0, 200);
    const chain = validatePath({
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [INTERMEDIATE, truncated],
      anchors: rootAnchors(),
      time: FIXTURE_TIME,
    });
    assert.equal(!chain.ok && chain.code, "Malformed");
    assert.match(!chain.ok ? chain.reason : "", /intermediate certificate #2 cannot be parsed: .*truncated/);
  });

  test("the second validation with the same certificates computes no signature", () => {
    const cache = new PkiCache();
    const anchors = createTrustAnchorSet([ROOT], { cache });
    const opts: ValidatePathOptions = {
      leaf: fixtureDer("client-rsa.cert.pem"),
      intermediates: [INTERMEDIATE],
      anchors,
      time: FIXTURE_TIME,
      cache,
    };
    assert.ok(validatePath(opts).ok);
    assert.equal(cache.verifications, 2);
    assert.ok(validatePath(opts).ok);
    assert.equal(cache.verifications, 2);
  });

  test("an imported CRL revokes by issuer and serial; stale CRLs still count and are reported", async () => {
    const issuer = forgedFromPem(
      fixturePem("intermediate-ca.cert.pem"),
      fixturePem("intermediate-ca.key.pem"),
    );
    const crl = parseCrl(
      await forgeCrl({
        issuer,
        crlNumber: 1,
        entries: [{ serialHex: "1002", reason: 1 }],
        nextUpdate: new Date("2026-02-01T00:00:00Z"),
      }),
    );
    const revocation = new RevocationIndex([crl]);
    const base = { intermediates: [INTERMEDIATE], anchors: rootAnchors(), time: FIXTURE_TIME, revocation };
    const revoked = validatePath({ ...base, leaf: fixtureDer("client-rsa.cert.pem") });
    assert.equal(!revoked.ok && revoked.code, "Revoked");
    assert.match(
      !revoked.ok ? revoked.reason : "",
      /leaf "CN=test-client.*\(serial 1002\) is revoked by the CRL of "CN=Example Test Intermediate CA.*reason keyCompromise/,
    );
    assert.match(revoked.warnings.join("\n"), /stale/);
    const other = validatePath({ ...base, leaf: fixtureDer("client-ec-p256.cert.pem") });
    assert.ok(other.ok);
    assert.equal(other.warnings.length, 1);
    // the same serial under another issuer name is not revoked
    const rootIssued = validatePath({ ...base, leaf: fixtureDer("client-rsa-root.cert.pem") });
    assert.ok(rootIssued.ok);
  });
});

// ------------------------------------------------------------------------------------------
// Forged PKIs: one scenario per check, each refused with the expected code (per profile).
const T = new Date("2026-01-01T00:00:00Z");
const seq = (...parts: Buffer[]) => encodeTlv(TAG.SEQUENCE, Buffer.concat(parts));
const dnsConstraint = (permitted: string) =>
  seq(encodeTlv(0xa0, seq(encodeTlv(0x82, Buffer.from(permitted)))));
const REQUIRE_EXPLICIT_POLICY = seq(encodeTlv(0x80, Buffer.from([0])));
const UNKNOWN_CRITICAL = { oid: "1.3.6.1.4.1.55738.666.1", critical: true, value: Buffer.from([0x05, 0x00]) };

interface Pki {
  root: Forged;
  inter: Forged;
  leaf: Forged;
}

async function pki(
  o: { root?: Partial<ForgeOptions>; inter?: Partial<ForgeOptions>; leaf?: Partial<ForgeOptions> } = {},
): Promise<Pki> {
  const root = await forge({ subject: "CN=Forged Root", ca: true, ...o.root });
  const inter = await forge({ subject: "CN=Forged Intermediate", ca: true, issuer: root, ...o.inter });
  const leaf = await forge({ subject: "CN=forged-leaf", issuer: inter, ...o.leaf });
  return { root, inter, leaf };
}

const run = (p: Pki, profile: ValidationProfile, extra: Partial<ValidatePathOptions> = {}) =>
  validatePath({
    leaf: p.leaf.der,
    intermediates: [p.inter.der],
    anchors: createTrustAnchorSet([p.root.der], { cache: new PkiCache() }),
    time: T,
    profile,
    cache: new PkiCache(),
    ...extra,
  });

type Expect = "ok" | PathErrorCode;
interface Scenario {
  readonly name: string;
  readonly make: () => Promise<Pki>;
  readonly ra: Expect;
  readonly rfc: Expect;
  /** Role of the certificate the failure must name. */
  readonly role?: "leaf" | "intermediate" | "anchor";
  readonly extra?: (p: Pki) => Promise<Partial<ValidatePathOptions>>;
}

const SCENARIOS: Scenario[] = [
  { name: "a well-formed chain", make: () => pki(), ra: "ok", rfc: "ok" },
  {
    name: "RSA CA signing with RSASSA-PSS",
    make: () => pki({ inter: { key: forgeKey("rsa2048") }, leaf: { pss: true } }),
    ra: "ok",
    rfc: "ok",
  },
  {
    name: "P-384 CAs signing with ecdsa-with-SHA384",
    make: () =>
      pki({
        root: { key: forgeKey("p384"), hash: "SHA-384" },
        inter: { key: forgeKey("p384"), hash: "SHA-384" },
        leaf: { hash: "SHA-384" },
      }),
    ra: "ok",
    rfc: "ok",
  },
  {
    name: "expired leaf",
    make: () => pki({ leaf: { notAfter: new Date("2025-12-31T23:59:59Z") } }),
    ra: "Expired",
    rfc: "Expired",
    role: "leaf",
  },
  {
    name: "intermediate not yet valid",
    make: () => pki({ inter: { notBefore: new Date("2026-01-01T00:00:01Z") } }),
    ra: "NotYetValid",
    rfc: "NotYetValid",
    role: "intermediate",
  },
  {
    name: "expired trust anchor",
    make: () => pki({ root: { notAfter: new Date("2025-06-01T00:00:00Z") } }),
    ra: "Expired",
    rfc: "Expired",
    role: "anchor",
  },
  {
    name: "CA certificate used as the leaf",
    make: () => pki({ leaf: { ca: true } }),
    ra: "LeafIsCa",
    rfc: "ok",
    role: "leaf",
  },
  {
    name: "leaf without keyUsage",
    make: () => pki({ leaf: { keyUsage: null } }),
    ra: "KeyUsageMissing",
    rfc: "ok",
    role: "leaf",
  },
  {
    name: "leaf keyUsage without digitalSignature",
    make: () => pki({ leaf: { keyUsage: ["keyEncipherment"] } }),
    ra: "KeyUsageMissing",
    rfc: "ok",
    role: "leaf",
  },
  {
    name: "intermediate with cA=FALSE",
    make: () => pki({ inter: { ca: false, keyUsage: ["digitalSignature"] } }),
    ra: "NotACa",
    rfc: "NotACa",
    role: "intermediate",
  },
  {
    name: "intermediate without basicConstraints",
    make: () => pki({ inter: { ca: undefined, keyUsage: null } }),
    ra: "NotACa",
    rfc: "NotACa",
    role: "intermediate",
  },
  {
    name: "intermediate keyUsage without keyCertSign",
    make: () => pki({ inter: { keyUsage: ["cRLSign"] } }),
    ra: "KeyUsageMissing",
    rfc: "KeyUsageMissing",
    role: "intermediate",
  },
  {
    name: "intermediate without keyUsage (RA requires keyCertSign)",
    make: () => pki({ inter: { keyUsage: null } }),
    ra: "KeyUsageMissing",
    rfc: "ok",
    role: "intermediate",
  },
  {
    name: "root pathlen 0 above an intermediate",
    make: () => pki({ root: { pathLength: 0 } }),
    ra: "PathLengthExceeded",
    rfc: "PathLengthExceeded",
    role: "intermediate",
  },
  {
    name: "SHA-1 signed leaf",
    make: () => pki({ leaf: { hash: "SHA-1" } }),
    ra: "WeakSignatureAlgorithm",
    rfc: "WeakSignatureAlgorithm",
    role: "leaf",
  },
  {
    name: "SHA-1 signed intermediate",
    make: () => pki({ inter: { hash: "SHA-1" } }),
    ra: "WeakSignatureAlgorithm",
    rfc: "WeakSignatureAlgorithm",
    role: "intermediate",
  },
  {
    name: "SHA-1 self-signed anchor (RA refuses it; RFC 5280 does not check an anchor's own signature)",
    make: () => pki({ root: { hash: "SHA-1" } }),
    ra: "WeakSignatureAlgorithm",
    rfc: "ok",
    role: "anchor",
  },
  {
    name: "RSA-1024 leaf key",
    make: () => pki({ leaf: { key: forgeKey("rsa1024") } }),
    ra: "WeakKey",
    rfc: "WeakKey",
    role: "leaf",
  },
  {
    name: "Ed25519 leaf key",
    make: () => pki({ leaf: { key: forgeKey("ed25519") } }),
    ra: "UnsupportedAlgorithm",
    rfc: "ok",
    role: "leaf",
  },
  {
    name: "unknown critical extension in the leaf",
    make: () => pki({ leaf: { extra: [UNKNOWN_CRITICAL] } }),
    ra: "UnknownCriticalExtension",
    rfc: "UnknownCriticalExtension",
    role: "leaf",
  },
  {
    name: "unknown critical extension in the intermediate",
    make: () => pki({ inter: { extra: [UNKNOWN_CRITICAL] } }),
    ra: "UnknownCriticalExtension",
    rfc: "UnknownCriticalExtension",
    role: "intermediate",
  },
  {
    name: "unknown non-critical extension",
    make: () => pki({ leaf: { extra: [{ ...UNKNOWN_CRITICAL, critical: false }] } }),
    ra: "ok",
    rfc: "ok",
  },
  {
    name: "leaf with an empty subject (critical SAN)",
    make: () =>
      pki({ leaf: { subject: "", sans: [{ type: "dns", value: "a.example.com" }], sanCritical: true } }),
    ra: "InvalidCertificate",
    rfc: "ok",
    role: "leaf",
  },
  {
    name: "leaf without authorityKeyIdentifier (an issuance rule only the rfc5280 profile enforces)",
    make: () => pki({ leaf: { aki: false } }),
    ra: "ok",
    rfc: "InvalidCertificate",
    role: "leaf",
  },
  {
    name: "name constraints: leaf SAN outside the root's permitted DNS subtree",
    make: () =>
      pki({
        root: { extra: [{ oid: "2.5.29.30", critical: true, value: dnsConstraint("example.com") }] },
        leaf: { sans: [{ type: "dns", value: "app.other.com" }] },
      }),
    ra: "NameConstraintViolation",
    rfc: "NameConstraintViolation",
    role: "leaf",
  },
  {
    name: "name constraints: leaf SAN inside the permitted subtree",
    make: () =>
      pki({
        root: { extra: [{ oid: "2.5.29.30", critical: true, value: dnsConstraint("example.com") }] },
        leaf: { sans: [{ type: "dns", value: "app.example.com" }] },
      }),
    ra: "ok",
    rfc: "ok",
  },
  {
    name: "policy constraints: explicit policy required, none asserted",
    make: () =>
      pki({ root: { extra: [{ oid: "2.5.29.36", critical: true, value: REQUIRE_EXPLICIT_POLICY }] } }),
    ra: "PolicyViolation",
    rfc: "PolicyViolation",
    role: "intermediate",
  },
  {
    name: "policy constraints: explicit policy required and asserted down the path",
    make: async () => {
      const policy = {
        oid: "2.5.29.32",
        critical: false,
        value: seq(seq(encodeTlv(TAG.OID, Buffer.from([0x2a, 0x03, 0x04])))),
      };
      return pki({
        root: { extra: [{ oid: "2.5.29.36", critical: true, value: REQUIRE_EXPLICIT_POLICY }] },
        inter: { extra: [policy] },
        leaf: { extra: [policy] },
      });
    },
    ra: "ok",
    rfc: "ok",
  },
  {
    name: "leaf signed by another key under the same issuer name",
    make: async () => {
      const p = await pki();
      const impostor = await forge({ subject: "CN=Forged Intermediate", ca: true, issuer: p.root });
      return { ...p, leaf: await forge({ subject: "CN=forged-leaf", issuer: impostor }) };
    },
    ra: "BadSignature",
    rfc: "BadSignature",
    role: "leaf",
  },
  {
    name: "revoked intermediate (CRL of the root)",
    make: () => pki({ inter: { serialHex: "7777" } }),
    extra: async (p) => ({
      revocation: new RevocationIndex([
        parseCrl(await forgeCrl({ issuer: p.root, crlNumber: 3, entries: [{ serialHex: "7777" }] })),
      ]),
    }),
    ra: "Revoked",
    rfc: "Revoked",
    role: "intermediate",
  },
  {
    name: "CRL without cRLNumber (RA warns, rfc5280 refuses)",
    make: () => pki(),
    extra: async (p) => ({
      revocation: new RevocationIndex([parseCrl(await forgeCrl({ issuer: p.inter }))]),
    }),
    ra: "ok",
    rfc: "RevocationCheckFailed",
    role: "leaf",
  },
  {
    name: "CRL from an issuer whose keyUsage lacks cRLSign",
    make: () => pki({ inter: { keyUsage: ["keyCertSign"] } }),
    extra: async (p) => ({
      revocation: new RevocationIndex([parseCrl(await forgeCrl({ issuer: p.inter, crlNumber: 1 }))]),
    }),
    ra: "RevocationCheckFailed",
    rfc: "RevocationCheckFailed",
    role: "leaf",
  },
  {
    name: "CRL under the issuer's name but signed by another key is ignored (with a warning)",
    make: () => pki({ leaf: { serialHex: "4242" } }),
    extra: async (p) => ({
      revocation: new RevocationIndex([
        parseCrl(
          await forgeCrl({
            issuer: p.inter,
            crlNumber: 1,
            signWith: forgeKey(),
            entries: [{ serialHex: "4242" }],
          }),
        ),
      ]),
    }),
    ra: "ok",
    rfc: "ok",
  },
];

describe("validatePath refusals, table-driven", () => {
  test(`has ${SCENARIOS.length} scenarios`, () => assert.equal(SCENARIOS.length, 33));
  for (const s of SCENARIOS)
    test(s.name, async () => {
      const p = await s.make();
      const extra = s.extra ? await s.extra(p) : {};
      for (const [profile, want] of [
        ["roles-anywhere", s.ra],
        ["rfc5280", s.rfc],
      ] as const) {
        const r = run(p, profile, extra);
        if (want === "ok") assert.ok(r.ok, `${profile}: ${r.ok ? "" : `${r.code}: ${r.reason}`}`);
        else {
          assert.equal(r.ok ? "ok" : r.code, want, `${profile}: ${r.ok ? "accepted" : r.reason}`);
          if (!r.ok && s.role) assert.equal(r.certificate?.role, s.role, r.reason);
          if (!r.ok) assert.match(r.reason, /serial [0-9A-F]+/, "the reason names the certificate's serial");
        }
      }
    });
});

describe("path building is bounded", () => {
  test("two intermediates that sign each other terminate quickly with NoPathToAnchor", async () => {
    const root = await forge({ subject: "CN=Cycle Root", ca: true });
    const k1 = forgeKey();
    const k2 = forgeKey();
    const seed1 = await forge({ subject: "CN=ICA One", ca: true, key: k1 });
    const seed2 = await forge({ subject: "CN=ICA Two", ca: true, key: k2 });
    const one = await forge({ subject: "CN=ICA One", ca: true, key: k1, issuer: seed2 });
    const two = await forge({ subject: "CN=ICA Two", ca: true, key: k2, issuer: seed1 });
    const leaf = await forge({ subject: "CN=cycle-leaf", issuer: one });
    const cache = new PkiCache();
    const r = validatePath({
      leaf: leaf.der,
      intermediates: [one.der, two.der],
      anchors: createTrustAnchorSet([root.der]),
      time: T,
      cache,
    });
    // Work, not wall-clock time: each of the three links is verified once at most.
    assert.ok(cache.verifications <= 3, `${cache.verifications} signature verifications`);
    assert.equal(!r.ok && r.code, "NoPathToAnchor");
    assert.match(!r.ok ? r.reason : "", /loop/);
  });

  test("30 same-subject, same-key intermediates: the search stops at its budget, fast", async () => {
    const key = forgeKey();
    const seed = await forge({ subject: "CN=Same CA", ca: true, key });
    const cas: Forged[] = [];
    for (let i = 0; i < 30; i++)
      cas.push(
        await forge({
          subject: "CN=Same CA",
          ca: true,
          key: forgeKey(),
          issuer: i === 0 ? seed : cas[i - 1]!,
        }),
      );
    const leaf = await forge({ subject: "CN=deep-leaf", issuer: cas[29]! });
    const root = await forge({ subject: "CN=Unrelated Root", ca: true });
    const cache = new PkiCache();
    const r = validatePath({
      leaf: leaf.der,
      intermediates: cas.map((c) => c.der),
      anchors: createTrustAnchorSet([root.der]),
      time: T,
      cache,
    });
    // Work, not wall-clock time: the search stops at the first verification past its budget.
    const budget = DEFAULT_PATH_LIMITS.maxSignatureChecks + 1;
    assert.ok(cache.verifications <= budget, `${cache.verifications} signature verifications`);
    assert.equal(r.ok, false);
    assert.ok(
      !r.ok && ["NoPathToAnchor", "PathLengthExceeded", "PathBuildingLimit"].includes(r.code),
      !r.ok ? r.code : "",
    );
  });

  test("more intermediates than the input limit are refused before parsing", () => {
    const r = validatePath({
      leaf: ROOT,
      intermediates: Array.from({ length: 33 }, () => Buffer.from("x")),
      anchors: rootAnchors(),
      time: T,
    });
    assert.equal(!r.ok && r.code, "PathBuildingLimit");
  });

  test("maxDepth counts intermediates (self-issued ones excepted)", async () => {
    const root = await forge({ subject: "CN=Depth Root", ca: true });
    const i1 = await forge({ subject: "CN=Depth 1", ca: true, issuer: root });
    const i2 = await forge({ subject: "CN=Depth 2", ca: true, issuer: i1 });
    const leaf = await forge({ subject: "CN=depth-leaf", issuer: i2 });
    const opts = {
      leaf: leaf.der,
      intermediates: [i2.der, i1.der],
      anchors: createTrustAnchorSet([root.der]),
      time: T,
      cache: new PkiCache(),
    };
    assert.ok(validatePath({ ...opts, maxDepth: 2 }).ok);
    const r = validatePath({ ...opts, maxDepth: 1 });
    assert.equal(!r.ok && r.code, "PathLengthExceeded");
  });

  test("a decoy intermediate with the right name but another key is skipped", async () => {
    const p = await pki();
    const decoy = await forge({ subject: "CN=Forged Intermediate", ca: true, issuer: p.root });
    const r = run(p, "roles-anywhere", { intermediates: [decoy.der, p.inter.der] });
    assert.ok(r.ok, r.ok ? "" : r.reason);
  });

  test("an unrelated root with an unknown critical extension in the set does not matter", async () => {
    const p = await pki();
    const bad = await forge({ subject: "CN=Other Root", ca: true, extra: [UNKNOWN_CRITICAL] });
    const r = run(p, "rfc5280", { anchors: createTrustAnchorSet([bad.der, p.root.der]) });
    assert.ok(r.ok, r.ok ? "" : r.reason);
  });
});
