// PKCS#11 keys through the library (a SoftHSM2 token): certificates and keys found by RFC 7512 URIs,
// signatures identical to the key files' (the recorded helper vector's Authorization header comes
// out byte for byte), every PKCS#11 error, --reuse-pin, and the binding loaded only for pkcs11: URIs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  createSession,
  fromRolesAnywhere,
  loadSigningMaterial,
  MaterialError,
  resolveSessionConfig,
} from "@anchorage/credential-provider";
import type { HttpRequest, SigningMaterialInit } from "@anchorage/credential-provider";
import type { SoftHsmToken } from "../../scripts/softhsm.mjs";
import { FIXTURES, helperCases, REPO } from "./client-harness.js";
import { ALWAYS_AUTH, makeToken, OBJECTS, pki, uri } from "./pkcs11-harness.js";

let token: SoftHsmToken;
before(() => {
  token = makeToken();
  process.env.SOFTHSM2_CONF = token.conf; // the module reads it when it is initialised
});
after(() => rmSync(token.dir, { recursive: true, force: true }));

const load = (init: Omit<SigningMaterialInit, "env">) =>
  loadSigningMaterial({ pkcs11Module: token.module, stdinIsTTY: () => false, env: {}, ...init });
const PIN = "pin-value=1234";

test("certificate and key on the token: RSA signatures equal the key file's, ECDSA ones verify", async () => {
  let n = 0;
  for (const o of OBJECTS) {
    const m = await load({ certificate: uri(o.idHex, "cert", PIN) });
    assert.equal(m.certificate.serialDecimal, o.serial);
    assert.deepEqual(
      m.certificate.der,
      (await load({ certificate: pki(`${o.name}.cert.pem`), privateKey: uri(o.idHex, "private", PIN) }))
        .certificate.der,
    );
    assert.equal(m.source.certificateFormat, "PKCS#11");
    assert.equal(m.source.privateKeyFormat, "PKCS#11");
    assert.match(m.source.certificate, /pin-value=\*\*\*/, "the PIN is masked where the source is shown");
    const data = Buffer.from(`string to sign ${o.name}`);
    const signer = m.privateKey as { sign(d: Buffer): Buffer };
    const signature = await signer.sign(data);
    assert.ok(verify("sha256", data, m.certificate.x509.publicKey, signature), o.name);
    if (o.name === "client-rsa") {
      const file = await loadSigningMaterial({
        certificate: pki("client-rsa.cert.pem"),
        privateKey: pki("client-rsa.key.pem"),
      });
      assert.deepEqual(
        signature,
        sign("sha256", data, file.privateKey as KeyObject),
        "byte-identical to the key file",
      );
    }
    n++;
  }
  assert.equal(n, 3);
});

test("the recorded helper vector's Authorization header, byte for byte, with the key on the token", async () => {
  const vector = helperCases("vectors.json").find((c) => c.id === "rsa-with-intermediate")!;
  const material = await load({
    certificate: uri("01", "cert", PIN),
    intermediates: join(FIXTURES, "pki", "chain-intermediate.pem"),
  });
  const config = resolveSessionConfig({
    trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
    profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
    roleArn: "arn:aws:iam::123456789012:role/test-role",
    region: "us-east-1",
    endpoint: "http://127.0.0.1:18443",
    durationSeconds: 3600,
  });
  const sent: string[] = [];
  const answer = vector.requests[0]!.mockResponse;
  const httpRequest: HttpRequest = async (request) => {
    sent.push(request.headers.find(([n]) => n === "Authorization")![1]);
    return {
      status: answer.status,
      statusText: "Created",
      headers: { "content-type": "application/json" },
      body: Buffer.from(answer.body),
    };
  };
  const result = await createSession({
    material,
    config,
    now: () => new Date("2026-01-15T12:00:00Z"),
    httpRequest,
  });
  assert.deepEqual(sent, [vector.expect!.authorizationHeader]);
  assert.equal(result.credentials.accessKeyId, "ASIAEXAMPLEACCESSKEY");
});

test("fromRolesAnywhere() with pkcs11: URIs (PIN from ANCHORAGE_PKCS11_PIN)", async () => {
  const vector = helperCases("vectors.json").find((c) => c.id === "rsa-with-intermediate")!;
  const answer = vector.requests[0]!.mockResponse;
  const provider = fromRolesAnywhere({
    certificate: uri("02", "cert"),
    privateKey: uri("02", "private"),
    pkcs11Module: token.module,
    env: { ANCHORAGE_PKCS11_PIN: "1234" },
    trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
    profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
    roleArn: "arn:aws:iam::123456789012:role/test-role",
    endpoint: "http://127.0.0.1:9",
    httpRequest: async () => ({
      status: 201,
      statusText: "Created",
      headers: {},
      body: Buffer.from(answer.body),
    }),
  });
  assert.equal((await provider()).accessKeyId, "ASIAEXAMPLEACCESSKEY");
});

test("--reuse-pin: a key that wants its PIN at every signature signs with the user PIN", async () => {
  const init = {
    certificate: pki("client-ec-p384.cert.pem"),
    privateKey: uri(ALWAYS_AUTH.idHex, "private", PIN),
  };
  await assert.rejects(
    load(init),
    (e: unknown) =>
      e instanceof MaterialError && e.code === "Pkcs11Failed" && /pass --reuse-pin/.test(e.message),
  );
  const m = await load({ ...init, reusePin: true });
  const data = Buffer.from("twice");
  for (let i = 0; i < 2; i++) {
    const signature = await (m.privateKey as { sign(d: Buffer): Buffer }).sign(data);
    assert.ok(verify("sha256", data, m.certificate.x509.publicKey, signature));
  }
});

const BAD: readonly [string, Omit<SigningMaterialInit, "env">, string, RegExp][] = [
  [
    "a malformed URI",
    { certificate: "pkcs11:label=x" },
    "Pkcs11InvalidUri",
    /unknown path attribute "label"/,
  ],
  [
    "a key URI naming a certificate",
    { certificate: pki("client-rsa.cert.pem"), privateKey: uri("01", "cert") },
    "Pkcs11InvalidUri",
    /type=cert, not a private key/,
  ],
  [
    "a token certificate with a key file",
    { certificate: uri("01", "cert"), privateKey: pki("client-rsa.key.pem") },
    "Pkcs11InvalidUri",
    /a key file goes with a certificate file/,
  ],
  [
    "a module that does not exist",
    { certificate: uri("01", "cert", PIN), pkcs11Module: "/nonexistent/libnothing.so" },
    "Pkcs11Unavailable",
    /cannot load the PKCS#11 module \/nonexistent\/libnothing\.so/,
  ],
  [
    "no such certificate",
    { certificate: `pkcs11:token=anchorage-test;object=nope;type=cert?${PIN}` },
    "Pkcs11NotFound",
    /no certificate on 1 matching PKCS#11 token matches/,
  ],
  [
    "no such token",
    { certificate: "pkcs11:token=elsewhere;type=cert" },
    "Pkcs11NotFound",
    /no certificate on any PKCS#11 token/,
  ],
  [
    "several certificates",
    { certificate: `pkcs11:type=cert?${PIN}` },
    "Pkcs11Ambiguous",
    /3 certificates match/,
  ],
  [
    "a key of another certificate",
    { certificate: pki("client-rsa.cert.pem"), privateKey: uri("02", "private", PIN) },
    "KeyCertificateMismatch",
    /is not an RSA key/,
  ],
  [
    "a key of another certificate of the same type",
    { certificate: pki("client-ec-p256.cert.pem"), privateKey: uri("03", "private", PIN) },
    "KeyCertificateMismatch",
    /does not match/,
  ],
];

test("bad PKCS#11 inputs: one MaterialError each, with the code, never the PIN", async () => {
  for (const [what, init, code, message] of BAD) {
    await assert.rejects(load(init), (e: unknown) => {
      assert.ok(e instanceof MaterialError, what);
      assert.equal(e.code, code, `${what}: ${e.message}`);
      assert.match(e.message, message, what);
      assert.ok(!e.message.includes("1234"), `${what}: no PIN in the message`);
      return true;
    });
  }
  assert.equal(BAD.length, 9);
  // Pkcs11NeedsPin and Pkcs11WrongPin need a process that has not logged in yet: pkcs11-cli.test.ts.
});

test("loading key files never loads the PKCS#11 binding; a pkcs11: URI does", () => {
  const script = `
    const { createRequire } = await import("node:module");
    const cache = createRequire(import.meta.url).cache;
    const loaded = () => Object.keys(cache).some((k) => k.includes("pkcs11js"));
    const { loadSigningMaterial } = await import("@anchorage/credential-provider");
    await loadSigningMaterial({ certificate: ${JSON.stringify(pki("client-rsa.cert.pem"))}, privateKey: ${JSON.stringify(pki("client-rsa.key.pem"))} });
    const before = loaded();
    await loadSigningMaterial({ certificate: ${JSON.stringify(uri("01", "cert", PIN))}, pkcs11Module: ${JSON.stringify(token.module)} });
    console.log(JSON.stringify([before, loaded()]));`;
  const child = spawnSync(
    process.execPath,
    ["--conditions=@anchorage/source", "--import", "tsx", "--input-type=module", "-e", script],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, ...token.env },
    },
  );
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), [false, true]);
  assert.ok(readFileSync(join(REPO, "node_modules/pkcs11js/package.json")).length > 0);
});
