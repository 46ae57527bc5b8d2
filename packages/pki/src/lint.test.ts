import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { lintCertificate, type LintFinding, type LintRole } from "./lint.js";
import { forge, forgeKey, type ForgeOptions, type Forged } from "./test-support/forge.js";
import { FIXTURE_TIME, fixtureDer } from "./test-support/fixtures.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const ids = (f: readonly LintFinding[], severity: "error" | "warning") =>
  f
    .filter((x) => x.severity === severity)
    .map((x) => x.id)
    .sort();

describe("lintCertificate on the committed test PKI", () => {
  test("the root passes as an anchor; its long validity is only a warning", () => {
    const f = lintCertificate(fixtureDer("root-ca.cert.pem"), "anchor", { now: FIXTURE_TIME });
    assert.deepEqual(ids(f, "error"), []);
  });
  test("the client certificate passes as a leaf, with warnings for the short serial and long validity", () => {
    const f = lintCertificate(fixtureDer("client-rsa.cert.pem"), "leaf", { now: FIXTURE_TIME });
    assert.deepEqual(ids(f, "error"), []);
    assert.deepEqual(ids(f, "warning"), ["serial-short", "validity-long"]);
    for (const x of f) assert.ok(x.message.length > 10 && x.fix.length > 10, x.id);
  });
  test("a leaf linted as an anchor, and the root linted as a leaf, are errors", () => {
    assert.deepEqual(
      ids(lintCertificate(fixtureDer("client-rsa.cert.pem"), "anchor", { now: FIXTURE_TIME }), "error"),
      ["ca-basic-constraints", "ca-key-usage"],
    );
    assert.deepEqual(
      ids(lintCertificate(fixtureDer("root-ca.cert.pem"), "leaf", { now: FIXTURE_TIME }), "error"),
      ["leaf-is-ca", "leaf-key-usage"],
    );
  });
  test("garbage is one parse error", () => {
    const f = lintCertificate(Buffer.from("nope"), "leaf", { now: NOW });
    assert.deepEqual(
      f.map((x) => [x.id, x.severity]),
      [["parse", "error"]],
    );
  });
});

const LEAF = {
  subject: "CN=lint-leaf",
  serialHex: "4a1b2c3d4e5f60718293",
  notBefore: new Date("2025-12-01T00:00:00Z"),
  notAfter: new Date("2026-12-01T00:00:00Z"),
};
const CA = {
  subject: "CN=Lint CA",
  ca: true,
  serialHex: "5a1b2c3d4e5f60718293",
  notBefore: new Date("2025-01-01T00:00:00Z"),
  notAfter: new Date("2035-01-01T00:00:00Z"),
};

let issuingCa: Promise<Forged> | undefined;
/** A leaf issued by a compliant CA (not self-signed, so issuer-dependent rules apply). */
const leaf = async (o: Partial<ForgeOptions> = {}): Promise<Forged> =>
  forge({ ...LEAF, issuer: await (issuingCa ??= forge({ ...CA, subject: "CN=Lint Issuing CA" })), ...o });

interface Case {
  readonly name: string;
  readonly role: LintRole;
  readonly make: () => Promise<Forged>;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly message?: RegExp;
}

const CASES: Case[] = [
  { name: "a compliant leaf", role: "leaf", make: () => leaf(), errors: [], warnings: [] },
  { name: "a compliant CA", role: "anchor", make: () => forge(CA), errors: [], warnings: [] },
  {
    name: "CA as leaf",
    role: "leaf",
    make: () => leaf({ ca: true, keyUsage: ["digitalSignature", "keyCertSign"] }),
    errors: ["leaf-is-ca"],
    warnings: [],
  },
  {
    name: "leaf without keyUsage",
    role: "leaf",
    make: () => leaf({ keyUsage: null }),
    errors: ["leaf-key-usage"],
    warnings: [],
    message: /no keyUsage extension/,
  },
  {
    name: "SHA-1 leaf",
    role: "leaf",
    make: () => leaf({ hash: "SHA-1" }),
    errors: ["signature-algorithm"],
    warnings: [],
  },
  {
    name: "RSA-1024 leaf",
    role: "leaf",
    make: () => leaf({ key: forgeKey("rsa1024") }),
    errors: ["public-key"],
    warnings: [],
    message: /1024 bits/,
  },
  {
    name: "Ed25519 leaf key (signed by an ECDSA CA)",
    role: "leaf",
    make: () => leaf({ key: forgeKey("ed25519") }),
    errors: ["public-key"],
    warnings: [],
  },
  {
    name: "expired leaf",
    role: "leaf",
    make: () => leaf({ notAfter: new Date("2025-12-31T00:00:00Z") }),
    errors: ["validity-expired"],
    warnings: [],
  },
  {
    name: "not yet valid leaf",
    role: "leaf",
    make: () => leaf({ notBefore: new Date("2026-01-02T00:00:00Z") }),
    errors: ["validity-not-yet-valid"],
    warnings: [],
  },
  {
    name: "leaf expiring within 45 days",
    role: "leaf",
    make: () => leaf({ notAfter: new Date("2026-01-20T00:00:00Z") }),
    errors: [],
    warnings: ["validity-expiring"],
  },
  {
    name: "leaf valid for 5 years",
    role: "leaf",
    make: () => leaf({ notAfter: new Date("2030-12-01T00:00:00Z") }),
    errors: [],
    warnings: ["validity-long"],
  },
  {
    name: "no SKI, no AKI",
    role: "leaf",
    make: () => leaf({ ski: false, aki: false }),
    errors: [],
    warnings: ["aki-missing", "ski-missing"],
  },
  {
    name: "short serial",
    role: "leaf",
    make: () => leaf({ serialHex: "1002" }),
    errors: [],
    warnings: ["serial-short"],
  },
  {
    name: "21-octet serial",
    role: "leaf",
    make: () => leaf({ serialHex: "11".repeat(21) }),
    errors: ["serial-invalid"],
    warnings: [],
  },
  {
    name: "empty subject",
    role: "leaf",
    make: () => leaf({ subject: "", sans: [{ type: "dns", value: "a.example.com" }], sanCritical: true }),
    errors: ["subject-empty"],
    warnings: [],
  },
  {
    name: "CN longer than 64",
    role: "leaf",
    make: () => leaf({ subject: `CN=${"x".repeat(65)}` }),
    errors: [],
    warnings: ["cn-too-long"],
  },
  {
    name: "CN with a space (source identity falls back)",
    role: "leaf",
    make: () => leaf({ subject: "CN=two words" }),
    errors: [],
    warnings: ["cn-source-identity"],
  },
  {
    name: "attribute dropped from the session tags",
    role: "leaf",
    make: () => leaf({ subject: "CN=ok, OU=R&D" }),
    errors: [],
    warnings: ["tag-value-dropped"],
    message: /x509Subject\/OU "R&D"/,
  },
  {
    name: "unknown critical extension",
    role: "leaf",
    make: () => leaf({ extra: [{ oid: "1.2.3.4.5", critical: true, value: Buffer.from([5, 0]) }] }),
    errors: ["unknown-critical-extension"],
    warnings: [],
  },
  {
    name: "underscore in a SAN (RFC 5280 issuance rule)",
    role: "leaf",
    make: () => leaf({ sans: [{ type: "dns", value: "a_b.example.com" }] }),
    errors: [],
    warnings: ["rfc5280"],
  },
  {
    name: "CA without keyCertSign",
    role: "anchor",
    make: () => forge({ ...CA, keyUsage: ["cRLSign"] }),
    errors: ["ca-key-usage"],
    warnings: [],
  },
  {
    name: "CA without cRLSign",
    role: "anchor",
    make: () => forge({ ...CA, keyUsage: ["keyCertSign"] }),
    errors: [],
    warnings: ["ca-key-usage"],
  },
  {
    name: "CA with non-critical basicConstraints",
    role: "anchor",
    make: () => forge({ ...CA, bcCritical: false }),
    errors: [],
    warnings: ["ca-basic-constraints"],
  },
  {
    name: "CA without basicConstraints",
    role: "anchor",
    make: () => forge({ ...CA, ca: undefined, keyUsage: ["cRLSign"] }),
    errors: ["ca-basic-constraints", "ca-key-usage"],
    warnings: [],
  },
];

describe("lint findings table", () => {
  test(`has ${CASES.length} cases`, () => assert.equal(CASES.length, 24));
  for (const c of CASES)
    test(c.name, async () => {
      const f = lintCertificate((await c.make()).der, c.role, { now: NOW });
      assert.deepEqual(ids(f, "error"), [...c.errors].sort(), JSON.stringify(f, null, 1));
      assert.deepEqual(ids(f, "warning"), [...c.warnings].sort(), JSON.stringify(f, null, 1));
      if (c.message)
        assert.ok(
          f.some((x) => c.message!.test(x.message)),
          JSON.stringify(f),
        );
      for (const x of f) assert.ok(x.fix.length > 0, `${x.id} has a fix`);
    });
});
