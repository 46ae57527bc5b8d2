// Public surface of @anchorage/sigv4-x509; see README.md. Importing this module does no work.

// Client side: build and sign CreateSession.
export {
  buildCreateSessionRequest,
  parseCreateSessionParams,
  type CreateSessionInput,
  type CreateSessionParams,
  type CreateSessionRequest,
  type QueryInput,
} from "./create-session-request.js";
export {
  signX509Request,
  signX509RequestAsync,
  type X509ExternalSigner,
  type X509SignableRequest,
  type X509SignedRequest,
  type X509SigningOptions,
} from "./sign.js";

// Server side: parse and verify.
export {
  parseX509Request,
  type ParseX509Options,
  type ParsedX509Request,
  type ReceivedRequest,
} from "./parse-request.js";
export {
  X509CertificateCache,
  type CachedCertificate,
  type CertificateCache,
  type X509CertificateCacheOptions,
} from "./certificate-cache.js";
export { verifyX509Request, type VerifiedX509Request, type X509VerifyOptions } from "./verify.js";

// Errors.
export {
  X509_REQUEST_ERRORS,
  X509RequestError,
  isX509RequestError,
  type X509ErrorKind,
  type X509RequestErrorCode,
} from "./errors.js";

// Keys, algorithms, serials.
export {
  algorithmForKey,
  describeKey,
  parseAlgorithm,
  type AlgorithmLabel,
  type EcCurve,
  type KeyDescription,
  type X509Algorithm,
  type X509KeyType,
} from "./algorithm.js";
export { parseSerialDecimal, serialHexToDecimal } from "./serial.js";

// Hashing, in the shape smithy's SignatureV4 takes (for plain SigV4 beside AWS4-X509).
export { NodeSha256 } from "./node-sha256.js";
export { sha256Hex } from "./sha256-hex.js";

// Wire structures (parse/format pairs).
export { formatAmzDate, parseAmzDate } from "./amz-date.js";
export {
  formatAuthorization,
  parseAuthorization,
  parseSignedHeaders,
  type AuthorizationHeader,
} from "./authorization.js";
export {
  formatCredential,
  formatCredentialScope,
  parseCredential,
  parseCredentialScope,
  type Credential,
  type CredentialScope,
} from "./credential-scope.js";
export { formatX509Header, parseX509Header } from "./x509-header.js";
export { formatChainHeader, parseChainHeader } from "./x509-chain-header.js";

// General SigV4 canonicalisation (the same for HMAC and X509 signing).
export { canonicalRequest, type SignableRequest } from "./canonical-request.js";
export { canonicalUri, normalizePath } from "./canonical-uri.js";
export { canonicalQuery, parseRawQuery, type QueryParams } from "./canonical-query.js";
export {
  canonicalHeaderValue,
  canonicalHeaders,
  signedHeaderList,
  signedHeaderNames,
} from "./canonical-headers.js";
export { EMPTY_PAYLOAD_HASH, payloadHash } from "./payload-hash.js";
export { stringToSign } from "./string-to-sign.js";
export { uriEncode } from "./uri-encode.js";
export type { HeaderInput, HeaderList } from "./header-list.js";

export {
  ACCEPTED_BODY_CONTENT_TYPES,
  ALGORITHM_ECDSA,
  ALGORITHM_RSA,
  DEFAULT_MAX_CLOCK_SKEW_MS,
  HEADER_AUTHORIZATION,
  HEADER_CONTENT_TYPE,
  HEADER_DATE,
  HEADER_HOST,
  HEADER_X509,
  HEADER_X509_CHAIN,
  JSON_CONTENT_TYPE,
  MAX_ARN_LENGTH,
  MAX_AUTHORIZATION_LENGTH,
  MAX_CERTIFICATE_BYTES,
  MAX_CHAIN_CERTS,
  MAX_CREATE_SESSION_BODY_BYTES,
  MAX_DURATION_SECONDS,
  MAX_HEADER_COUNT,
  MAX_INSTANCE_PROPERTIES,
  MAX_INSTANCE_PROPERTY_LENGTH,
  MAX_ROLE_SESSION_NAME_LENGTH,
  MAX_SIGNATURE_BYTES,
  MAX_SIGNED_HEADERS,
  MAX_SIGNED_HEADER_VALUE_LENGTH,
  MAX_URL_LENGTH,
  MIN_DURATION_SECONDS,
  MIN_ROLE_SESSION_NAME_LENGTH,
  REQUIRED_SIGNED_HEADERS,
  SCOPE_TERMINATOR,
  SERVICE,
  SESSIONS_PATH,
  UNSIGNED_HEADERS,
  WIRE_HEADER_NAMES,
  X509_ALGORITHMS,
} from "./constants.js";
