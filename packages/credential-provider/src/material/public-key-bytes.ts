import { createHash, createPublicKey } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { SIGN_STRING_KEY_PREFIX, SIGN_STRING_TEST_TEXT, SIGN_STRING_TEST_VERSION } from "./constants.js";
import { children, readWhole, TAG, valueOf } from "./der.js";
import { MaterialError } from "./errors.js";

/**
 * The public key bytes AWS's helper hashes in `sign-string`: the PKCS#1 `RSAPublicKey` DER for RSA,
 * the uncompressed point `04‖X‖Y` for EC. Accepts a public or a private key.
 *
 * @example
 * publicKeyBytes(material.privateKey).subarray(0, 1) // <Buffer 04> for an EC key
 */
export function publicKeyBytes(key: KeyObject): Buffer {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  switch (publicKey.asymmetricKeyType) {
    case "rsa":
      return publicKey.export({ type: "pkcs1", format: "der" });
    case "ec": {
      // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
      // node:crypto exports the point uncompressed; the BIT STRING's first byte counts unused bits (0).
      const spki = publicKey.export({ type: "spki", format: "der" });
      const bits = children(spki, readWhole(spki, TAG.SEQUENCE))[1];
      if (bits?.tag !== TAG.BIT_STRING) throw new Error("SubjectPublicKeyInfo without a BIT STRING");
      return Buffer.from(valueOf(spki, bits).subarray(1));
    }
    default:
      throw new MaterialError(
        "UnsupportedKeyType",
        `a ${publicKey.asymmetricKeyType ?? "unknown"} key has no sign-string public key bytes; only RSA and EC keys do`,
      );
  }
}

/**
 * The fixed message `sign-string` signs: `AWS Roles Anywhere Credential Helper Signing Test`, then
 * `1`, then the 32 raw bytes of SHA-256(`IAM RA` ‖ {@link publicKeyBytes}).
 *
 * @example
 * sign("sha256", signStringTestMessage(key), key) // what `sign-string --digest SHA256` prints
 */
export function signStringTestMessage(key: KeyObject): Buffer {
  const digest = createHash("sha256").update(SIGN_STRING_KEY_PREFIX).update(publicKeyBytes(key)).digest();
  return Buffer.concat([Buffer.from(SIGN_STRING_TEST_TEXT + SIGN_STRING_TEST_VERSION, "ascii"), digest]);
}
