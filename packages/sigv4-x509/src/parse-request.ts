import { X509Certificate } from "node:crypto";
import { parseAlgorithm, type AlgorithmLabel } from "./algorithm.js";
import { parseAmzDate } from "./amz-date.js";
import { parseAuthorization } from "./authorization.js";
import type { CachedCertificate, CertificateCache } from "./certificate-cache.js";
import { parseRawQuery } from "./canonical-query.js";
import { canonicalRequest } from "./canonical-request.js";
import {
  HEADER_AUTHORIZATION,
  HEADER_DATE,
  HEADER_X509,
  HEADER_X509_CHAIN,
  MAX_CREATE_SESSION_BODY_BYTES,
  MAX_HEADER_COUNT,
  MAX_SIGNED_HEADER_VALUE_LENGTH,
  MAX_URL_LENGTH,
  REQUIRED_SIGNED_HEADERS,
  SERVICE,
  WIRE_HEADER_NAMES,
} from "./constants.js";
import { formatCredentialScope, type CredentialScope } from "./credential-scope.js";
import { X509RequestError, quoteInput } from "./errors.js";
import { indexHeaders, singleIndexedHeader, toHeaderList, type HeaderInput } from "./header-list.js";
import { payloadHash } from "./payload-hash.js";
import { parseSerialDecimal } from "./serial.js";
import { stringToSign } from "./string-to-sign.js";
import { parseChainHeader } from "./x509-chain-header.js";
import { parseX509Header } from "./x509-header.js";

/** A request as a server received it. */
export interface ReceivedRequest {
  /** HTTP method as received, e.g. `POST`. */
  readonly method: string;
  /** The request target as received: `path?query` (node's `IncomingMessage.url`). */
  readonly rawUrl: string;
  /** Headers as received; raw pairs (or node's flat `rawHeaders`) let duplicates be detected. */
  readonly headers: HeaderInput;
  /** The exact body bytes (after removing any chunked framing), at most `MAX_CREATE_SESSION_BODY_BYTES`. */
  readonly body: Uint8Array;
}

/** Options of {@link parseX509Request}. */
export interface ParseX509Options {
  /**
   * Keeps parsed certificates across requests, keyed by the header text (see
   * `X509CertificateCache`); without it every request parses its certificates again.
   */
  readonly certificates?: CertificateCache;
}

/** A syntactically valid AWS4-X509 request, not yet verified. */
export interface ParsedX509Request {
  readonly method: string;
  /** Path as received, without the query. */
  readonly path: string;
  /** Query string as received, without `?`. */
  readonly rawQuery: string;
  /** Decoded query parameters, in received order. */
  readonly query: [string, string][];
  /** Headers as `[name, value]` pairs, in received order. */
  readonly headers: [string, string][];
  readonly algorithm: AlgorithmLabel;
  /** Decimal serial from `Credential=`. */
  readonly serial: string;
  readonly scope: CredentialScope;
  /** The credential scope string as signed. */
  readonly credentialScope: string;
  readonly signedHeaders: readonly string[];
  readonly signature: Buffer;
  /** `X-Amz-Date` as received. */
  readonly amzDate: string;
  readonly signedAt: Date;
  /** Leaf certificate DER from `X-Amz-X509`. */
  readonly certificateDer: Buffer;
  readonly certificate: X509Certificate;
  /** Chain DERs from `X-Amz-X509-Chain`, in header order (empty without the header). */
  readonly chainDer: readonly Buffer[];
  readonly chain: readonly X509Certificate[];
  /** Hex SHA-256 of the received body. */
  readonly payloadHash: string;
  /** Built from the request as received (its path, its re-canonicalised query, its header values). */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

function splitUrl(rawUrl: string): { path: string; rawQuery: string } {
  if (rawUrl.length > MAX_URL_LENGTH) {
    throw new X509RequestError(
      "InputTooLarge",
      `the request URL has ${rawUrl.length} characters; the limit is ${MAX_URL_LENGTH}`,
    );
  }
  if (!rawUrl.startsWith("/") || rawUrl.includes("#")) {
    throw new X509RequestError(
      "MalformedUrl",
      `the request target ${quoteInput(rawUrl)} must be a path starting with '/' (origin form), with no fragment`,
    );
  }
  const q = rawUrl.indexOf("?");
  return q < 0 ? { path: rawUrl, rawQuery: "" } : { path: rawUrl.slice(0, q), rawQuery: rawUrl.slice(q + 1) };
}

/** Parses once and keeps the result (only what parsed without error is kept). */
function remember(
  cache: CertificateCache | undefined,
  text: string,
  parse: () => CachedCertificate[],
): CachedCertificate[] {
  const parsed = parse();
  cache?.set(text, parsed);
  return parsed;
}

function toCertificate(der: Buffer, what: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (cause) {
    throw new X509RequestError(
      "MalformedCertificate",
      `${what} does not hold a valid X.509 certificate (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
  }
}

/**
 * Parses an AWS4-X509 request as received and rebuilds its canonical request and string to sign from
 * what was received. Every input is bounded before use. Does not check the signature, the time, the
 * region or the serial against the certificate: {@link verifyX509Request} does.
 *
 * @example
 * const parsed = parseX509Request({ method: req.method, rawUrl: req.url, headers: req.rawHeaders, body });
 * // a server keeps parsed certificates across requests:
 * const again = parseX509Request(received, { certificates: new X509CertificateCache() });
 * const verified = verifyX509Request(parsed, { now: new Date(), region: "us-east-1" });
 *
 * @throws X509RequestError with the reason: `MissingAuthorization`, `DuplicateHeader`,
 *   `MalformedAuthorization`, `UnsupportedAlgorithm`, `MalformedCredential`, `MalformedSignedHeaders`,
 *   `MalformedSignature`, `MissingHeader`, `MalformedDate`, `ScopeDateMismatch`,
 *   `UnsignedRequiredHeader`, `SignedHeaderAbsent`, `MalformedCertificate`, `ChainTooLong`,
 *   `EmptyChainHeader`, `MalformedUrl` or `InputTooLarge`.
 */
export function parseX509Request(
  received: ReceivedRequest,
  options: ParseX509Options = {},
): ParsedX509Request {
  const { path, rawQuery } = splitUrl(received.rawUrl);
  if (received.body.byteLength > MAX_CREATE_SESSION_BODY_BYTES) {
    throw new X509RequestError(
      "InputTooLarge",
      `the request body has ${received.body.byteLength} bytes; the limit is ${MAX_CREATE_SESSION_BODY_BYTES}`,
    );
  }
  const headers = toHeaderList(received.headers);
  if (headers.length > MAX_HEADER_COUNT) {
    throw new X509RequestError(
      "InputTooLarge",
      `the request has ${headers.length} headers; the limit is ${MAX_HEADER_COUNT}`,
    );
  }

  const index = indexHeaders(headers);
  const authValues = index.get(HEADER_AUTHORIZATION) ?? [];
  if (authValues.length === 0) {
    throw new X509RequestError(
      "MissingAuthorization",
      "the request has no Authorization header; sign it with AWS4-X509 (e.g. aws_signing_helper or anchorage credential-process)",
    );
  }
  if (authValues.length > 1) {
    throw new X509RequestError(
      "DuplicateHeader",
      `the request carries ${authValues.length} Authorization headers; send exactly one`,
    );
  }
  const auth = parseAuthorization(authValues[0] ?? "");
  const algorithm = parseAlgorithm(auth.algorithm);
  if (auth.credential.scope.service !== SERVICE) {
    throw new X509RequestError(
      "MalformedCredential",
      `Credential is scoped to service ${quoteInput(auth.credential.scope.service)}; CreateSession is signed for service '${SERVICE}'`,
    );
  }
  const serial = parseSerialDecimal(auth.credential.id);

  const amzDate = singleIndexedHeader(index, HEADER_DATE, WIRE_HEADER_NAMES[HEADER_DATE]);
  if (amzDate === undefined) {
    throw new X509RequestError(
      "MissingHeader",
      "the request has no X-Amz-Date header; send the signing time as YYYYMMDDTHHMMSSZ",
    );
  }
  const signedAt = parseAmzDate(amzDate.trim());
  if (auth.credential.scope.date !== amzDate.trim().slice(0, 8)) {
    throw new X509RequestError(
      "ScopeDateMismatch",
      `the credential scope date ${auth.credential.scope.date} differs from the X-Amz-Date date ${amzDate.trim().slice(0, 8)}; sign with one timestamp`,
    );
  }

  const x509 = singleIndexedHeader(index, HEADER_X509, WIRE_HEADER_NAMES[HEADER_X509]);
  if (x509 === undefined) {
    throw new X509RequestError(
      "MissingHeader",
      "the request has no X-Amz-X509 header; send the base64 DER of the signing certificate",
    );
  }
  const chainValue = singleIndexedHeader(index, HEADER_X509_CHAIN, WIRE_HEADER_NAMES[HEADER_X509_CHAIN]);

  const required =
    chainValue === undefined ? REQUIRED_SIGNED_HEADERS : [...REQUIRED_SIGNED_HEADERS, HEADER_X509_CHAIN];
  for (const name of required) {
    if (!auth.signedHeaders.includes(name)) {
      throw new X509RequestError(
        "UnsignedRequiredHeader",
        `SignedHeaders ${quoteInput(auth.signedHeaders.join(";"))} does not include '${name}'; sign ${required.join(", ")}`,
      );
    }
  }
  if (auth.signedHeaders.includes(HEADER_AUTHORIZATION)) {
    throw new X509RequestError(
      "MalformedSignedHeaders",
      "SignedHeaders includes 'authorization'; a request cannot sign its own signature",
    );
  }
  for (const name of auth.signedHeaders) {
    const values = index.get(name) ?? [];
    if (values.length === 0) {
      throw new X509RequestError(
        "SignedHeaderAbsent",
        `SignedHeaders lists '${name}' but the request has no such header; sign only headers you send`,
      );
    }
    if (name !== HEADER_X509 && name !== HEADER_X509_CHAIN) {
      const length = values.reduce((n, v) => n + v.length, 0);
      if (length > MAX_SIGNED_HEADER_VALUE_LENGTH) {
        throw new X509RequestError(
          "InputTooLarge",
          `signed header '${name}' has ${length} characters; the limit is ${MAX_SIGNED_HEADER_VALUE_LENGTH}`,
        );
      }
    }
  }

  const cache = options.certificates;
  const leafText = x509.trim();
  const [leaf] =
    cache?.get(leafText) ??
    remember(cache, leafText, () => {
      const der = parseX509Header(leafText);
      return [{ der, certificate: toCertificate(der, "X-Amz-X509") }];
    });
  if (leaf === undefined) throw new Error("the X-Amz-X509 cache entry holds no certificate");
  const chainText = chainValue?.trim();
  const chained =
    chainText === undefined
      ? []
      : (cache?.get(chainText) ??
        remember(cache, chainText, () =>
          parseChainHeader(chainText).map((der, i) => ({
            der,
            certificate: toCertificate(der, `X-Amz-X509-Chain entry ${i + 1}`),
          })),
        ));
  const certificateDer = leaf.der;
  const certificate = leaf.certificate;
  const chainDer = chained.map((c) => c.der);
  const chain = chained.map((c) => c.certificate);

  const query = parseRawQuery(rawQuery);
  const hash = payloadHash(received.body);
  const canonical = canonicalRequest(
    { method: received.method, path, query, headers },
    auth.signedHeaders,
    hash,
  );
  const credentialScope = formatCredentialScope(auth.credential.scope);
  return {
    method: received.method,
    path,
    rawQuery,
    query,
    headers,
    algorithm,
    serial,
    scope: auth.credential.scope,
    credentialScope,
    signedHeaders: auth.signedHeaders,
    signature: Buffer.from(auth.signature, "hex"),
    amzDate: amzDate.trim(),
    signedAt,
    certificateDer,
    certificate,
    chainDer,
    chain,
    payloadHash: hash,
    canonicalRequest: canonical,
    stringToSign: stringToSign(algorithm.label, amzDate.trim(), credentialScope, canonical),
  };
}
