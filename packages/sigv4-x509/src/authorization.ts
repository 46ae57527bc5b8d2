import { signedHeaderList } from "./canonical-headers.js";
import { MAX_AUTHORIZATION_LENGTH, MAX_SIGNATURE_BYTES, MAX_SIGNED_HEADERS } from "./constants.js";
import { formatCredential, parseCredential, type Credential } from "./credential-scope.js";
import { X509RequestError, quoteInput } from "./errors.js";

/** The parts of a SigV4 `Authorization` header. */
export interface AuthorizationHeader {
  /** The algorithm label, e.g. `AWS4-X509-RSA-SHA256` (not checked here; see `parseAlgorithm`). */
  readonly algorithm: string;
  readonly credential: Credential;
  /** Lower-case header names, sorted. */
  readonly signedHeaders: readonly string[];
  /** The signature in hex, as sent. */
  readonly signature: string;
}

const ALGORITHM_TOKEN = /^[A-Za-z0-9-]{1,64}$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const HEX = /^[0-9a-fA-F]+$/;

/**
 * Formats `<alg> Credential=<id>/<scope>, SignedHeaders=<a;b;c>, Signature=<hex>`, byte for byte as
 * AWS's helper does.
 */
export function formatAuthorization(auth: AuthorizationHeader): string {
  return `${auth.algorithm} Credential=${formatCredential(auth.credential)}, SignedHeaders=${signedHeaderList(auth.signedHeaders)}, Signature=${auth.signature}`;
}

function malformed(detail: string): X509RequestError {
  return new X509RequestError(
    "MalformedAuthorization",
    `Authorization ${detail}; expected '<algorithm> Credential=<serial>/<YYYYMMDD>/<region>/rolesanywhere/aws4_request, SignedHeaders=<a;b>, Signature=<hex>'`,
  );
}

/** Parses and checks a `SignedHeaders` value: lower-case names, sorted, no duplicates. */
export function parseSignedHeaders(value: string): string[] {
  const names = value.split(";");
  if (names.length > MAX_SIGNED_HEADERS) {
    throw new X509RequestError(
      "MalformedSignedHeaders",
      `SignedHeaders lists ${names.length} headers; the limit is ${MAX_SIGNED_HEADERS}`,
    );
  }
  for (const [i, name] of names.entries()) {
    if (!HEADER_NAME.test(name)) {
      throw new X509RequestError(
        "MalformedSignedHeaders",
        `SignedHeaders entry ${i + 1} ${quoteInput(name)} is not a lower-case header name; list lower-case names joined by ';'`,
      );
    }
    const previous = names[i - 1];
    if (previous !== undefined && previous >= name) {
      throw new X509RequestError(
        "MalformedSignedHeaders",
        `SignedHeaders must be sorted without duplicates, but ${quoteInput(previous)} comes before ${quoteInput(name)}`,
      );
    }
  }
  return names;
}

function parseSignature(value: string): string {
  if (value.length === 0 || !HEX.test(value) || value.length % 2 !== 0) {
    throw new X509RequestError(
      "MalformedSignature",
      `Signature ${quoteInput(value)} is not an even number of hex digits; send the signature bytes as lower-case hex`,
    );
  }
  if (value.length > 2 * MAX_SIGNATURE_BYTES) {
    throw new X509RequestError(
      "MalformedSignature",
      `Signature has ${value.length / 2} bytes; the limit is ${MAX_SIGNATURE_BYTES}`,
    );
  }
  return value;
}

/**
 * Parses an `Authorization` header value. Components may be separated by `,` with optional spaces;
 * each of `Credential`, `SignedHeaders` and `Signature` must appear exactly once.
 *
 * @throws X509RequestError `InputTooLarge`, `MalformedAuthorization`, `MalformedCredential`,
 *   `MalformedSignedHeaders` or `MalformedSignature`.
 */
export function parseAuthorization(value: string): AuthorizationHeader {
  if (value.length > MAX_AUTHORIZATION_LENGTH) {
    throw new X509RequestError(
      "InputTooLarge",
      `Authorization has ${value.length} characters; the limit is ${MAX_AUTHORIZATION_LENGTH}`,
    );
  }
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) throw malformed(`has no components after the algorithm`);
  const algorithm = trimmed.slice(0, space);
  if (!ALGORITHM_TOKEN.test(algorithm))
    throw malformed(`starts with ${quoteInput(algorithm)}, not an algorithm name`);
  const fields = new Map<string, string>();
  for (const component of trimmed.slice(space + 1).split(",")) {
    const part = component.trim();
    const eq = part.indexOf("=");
    if (eq <= 0) throw malformed(`has a component ${quoteInput(part)} that is not name=value`);
    const name = part.slice(0, eq);
    if (name !== "Credential" && name !== "SignedHeaders" && name !== "Signature") {
      throw malformed(`has an unknown component ${quoteInput(name)}`);
    }
    if (fields.has(name)) throw malformed(`has ${name} twice`);
    fields.set(name, part.slice(eq + 1));
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined) throw malformed("has no Credential");
  if (signedHeaders === undefined) throw malformed("has no SignedHeaders");
  if (signature === undefined) throw malformed("has no Signature");
  return {
    algorithm,
    credential: parseCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature: parseSignature(signature),
  };
}
