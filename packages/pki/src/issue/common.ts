// Shared pieces of issuance: serial numbers, validity windows, loading a CA (certificate + key).
import { randomBytes } from "node:crypto";
import { parseCertificate, type ParsedCertificate } from "../certificate.js";
import { PkiError } from "../errors.js";
import { parseCertificatePems } from "../pem.js";
import { importSigningKey, type SigningKey } from "./keys.js";

const DAY_MS = 86_400_000;

/** A CA able to issue: its certificate and private key (PEM). */
export interface CaMaterial {
  readonly certPem: string;
  readonly keyPem: string;
  /** Passphrase of an encrypted PKCS#8 key. */
  readonly keyPassphrase?: string;
}

export interface LoadedCa {
  readonly cert: ParsedCertificate;
  readonly certPem: string;
  readonly key: SigningKey;
}

/** Parses the CA certificate, loads its key, and checks they belong together and may issue. */
export async function loadCa(ca: CaMaterial): Promise<LoadedCa> {
  const ders = parseCertificatePems(ca.certPem, "CA certificate");
  if (ders.length !== 1)
    throw new PkiError(
      "InvalidIssuanceRequest",
      `the CA certificate PEM must hold exactly one certificate, found ${ders.length}`,
    );
  const cert = parseCertificate(ders[0]!);
  const key = await importSigningKey(ca.keyPem, ca.keyPassphrase);
  if (!key.spki.equals(cert.publicKey.spki))
    throw new PkiError(
      "InvalidIssuanceRequest",
      `the CA private key does not belong to the CA certificate "${cert.subject.text}"`,
    );
  if (!cert.basicConstraints?.ca || (cert.keyUsage && !cert.keyUsage.has("keyCertSign")))
    throw new PkiError(
      "InvalidIssuanceRequest",
      `"${cert.subject.text}" is not a CA certificate with keyCertSign; it cannot issue certificates`,
    );
  return { cert, certPem: ca.certPem, key };
}

/**
 * A serial number as hex: `serialHex` when given (validated), else 16 random bytes, positive
 * (top bit clear) and without a leading zero byte — 127 bits of entropy, 16 octets.
 */
export function chooseSerial(
  serialHex: string | undefined,
  random: (size: number) => Buffer = randomBytes,
): string {
  if (serialHex !== undefined) {
    const hex = serialHex.replace(/^0x/i, "").toUpperCase();
    if (!/^[0-9A-F]+$/.test(hex) || /^0+$/.test(hex))
      throw new PkiError(
        "InvalidIssuanceRequest",
        `serial "${serialHex}" must be a positive hexadecimal number`,
      );
    const even = hex.length % 2 === 1 ? `0${hex}` : hex;
    const trimmed = even.replace(/^(00)+(?=..)/, "");
    if (trimmed.length > 40)
      throw new PkiError("InvalidIssuanceRequest", `serial "${serialHex}" is longer than 20 octets`);
    return trimmed;
  }
  const b = Buffer.from(random(16));
  b[0] = (b[0]! & 0x7f) | 0x40;
  return b.toString("hex").toUpperCase();
}

/** @peculiar/x509 reads the hex as a two's complement INTEGER: keep it positive. */
export const serialForX509 = (hex: string): string =>
  (parseInt(hex.slice(0, 2), 16) & 0x80) !== 0 ? `00${hex}` : hex;

export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** notBefore = now (whole seconds), notAfter = now + days; must fit inside the issuer's validity. */
export function validityWindow(now: Date, validityDays: number, issuer?: ParsedCertificate): Validity {
  if (!Number.isFinite(validityDays) || validityDays <= 0 || validityDays > 100 * 366)
    throw new PkiError(
      "InvalidIssuanceRequest",
      `validityDays must be between 1 and 36600, got ${validityDays}`,
    );
  const start = Math.floor(now.getTime() / 1000) * 1000;
  const notBefore = new Date(start);
  const notAfter = new Date(start + Math.round(validityDays * DAY_MS));
  if (issuer && notAfter.getTime() > issuer.notAfter.getTime())
    throw new PkiError(
      "InvalidIssuanceRequest",
      `the requested validity ends ${notAfter.toISOString()}, after the CA "${issuer.subject.text}" expires (${issuer.notAfter.toISOString()}); shorten --validity-days or renew the CA`,
    );
  return { notBefore, notAfter };
}
