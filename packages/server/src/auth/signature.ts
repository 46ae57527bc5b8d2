// Recomputes a request's SigV4 signature with @smithy/signature-v4 (the SDK's own signer), over
// exactly what the client said it signed: its method, path and query as received, its own
// SignedHeaders with their received values, and the payload hash. Compared in constant time.
import { timingSafeEqual } from "node:crypto";
import { getCanonicalHeaders, SignatureV4 } from "@smithy/signature-v4";
import { formatAmzDate } from "./amz-date.js";
import { ALGORITHM } from "./constants.js";
import { credentialScope } from "./credential-scope.js";
import { NodeSha256 } from "@anchorage/sigv4-x509";

/** Everything the signature covers, plus the key to recompute it with. */
export interface SignatureInput {
  readonly method: string;
  /** The path exactly as received (still percent-encoded). */
  readonly path: string;
  /** Decoded query parameters (the signer skips X-Amz-Signature). */
  readonly query: Readonly<Record<string, string | string[]>>;
  /** The signed headers (lower-case names) and their values, repeated values joined by ','. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case hex SHA-256 of the body. */
  readonly payloadHash: string;
  readonly signedAt: Date;
  readonly region: string;
  readonly service: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The recomputed signature and the intermediate strings (for diagnostics; no secrets in them). */
export interface ComputedSignature {
  readonly signature: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** smithy's signer with its canonical-request and string-to-sign steps made reachable. */
class Verifier extends SignatureV4 {
  canonical(input: SignatureInput): string {
    const request = {
      method: input.method,
      protocol: "https:",
      hostname: "",
      path: input.path,
      query: { ...input.query },
      headers: { ...input.headers },
    };
    const headers = getCanonicalHeaders(request, undefined, new Set(Object.keys(input.headers)));
    return this.createCanonicalRequest(request, headers, input.payloadHash);
  }

  stringToSign(input: SignatureInput, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(
      formatAmzDate(input.signedAt),
      credentialScope(scopeOf(input)),
      canonicalRequest,
      ALGORITHM,
    );
  }
}

const scopeOf = (input: SignatureInput) => ({
  date: formatAmzDate(input.signedAt).slice(0, 8),
  region: input.region,
  service: input.service,
});

/** Recomputes the SigV4 (HMAC-SHA256) signature of a request. */
export async function computeSignature(input: SignatureInput): Promise<ComputedSignature> {
  const verifier = new Verifier({
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    region: input.region,
    service: input.service,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const canonicalRequest = verifier.canonical(input);
  const stringToSign = await verifier.stringToSign(input, canonicalRequest);
  const signature = await verifier.sign(stringToSign, {
    signingDate: input.signedAt,
    signingRegion: input.region,
    signingService: input.service,
  });
  return { signature, canonicalRequest, stringToSign };
}

/** Constant-time comparison of two 64-hex-digit signatures (case-insensitive). */
export function signaturesMatch(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(provided, "hex");
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}
