import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, sign, verify, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import test from "node:test";
import { OTHER_COMMANDS_JSON, readFixture, readPki } from "./fixture-files.js";
import { MaterialError } from "./errors.js";
import { publicKeyBytes, signStringTestMessage } from "./public-key-bytes.js";

interface SignStringRecord {
  readonly key: string;
  readonly argv: readonly string[];
  readonly digest: string;
  readonly signatureHex?: string;
  readonly fixedMessageHex?: string;
}
const records = (JSON.parse(readFileSync(OTHER_COMMANDS_JSON, "utf8")) as { signString: SignStringRecord[] })
  .signString;
const keyPathOf = (r: SignStringRecord) => r.argv[r.argv.indexOf("--private-key") + 1]!.replace(/^pki\//, "");

test("signStringTestMessage equals every fixedMessageHex recorded from AWS's helper", () => {
  const withMessage = records.filter((r) => r.fixedMessageHex !== undefined);
  for (const r of withMessage) {
    const key = createPrivateKey(readPki(keyPathOf(r)));
    assert.equal(signStringTestMessage(key).toString("hex"), r.fixedMessageHex, `${r.key} ${r.digest}`);
  }
  assert.equal(withMessage.length, 19);
  assert.deepEqual([...new Set(withMessage.map((r) => r.key))], ["rsa", "ec-p256", "ec-p384"]);
});

test("the recorded RSA sign-string signatures are PKCS#1 v1.5 over that message (byte-identical)", () => {
  const rsa = records.filter(
    (r) => r.key === "rsa" && r.fixedMessageHex !== undefined && r.signatureHex !== undefined,
  );
  const digests: Record<string, string> = { SHA256: "sha256", SHA384: "sha384", SHA512: "sha512" };
  const key = createPrivateKey(readPki("client-rsa.key.pem"));
  for (const r of rsa) {
    assert.equal(
      sign(digests[r.digest]!, signStringTestMessage(key), key).toString("hex"),
      r.signatureHex,
      r.digest,
    );
  }
  assert.equal(rsa.length, 9);
});

test("the recorded ECDSA signatures verify against the certificate over that message", () => {
  const ec = records.filter((r) => r.key.startsWith("ec-") && r.signatureHex !== undefined);
  const digests: Record<string, string> = { SHA256: "sha256", SHA384: "sha384", SHA512: "sha512" };
  for (const r of ec) {
    const cert = new X509Certificate(readPki(`client-${r.key}.cert.pem`));
    const message = signStringTestMessage(cert.publicKey);
    assert.ok(
      verify(digests[r.digest]!, message, cert.publicKey, Buffer.from(r.signatureHex!, "hex")),
      `${r.key} ${r.digest}`,
    );
  }
  assert.equal(ec.length, 10);
});

test("publicKeyBytes: PKCS#1 RSAPublicKey for RSA, 04‖X‖Y for EC, same from private and public keys", () => {
  const rsa = createPrivateKey(readPki("client-rsa.key.pem"));
  const rsaBytes = publicKeyBytes(rsa);
  assert.deepEqual(rsaBytes, createPublicKey(rsa).export({ type: "pkcs1", format: "der" }));
  assert.equal(rsaBytes[0], 0x30);
  const sizes: [string, number][] = [
    ["client-ec-p256.key.pem", 65],
    ["client-ec-p384.key.pem", 97],
  ];
  for (const [file, size] of sizes) {
    const key = createPrivateKey(readPki(file));
    const bytes = publicKeyBytes(key);
    assert.equal(bytes.length, size, file);
    assert.equal(bytes[0], 0x04, file);
    assert.deepEqual(publicKeyBytes(createPublicKey(key)), bytes, file);
    const jwk = createPublicKey(key).export({ format: "jwk" });
    assert.deepEqual(
      bytes.subarray(1),
      Buffer.concat([Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]),
    );
  }
  assert.equal(sizes.length, 2);
});

test("publicKeyBytes refuses key types sign-string does not define", () => {
  assert.throws(() => publicKeyBytes(createPrivateKey(readFixture("ed25519.key.pem"))), {
    name: "MaterialError",
    code: "UnsupportedKeyType",
  });
  assert.ok(new MaterialError("UnsupportedKeyType", "x") instanceof Error);
});
