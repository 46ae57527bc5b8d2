import {
  constants,
  verify as cryptoVerify,
  type VerifyKeyObjectInput as VerifyKeyInput,
  type X509Certificate,
} from "node:crypto";
import { describeKey, type EcCurve, type X509KeyType } from "./algorithm.js";
import { DEFAULT_MAX_CLOCK_SKEW_MS, SIGNATURE_DIGEST } from "./constants.js";
import { X509RequestError } from "./errors.js";
import type { ParsedX509Request } from "./parse-request.js";
import { serialHexToDecimal } from "./serial.js";

/** Verification context. */
export interface X509VerifyOptions {
  /** The verifier's clock. */
  readonly now: Date;
  /** Allowed |now − X-Amz-Date|; default 5 minutes. */
  readonly maxClockSkewMs?: number;
  /** The region this server serves; when set, the credential scope must name it. */
  readonly region?: string;
}

/** A request whose signature verified with the public key of the certificate it carries. */
export interface VerifiedX509Request {
  readonly request: ParsedX509Request;
  /** The leaf (signing) certificate from `X-Amz-X509`. Its chain to a trust anchor is NOT checked here. */
  readonly certificate: X509Certificate;
  /** Certificates from `X-Amz-X509-Chain`, in header order. */
  readonly chain: readonly X509Certificate[];
  /** The leaf serial in decimal (equals `Credential=`). */
  readonly serialNumber: string;
  /** The leaf serial as node gives it (upper-case hex). */
  readonly serialHex: string;
  readonly keyType: X509KeyType;
  readonly curve?: EcCurve;
  readonly region: string;
  readonly signedAt: Date;
  /** How the signature was encoded: PKCS#1 v1.5 for RSA; DER or IEEE P1363 (`r‖s`) for ECDSA. */
  readonly signatureEncoding: "pkcs1" | "der" | "ieee-p1363";
}

const KEY_NAMES: Readonly<Record<X509KeyType, string>> = { rsa: "RSA", ec: "EC" };
const P1363_SIZES: Readonly<Record<EcCurve, number>> = { "P-256": 64, "P-384": 96, "P-521": 132 };

function minutes(ms: number): string {
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : m.toFixed(1)} minute${m === 1 ? "" : "s"}`;
}

/**
 * Verifies a parsed AWS4-X509 request: the algorithm matches the leaf's key type, the `Credential`
 * serial is the leaf's, the scope region is `region` (when given), `X-Amz-Date` is within
 * `maxClockSkewMs` of `now`, and the signature verifies with the leaf's public key over SHA-256 of the
 * string to sign. ECDSA signatures are accepted as DER (what every client sends) or as fixed-length
 * `r‖s` (IEEE P1363). Does not validate the certificate path or revocation.
 *
 * @throws X509RequestError `UnsupportedKeyType`, `AlgorithmKeyMismatch`, `SerialMismatch`,
 *   `WrongRegion`, `RequestTimeTooSkewed` or `SignatureMismatch`.
 */
export function verifyX509Request(
  parsed: ParsedX509Request,
  options: X509VerifyOptions,
): VerifiedX509Request {
  const leaf = parsed.certificate;
  const key = describeKey(leaf.publicKey, "the public key of the certificate in X-Amz-X509");
  if (key.keyType !== parsed.algorithm.keyType) {
    throw new X509RequestError(
      "AlgorithmKeyMismatch",
      `Authorization uses ${parsed.algorithm.label} but the certificate in X-Amz-X509 has an ${KEY_NAMES[key.keyType]} key; sign with ${key.algorithm}`,
    );
  }
  const serialNumber = serialHexToDecimal(leaf.serialNumber);
  if (serialNumber !== parsed.serial) {
    throw new X509RequestError(
      "SerialMismatch",
      `Credential names serial ${parsed.serial} but the certificate in X-Amz-X509 has serial ${serialNumber} (hex ${leaf.serialNumber}); put the signing certificate's decimal serial in Credential`,
    );
  }
  if (options.region !== undefined && parsed.scope.region !== options.region) {
    throw new X509RequestError(
      "WrongRegion",
      `the request is signed for region '${parsed.scope.region}' but this endpoint serves '${options.region}'; sign with region ${options.region}`,
    );
  }
  const skew = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  const diff = parsed.signedAt.getTime() - options.now.getTime();
  if (!(Math.abs(diff) <= skew)) {
    throw new X509RequestError(
      "RequestTimeTooSkewed",
      `X-Amz-Date ${parsed.signedAt.toISOString()} is ${minutes(Math.abs(diff))} ${diff > 0 ? "ahead of" : "behind"} the server time ${options.now.toISOString()} (allowed: ${minutes(skew)}); correct the client's clock`,
    );
  }

  const data = Buffer.from(parsed.stringToSign, "utf8");
  const check = (key: VerifyKeyInput): boolean => {
    try {
      return cryptoVerify(SIGNATURE_DIGEST, data, key, parsed.signature);
    } catch (cause) {
      // OpenSSL rejects some malformed signatures by throwing instead of returning false.
      if (cause instanceof Error) return false;
      throw cause;
    }
  };
  let signatureEncoding: VerifiedX509Request["signatureEncoding"] | undefined;
  if (key.keyType === "rsa") {
    if (check({ key: leaf.publicKey, padding: constants.RSA_PKCS1_PADDING })) signatureEncoding = "pkcs1";
  } else {
    if (check({ key: leaf.publicKey, dsaEncoding: "der" })) {
      signatureEncoding = "der";
    } else if (
      key.curve !== undefined &&
      parsed.signature.length === P1363_SIZES[key.curve] &&
      check({ key: leaf.publicKey, dsaEncoding: "ieee-p1363" })
    ) {
      signatureEncoding = "ieee-p1363";
    }
  }
  if (signatureEncoding === undefined) {
    throw new X509RequestError(
      "SignatureMismatch",
      "the signature does not verify with the public key of the certificate in X-Amz-X509: the private key does not belong to that certificate, or the request changed after signing",
    );
  }
  return {
    request: parsed,
    certificate: leaf,
    chain: parsed.chain,
    serialNumber,
    serialHex: leaf.serialNumber,
    keyType: key.keyType,
    ...(key.curve === undefined ? {} : { curve: key.curve }),
    region: parsed.scope.region,
    signedAt: parsed.signedAt,
    signatureEncoding,
  };
}
