import { X509Certificate, sign as cryptoSign, type KeyObject } from "node:crypto";
import { describeKey } from "./algorithm.js";
import type { EcCurve, KeyDescription, X509KeyType } from "./algorithm.js";
import { formatAmzDate } from "./amz-date.js";
import { formatAuthorization } from "./authorization.js";
import { signedHeaderNames } from "./canonical-headers.js";
import { canonicalRequest, type SignableRequest } from "./canonical-request.js";
import {
  ALGORITHM_ECDSA,
  ALGORITHM_RSA,
  HEADER_AUTHORIZATION,
  HEADER_DATE,
  HEADER_HOST,
  HEADER_USER_AGENT,
  HEADER_X509,
  HEADER_X509_CHAIN,
  SERVICE,
  SIGNATURE_DIGEST,
  UNSIGNED_HEADERS,
  WIRE_HEADER_NAMES,
} from "./constants.js";
import { formatCredentialScope } from "./credential-scope.js";
import { X509RequestError } from "./errors.js";
import type { HeaderList } from "./header-list.js";
import { payloadHash } from "./payload-hash.js";
import { serialHexToDecimal } from "./serial.js";
import { stringToSign } from "./string-to-sign.js";
import { formatChainHeader } from "./x509-chain-header.js";
import { formatX509Header } from "./x509-header.js";

/** A request to sign: a {@link SignableRequest} with its body. */
export interface X509SignableRequest extends SignableRequest {
  readonly body: Uint8Array | string;
}

/**
 * A private key held outside node:crypto (a PKCS#11 token, a KMS, an agent). `sign(data)` must give
 * exactly what node:crypto's `sign("sha256", data, key)` gives for such a key: RSASSA-PKCS1-v1_5 over
 * SHA-256 (for a PKCS#11 token: `CKM_SHA256_RSA_PKCS`, or `CKM_RSA_PKCS` over the DigestInfo), or
 * ECDSA over SHA-256 as a DER `ECDSA-Sig-Value` (`CKM_ECDSA` returns raw `r‖s`: convert it).
 */
export interface X509ExternalSigner {
  readonly keyType: X509KeyType;
  /** For EC keys, when known (informational). */
  readonly curve?: EcCurve;
  /** Signs the UTF-8 bytes of the string to sign. */
  sign(data: Buffer): Buffer | Promise<Buffer>;
}

/** Signing material and context. */
export interface X509SigningOptions {
  /** The leaf (signing) certificate, DER. */
  readonly certificate: Uint8Array;
  /** Intermediate CA certificates, DER, in file order; sent as `X-Amz-X509-Chain` when non-empty. */
  readonly chain?: readonly Uint8Array[];
  /**
   * The leaf's private key: RSA, or EC on P-256/P-384/P-521; or an {@link X509ExternalSigner} (with
   * {@link signX509Request} its `sign` must return a Buffer; use {@link signX509RequestAsync} for one
   * that returns a Promise).
   */
  readonly privateKey: KeyObject | X509ExternalSigner;
  /** The signing region, e.g. `us-east-1`. */
  readonly region: string;
  /** The signing time (seconds are kept, milliseconds dropped). */
  readonly now: Date;
}

/** A signed request: wire headers plus every intermediate value (for `--debug`; never the key). */
export interface X509SignedRequest {
  /**
   * Every header to send, in the order AWS's helper v1.4 puts them on the wire: `Host`, `User-Agent`
   * (when the request has one), `Authorization`, the request's other signed headers (`Content-Type`),
   * `X-Amz-Date`, `X-Amz-X509`, `X-Amz-X509-Chain` (only with a chain), then the request's other
   * unsigned headers (`Accept-Encoding: gzip`). `Transfer-Encoding: chunked` is the HTTP client's
   * business: the helper sends it right after `User-Agent` and no `Content-Length`.
   */
  readonly headers: [string, string][];
  readonly algorithm: string;
  readonly amzDate: string;
  readonly credentialScope: string;
  /** Lower-case, sorted, e.g. `content-type;host;x-amz-date;x-amz-x509`. */
  readonly signedHeaders: readonly string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** The signature in lower-case hex. */
  readonly signature: string;
  /** The `Authorization` header value. */
  readonly authorization: string;
}

/**
 * The helper's wire order: Host, User-Agent, Authorization, the request's other signed headers,
 * the headers the signer added, then the request's other unsigned headers.
 */
function wireOrder(
  requestHeaders: HeaderList,
  authorization: string,
  added: readonly [string, string][],
): [string, string][] {
  const lower = (name: string): string => name.toLowerCase();
  const isUnsigned = (name: string): boolean => UNSIGNED_HEADERS.includes(lower(name));
  const pick = (keep: (lowerName: string, name: string) => boolean): [string, string][] =>
    requestHeaders.filter(([n]) => keep(lower(n), n)).map(([n, v]): [string, string] => [n, v]);
  return [
    ...pick((n) => n === HEADER_HOST),
    ...pick((n) => n === HEADER_USER_AGENT),
    [WIRE_HEADER_NAMES[HEADER_AUTHORIZATION], authorization],
    ...pick((n, name) => n !== HEADER_HOST && !isUnsigned(name)),
    ...added.map(([n, v]): [string, string] => [n, v]),
    ...pick((n, name) => n !== HEADER_USER_AGENT && isUnsigned(name)),
  ];
}

/**
 * Signs a request with AWS4-X509 (IAM Roles Anywhere). The algorithm comes from the key: RSA →
 * `AWS4-X509-RSA-SHA256` (PKCS#1 v1.5, deterministic), EC → `AWS4-X509-ECDSA-SHA256` (SHA-256 digest
 * whatever the curve, DER `ECDSA-Sig-Value`). Signs every header except `authorization`,
 * `user-agent`, `x-amzn-trace-id`, `transfer-encoding` and `accept-encoding`. The key is not checked
 * against the certificate (AWS's helper does not either): check with `X509Certificate#checkPrivateKey`
 * when loading.
 *
 * @example
 * const request = buildCreateSessionRequest({ endpoint, trustAnchorArn, profileArn, roleArn, durationSeconds: 3600 });
 * const signed = signX509Request(request, { certificate: leafDer, chain, privateKey, region: "us-east-1", now: new Date() });
 * await fetch(request.url, { method: request.method, headers: signed.headers, body: request.body });
 *
 * `options.privateKey` may also be an {@link X509ExternalSigner} whose `sign` answers synchronously
 * (a Buffer); for one that answers with a Promise use {@link signX509RequestAsync}.
 *
 * @throws X509RequestError `UnsupportedKeyType`, `InvalidParameter` (bad region, time, a header the
 *   signer owns already present, or an external signer that answered with a Promise), `ChainTooLong`,
 *   `MalformedCertificate`.
 */
export function signX509Request(
  request: X509SignableRequest,
  options: X509SigningOptions,
): X509SignedRequest {
  const prepared = prepareSigning(request, options);
  const { privateKey } = options;
  let signature: Buffer;
  if (isKeyObject(privateKey)) signature = cryptoSign(SIGNATURE_DIGEST, prepared.data, privateKey);
  else {
    const result = privateKey.sign(prepared.data);
    if (!Buffer.isBuffer(result)) {
      // A Promise (or anything else): this synchronous signer cannot wait for it.
      if (result instanceof Promise) result.catch(() => undefined);
      throw new X509RequestError(
        "InvalidParameter",
        "the external signer returned a Promise; use signX509RequestAsync for asynchronous signers",
      );
    }
    signature = result;
  }
  return prepared.finish(signature);
}

/**
 * {@link signX509Request} for signers that may answer asynchronously (an {@link X509ExternalSigner}
 * whose `sign` returns a Promise, such as a PKCS#11 token or a remote KMS). Same result and errors.
 *
 * @example
 * const signed = await signX509RequestAsync(request, { certificate, privateKey: tokenSigner, region, now: new Date() });
 */
export async function signX509RequestAsync(
  request: X509SignableRequest,
  options: X509SigningOptions,
): Promise<X509SignedRequest> {
  const prepared = prepareSigning(request, options);
  const { privateKey } = options;
  const signature = isKeyObject(privateKey)
    ? cryptoSign(SIGNATURE_DIGEST, prepared.data, privateKey)
    : await privateKey.sign(prepared.data);
  if (!Buffer.isBuffer(signature))
    throw new X509RequestError("InvalidParameter", "the external signer did not return a Buffer");
  return prepared.finish(signature);
}

const isKeyObject = (key: KeyObject | X509ExternalSigner): key is KeyObject =>
  typeof (key as Partial<KeyObject>).export === "function" && "asymmetricKeyType" in key;

function describeSigner(key: KeyObject | X509ExternalSigner): KeyDescription {
  if (isKeyObject(key)) {
    const description = describeKey(key, "the private key");
    if (key.type !== "private") {
      throw new X509RequestError("InvalidParameter", "cannot sign with a public key; pass the private key");
    }
    return description;
  }
  if (key.keyType === "rsa") return { keyType: "rsa", algorithm: ALGORITHM_RSA };
  if (key.keyType === "ec")
    return {
      keyType: "ec",
      algorithm: ALGORITHM_ECDSA,
      ...(key.curve === undefined ? {} : { curve: key.curve }),
    };
  throw new X509RequestError(
    "UnsupportedKeyType",
    `the external signer has key type ${String((key as { keyType: unknown }).keyType)}; Roles Anywhere supports RSA and EC keys`,
  );
}

/** Everything up to the signature: the bytes to sign, and how to finish once they are signed. */
function prepareSigning(
  request: X509SignableRequest,
  options: X509SigningOptions,
): { data: Buffer; finish(signature: Buffer): X509SignedRequest } {
  const key = describeSigner(options.privateKey);
  for (const [name] of request.headers) {
    const lower = name.toLowerCase();
    if (
      lower === HEADER_AUTHORIZATION ||
      lower === HEADER_DATE ||
      lower === HEADER_X509 ||
      lower === HEADER_X509_CHAIN
    ) {
      throw new X509RequestError(
        "InvalidParameter",
        `the request already has a ${name} header; the signer sets it`,
      );
    }
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(options.certificate);
  } catch (cause) {
    throw new X509RequestError(
      "MalformedCertificate",
      "the signing certificate is not a DER X.509 certificate",
      {
        cause,
      },
    );
  }
  const amzDate = formatAmzDate(options.now);
  const scopeParts = { date: amzDate.slice(0, 8), region: options.region, service: SERVICE };
  const scope = formatCredentialScope(scopeParts);
  const added: [string, string][] = [
    [WIRE_HEADER_NAMES[HEADER_DATE], amzDate],
    [WIRE_HEADER_NAMES[HEADER_X509], formatX509Header(options.certificate)],
  ];
  const chain = options.chain ?? [];
  if (chain.length > 0) added.push([WIRE_HEADER_NAMES[HEADER_X509_CHAIN], formatChainHeader(chain)]);

  const all = [...request.headers, ...added];
  const signedHeaders = signedHeaderNames(all);
  const canonical = canonicalRequest({ ...request, headers: all }, signedHeaders, payloadHash(request.body));
  const toSign = stringToSign(key.algorithm, amzDate, scope, canonical);
  const finish = (signatureBytes: Buffer): X509SignedRequest => {
    const signature = signatureBytes.toString("hex");
    const authorization = formatAuthorization({
      algorithm: key.algorithm,
      credential: { id: serialHexToDecimal(leaf.serialNumber), scope: scopeParts },
      signedHeaders,
      signature,
    });

    return {
      headers: wireOrder(request.headers, authorization, added),
      algorithm: key.algorithm,
      amzDate,
      credentialScope: scope,
      signedHeaders,
      canonicalRequest: canonical,
      stringToSign: toSign,
      signature,
      authorization,
    };
  };
  return { data: Buffer.from(toSign, "utf8"), finish };
}
