// The Authorization header of a SigV4 (HMAC) request:
//   AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=<64 hex>
import { AnchorageError } from "../http/errors.js";
import { ALGORITHM, LIMITS } from "./constants.js";
import { clip, formatCredential, parseCredential, type Credential } from "./credential-scope.js";

/** A parsed Authorization header (or the equivalent presigned-URL parameters). */
export interface SignatureInfo {
  readonly credential: Credential;
  /** Lower-case header names, as listed by the client. */
  readonly signedHeaders: readonly string[];
  /** 64 hexadecimal characters. */
  readonly signature: string;
}

const REQUIRED = ["Credential", "Signature", "SignedHeaders"] as const;
type Part = (typeof REQUIRED)[number];
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;

/** Parses an Authorization header; anything malformed is IncompleteSignature saying what. */
export function parseAuthorizationHeader(value: string): SignatureInfo {
  if (value.length > LIMITS.authorizationLength) {
    throw incomplete(
      `The Authorization header is ${value.length} characters long; the limit is ${LIMITS.authorizationLength}.`,
    );
  }
  const prefix = `${ALGORITHM} `;
  if (!value.startsWith(prefix)) {
    const scheme = /^[A-Za-z0-9-]{1,40}(?=[ ,]|$)/.exec(value)?.[0];
    throw incomplete(
      scheme === undefined
        ? `The Authorization header must start with '${prefix}'.`
        : `Authorization algorithm '${scheme}' is not supported here; sign the request with ${ALGORITHM}.`,
    );
  }
  const parts = new Map<Part, string>();
  for (const piece of value.slice(prefix.length).split(",")) {
    const trimmed = piece.trim();
    if (trimmed === "") continue;
    const eq = trimmed.indexOf("=");
    if (eq < 0)
      throw incomplete(
        `'${clip(trimmed)}' not a valid key=value pair (missing equal-sign) in Authorization header.`,
      );
    const key = trimmed.slice(0, eq).trim();
    if (!isPart(key)) continue;
    if (parts.has(key)) throw incomplete(`The Authorization header has '${key}' twice.`);
    parts.set(key, trimmed.slice(eq + 1).trim());
  }
  const missing = REQUIRED.filter((key) => !parts.has(key));
  if (missing.length > 0)
    throw incomplete(missing.map((key) => `Authorization header requires '${key}' parameter.`).join(" "));
  return {
    credential: parseCredential(parts.get("Credential") ?? ""),
    signedHeaders: parseSignedHeaderList(parts.get("SignedHeaders") ?? ""),
    signature: parseSignatureHex(parts.get("Signature") ?? ""),
  };
}

/** Formats an Authorization header (the inverse of {@link parseAuthorizationHeader}). */
export function formatAuthorizationHeader(info: SignatureInfo): string {
  return `${ALGORITHM} Credential=${formatCredential(info.credential)}, SignedHeaders=${info.signedHeaders.join(";")}, Signature=${info.signature}`;
}

/** Parses a `;`-separated list of lower-case header names, bounded in number. */
export function parseSignedHeaderList(value: string): string[] {
  const names = value.split(";");
  if (names.length > LIMITS.signedHeaders) {
    throw incomplete(`${names.length} signed headers; the limit is ${LIMITS.signedHeaders}.`);
  }
  for (const name of names) {
    if (!HEADER_NAME.test(name))
      throw incomplete(
        `SignedHeaders must list lower-case header names separated by ';', not '${clip(value)}'.`,
      );
  }
  if (new Set(names).size !== names.length)
    throw incomplete(`SignedHeaders lists a header twice: '${clip(value)}'.`);
  return names;
}

/** Checks a signature is 64 hexadecimal characters. */
export function parseSignatureHex(value: string): string {
  if (!SIGNATURE.test(value)) throw incomplete("The signature must be 64 hexadecimal characters.");
  return value;
}

const isPart = (key: string): key is Part => (REQUIRED as readonly string[]).includes(key);
const incomplete = (message: string) => new AnchorageError("IncompleteSignature", message);
