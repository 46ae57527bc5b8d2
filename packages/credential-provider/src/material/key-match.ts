import { createHash, createPublicKey, timingSafeEqual, X509Certificate } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { MaterialError } from "./errors.js";
import { describeKey } from "./key-policy.js";

/** SubjectPublicKeyInfo DER of a public key, or of the public half of a private key. */
export const spkiOf = (key: KeyObject): Buffer =>
  (key.type === "private" ? createPublicKey(key) : key).export({ type: "spki", format: "der" });

/** True when both encodings are the same key (constant-time over equal lengths). */
export const sameSpki = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/** The first 16 hex digits of SHA-256(SPKI): enough to tell two keys apart in a message. */
export const spkiFingerprint = (spki: Buffer): string =>
  `${createHash("sha256").update(spki).digest("hex").slice(0, 16)}…`;

/**
 * Throws KeyCertificateMismatch unless `privateKey` is the key of the certificate whose public key
 * is `certificateKey`. AWS's helper does not check this and sends a request whose signature the
 * service rejects; checking here reports it before any network call. When the certificate came from
 * a file holding more certificates (`laterCertificates`, DER) and the key belongs to one of those,
 * the message says so.
 */
export function assertKeyMatchesCertificate(
  privateKey: KeyObject,
  certificateKey: KeyObject,
  keyDisplay: string,
  certificateDisplay: string,
  laterCertificates: readonly Buffer[] = [],
): void {
  // KeyObject#equals compares the key components: no encoding, which keeps the common case cheap
  // (the first DER export of a process costs milliseconds of OpenSSL encoder set-up).
  const publicOfKey = privateKey.type === "private" ? createPublicKey(privateKey) : privateKey;
  if (publicOfKey.equals(certificateKey)) return;
  const fromKey = spkiOf(privateKey);
  const fromCertificate = spkiOf(certificateKey);
  const later = laterCertificates.findIndex((der) =>
    sameSpki(spkiOf(new X509Certificate(der).publicKey), fromKey),
  );
  const fix =
    later === -1
      ? "pass the key the certificate was issued for"
      : `the key belongs to certificate ${later + 2} of that file; put the signing certificate first`;
  throw new MaterialError(
    "KeyCertificateMismatch",
    `${keyDisplay} does not match ${certificateDisplay} ` +
      `(certificate key: ${describeKey(certificateKey).text}, SHA-256 of its public key ${spkiFingerprint(fromCertificate)}; ` +
      `private key: ${describeKey(privateKey).text}, SHA-256 of its public key ${spkiFingerprint(fromKey)}); ${fix}`,
  );
}
