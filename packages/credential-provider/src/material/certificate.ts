import { serialHexToDecimal } from "@anchorage/sigv4-x509";
import { X509Certificate } from "node:crypto";
import { sniffDer } from "./der-kind.js";
import { DerError, splitConcatenated } from "./der.js";
import { MaterialError } from "./errors.js";
import type { ResolvedInput } from "./input.js";
import { describeKey } from "./key-policy.js";
import type { EcCurve, KeyType } from "./key-policy.js";
import { looksLikePem, parsePem, PemError } from "./pem.js";

/** The leaf certificate, parsed once, with what signing and `read-certificate-data` need. */
export interface LoadedCertificate {
  /** The exact DER bytes (what `X-Amz-X509` carries, base64-encoded). */
  readonly der: Buffer;
  readonly x509: X509Certificate;
  /** Upper-case hex in whole bytes, as node:crypto prints it (`1002`). */
  readonly serialHex: string;
  /** Decimal, as the `Credential=` field and `read-certificate-data` print it (`4098`). */
  readonly serialDecimal: string;
  readonly keyType: KeyType;
  /** Set for EC keys. */
  readonly curve?: EcCurve;
}

/** The certificates found in a certificate file. */
export interface CertificateFile {
  readonly format: "PEM" | "DER";
  /** The first certificate: the one that signs. */
  readonly leaf: Buffer;
  /** Any certificates after the first. They are NOT sent as the chain (see loadSigningMaterial). */
  readonly extras: Buffer[];
}

const KEY_LABELS = /PRIVATE KEY$/;
type NonEmpty = [Buffer, ...Buffer[]];

/** Finds the certificates in a PEM or DER certificate file (not PKCS#12: the caller routes that). */
export function readCertificateFile(input: ResolvedInput, flag: string): CertificateFile {
  const ders = looksLikePem(input.bytes) ? pemCertificates(input, flag) : derCertificates(input, flag);
  const [leaf, ...extras] = ders.certs;
  return { format: ders.format, leaf, extras };
}

function pemCertificates(input: ResolvedInput, flag: string): { format: "PEM"; certs: NonEmpty } {
  let blocks;
  try {
    blocks = parsePem(input.bytes.toString("utf8"));
  } catch (cause) {
    if (!(cause instanceof PemError)) throw cause;
    throw new MaterialError(
      "NotACertificate",
      `${input.name} is not valid PEM (block ${cause.block}: ${cause.message}); pass a PEM or DER certificate to ${flag}`,
      { cause },
    );
  }
  const certs = blocks.filter((b) => b.label === "CERTIFICATE").map((b) => b.der);
  if (certs.length > 0) return { format: "PEM", certs: certs as NonEmpty };
  if (blocks.some((b) => KEY_LABELS.test(b.label))) {
    throw new MaterialError(
      "NotACertificate",
      `${input.name} holds a private key, not a certificate; pass the certificate file to ${flag}`,
    );
  }
  const found = blocks.map((b) => b.label).join(", ");
  throw new MaterialError(
    "NotACertificate",
    `${input.name} holds no CERTIFICATE block (found: ${found}); pass a PEM or DER certificate to ${flag}`,
  );
}

function derCertificates(input: ResolvedInput, flag: string): { format: "DER"; certs: NonEmpty } {
  const kind = sniffDer(input.bytes);
  if (kind === "certificate") return { format: "DER", certs: [input.bytes] };
  if (kind === "unknown") {
    try {
      const parts = splitConcatenated(input.bytes);
      if (parts.length > 1 && parts.every((p) => sniffDer(p) === "certificate")) {
        return { format: "DER", certs: parts as NonEmpty };
      }
    } catch (e) {
      if (!(e instanceof DerError)) throw e;
    }
  }
  const what =
    kind === "unknown"
      ? "is neither PEM nor a DER certificate"
      : kind === "pkcs12"
        ? "is a PKCS#12 bundle"
        : "holds a private key, not a certificate";
  throw new MaterialError(
    "NotACertificate",
    `${input.name} ${what}; pass a PEM or DER certificate to ${flag}`,
  );
}

/**
 * Parses the leaf and checks its public key is one IAM Roles Anywhere can verify. `name` is how
 * messages refer to where the certificate came from.
 */
export function parseLeafCertificate(der: Buffer, name: string, flag: string): LoadedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (cause) {
    throw new MaterialError(
      "NotACertificate",
      `${name} does not hold a parsable X.509 certificate; pass a PEM or DER certificate to ${flag}`,
      { cause },
    );
  }
  const key = describeKey(x509.publicKey);
  if (!key.supported) {
    throw new MaterialError(
      "UnsupportedKeyType",
      `certificate ${name} has a public key IAM Roles Anywhere cannot use (${key.text}): ${key.why}`,
    );
  }
  const serialHex = x509.serialNumber;
  return {
    der,
    x509,
    serialHex,
    serialDecimal: serialHexToDecimal(serialHex),
    keyType: key.keyType,
    ...(key.keyType === "EC" ? { curve: key.curve } : {}),
  };
}
