import type { KeyObject } from "node:crypto";
import { ACCEPTED_LABEL_HASHES, ALGORITHM_ECDSA, ALGORITHM_RSA, X509_ALGORITHM_PREFIX } from "./constants.js";
import { X509RequestError, quoteInput } from "./errors.js";

/** An algorithm label this package signs with. */
export type X509Algorithm = typeof ALGORITHM_RSA | typeof ALGORITHM_ECDSA;
/** Key types AWS4-X509 supports. */
export type X509KeyType = "rsa" | "ec";
/** EC curves AWS4-X509 supports. */
export type EcCurve = "P-256" | "P-384" | "P-521";

/** What a key (private, or a certificate's public key) means for AWS4-X509. */
export interface KeyDescription {
  readonly keyType: X509KeyType;
  /** Present for EC keys. */
  readonly curve?: EcCurve;
  /** The label to sign with. */
  readonly algorithm: X509Algorithm;
}

/** A parsed algorithm label of a received request. */
export interface AlgorithmLabel {
  /** The label exactly as received, e.g. `AWS4-X509-ECDSA-SHA384`; it goes into the string to sign. */
  readonly label: string;
  readonly keyType: X509KeyType;
}

const OPENSSL_CURVES: Readonly<Record<string, EcCurve>> = {
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521",
};

/**
 * Describes a key for AWS4-X509: RSA → `AWS4-X509-RSA-SHA256`; EC on P-256, P-384 or P-521 →
 * `AWS4-X509-ECDSA-SHA256`. `what` names the key in error messages.
 *
 * @throws X509RequestError `UnsupportedKeyType` for any other key (RSA-PSS, Ed25519, other curves, ...).
 */
export function describeKey(key: KeyObject, what = "the key"): KeyDescription {
  const type = key.asymmetricKeyType;
  if (type === "rsa") return { keyType: "rsa", algorithm: ALGORITHM_RSA };
  if (type === "ec") {
    const named = key.asymmetricKeyDetails?.namedCurve ?? "unknown";
    const curve = OPENSSL_CURVES[named];
    if (curve !== undefined) return { keyType: "ec", curve, algorithm: ALGORITHM_ECDSA };
    throw new X509RequestError(
      "UnsupportedKeyType",
      `${what} is an EC key on curve ${named}; Roles Anywhere supports P-256, P-384 and P-521`,
    );
  }
  throw new X509RequestError(
    "UnsupportedKeyType",
    `${what} has key type ${type ?? "secret"}; Roles Anywhere supports RSA (PKCS#1 v1.5) and EC (P-256, P-384, P-521) keys`,
  );
}

/** The label to sign with for `key`. Throws like {@link describeKey}. */
export function algorithmForKey(key: KeyObject): X509Algorithm {
  return describeKey(key).algorithm;
}

/**
 * Parses a received algorithm label. Accepts `AWS4-X509-RSA-SHA256` and `AWS4-X509-ECDSA-SHA256`, and
 * the Python client's `-SHA384`/`-SHA512` variants of both (their digest is still SHA-256).
 *
 * @throws X509RequestError `UnsupportedAlgorithm`.
 */
export function parseAlgorithm(label: string): AlgorithmLabel {
  if (label.startsWith(X509_ALGORITHM_PREFIX)) {
    const [family, hash, ...rest] = label.slice(X509_ALGORITHM_PREFIX.length).split("-");
    const accepted = (ACCEPTED_LABEL_HASHES as readonly string[]).includes(hash ?? "") && rest.length === 0;
    if (accepted && family === "RSA") return { label, keyType: "rsa" };
    if (accepted && family === "ECDSA") return { label, keyType: "ec" };
    if (family === "MLDSA") {
      throw new X509RequestError(
        "UnsupportedAlgorithm",
        `${label} (ML-DSA) is not supported by this server; sign with an RSA or EC key (${ALGORITHM_RSA} or ${ALGORITHM_ECDSA})`,
      );
    }
  }
  throw new X509RequestError(
    "UnsupportedAlgorithm",
    `Authorization algorithm ${quoteInput(label)} is not supported; use ${ALGORITHM_RSA} or ${ALGORITHM_ECDSA}`,
  );
}
