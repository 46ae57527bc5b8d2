import assert from "node:assert/strict";
import { createPrivateKey } from "node:crypto";
import test from "node:test";
import { children, decodeOid, readTlv, valueOf } from "./der.js";
import { fixture, pki, readFixture, readPki } from "./fixture-files.js";
import { parsePem } from "./pem.js";
import { PbeError, passwordForms, pbeDecrypt } from "./pbe.js";

/** EncryptedPrivateKeyInfo → the algorithm (OID, parameters) and the ciphertext. */
function encryptedKeyInfo(der: Buffer) {
  const [algorithm, data] = children(der, readTlv(der, 0));
  const [oid, parameters] = children(der, algorithm!);
  return {
    algorithm: {
      oid: decodeOid(valueOf(der, oid!)),
      parameters: der.subarray(parameters!.start, parameters!.end),
    },
    data: valueOf(der, data!),
  };
}
const pemDer = (bytes: Buffer) => parsePem(bytes.toString("utf8"))[0]!.der;
const PLAIN = createPrivateKey(readPki("client-rsa.key.pem")).export({ type: "pkcs8", format: "der" });

test("pbeDecrypt opens encrypted PKCS#8 under PBES2/PBKDF2, PBES2/scrypt and PKCS#12 RC2-40", () => {
  const cases: [string, Buffer, string][] = [
    [pki("client-rsa.key.enc-pkcs8.pem"), readPki("client-rsa.key.enc-pkcs8.pem"), "1.2.840.113549.1.5.13"],
    [fixture("client-rsa.key.scrypt.pem"), readFixture("client-rsa.key.scrypt.pem"), "1.2.840.113549.1.5.13"],
    [
      fixture("client-rsa.key.enc-rc2.pem"),
      readFixture("client-rsa.key.enc-rc2.pem"),
      "1.2.840.113549.1.12.1.6",
    ],
  ];
  for (const [name, pem, oid] of cases) {
    const { algorithm, data } = encryptedKeyInfo(pemDer(pem));
    assert.equal(algorithm.oid, oid, name);
    assert.deepEqual(pbeDecrypt(algorithm, data, passwordForms("test-password")), PLAIN, name);
    assert.throws(
      () => pbeDecrypt(algorithm, data, passwordForms("wrong")),
      (e: unknown) => e instanceof PbeError && e.kind === "decrypt",
      name,
    );
  }
  assert.equal(cases.length, 3);
});

test("pbeDecrypt names what it does not support and what is malformed", () => {
  const kind = (k: PbeError["kind"]) => (e: unknown) => e instanceof PbeError && e.kind === k;
  const data = Buffer.alloc(16);
  assert.throws(
    () => pbeDecrypt({ oid: "1.2.840.113549.1.12.1.1", parameters: null }, data, passwordForms("x")),
    kind("unsupported"),
  );
  assert.throws(
    () => pbeDecrypt({ oid: "1.2.840.113549.1.12.1.3", parameters: null }, data, passwordForms("x")),
    kind("malformed"),
  );
  assert.throws(
    () =>
      pbeDecrypt(
        { oid: "1.2.840.113549.1.12.1.3", parameters: Buffer.from("3003040100", "hex") },
        data,
        passwordForms("x"),
      ),
    kind("malformed"),
  );
  const { algorithm } = encryptedKeyInfo(pemDer(readPki("client-rsa.key.enc-pkcs8.pem")));
  assert.throws(() => pbeDecrypt(algorithm, Buffer.alloc(15), passwordForms("x")), kind("decrypt"));
});
