// Step `signature`: the AWS4-X509 signature verified with the public key of the certificate in
// X-Amz-X509 (algorithm and key type, Credential serial, scope region = this server's region,
// X-Amz-Date within the clock-skew window, then the signature itself).
import { verifyX509Request, type ParsedX509Request, type VerifiedX509Request } from "@anchorage/sigv4-x509";
import { sigv4Refusal } from "./read-request.js";

/** How the signature is checked. */
export interface SignatureCheck {
  readonly now: Date;
  /** The region this server serves: the credential scope must name it. */
  readonly region: string;
  /** Allowed distance between X-Amz-Date and the server clock, both ways; default 5 minutes. */
  readonly maxClockSkewMs?: number;
}

/** Verifies the request's signature; a refusal names the failed check. */
export function verifySignature(parsed: ParsedX509Request, check: SignatureCheck): VerifiedX509Request {
  try {
    return verifyX509Request(parsed, {
      now: check.now,
      region: check.region,
      ...(check.maxClockSkewMs === undefined ? {} : { maxClockSkewMs: check.maxClockSkewMs }),
    });
  } catch (error) {
    return sigv4Refusal(error);
  }
}
