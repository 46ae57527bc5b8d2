// Every way a SigV4 request is rejected, built from requests the real client signer produced and
// then altered. Shared by the unit test (sigv4.test.ts) and the HTTP test that checks both wire
// renderings (sigv4-http.test.ts); each case is parametrised by the route's templates.
import type { ErrorCode } from "../http/errors.js";
import {
  ACCESS_KEY_ID,
  NOW,
  presign,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  signHeader,
  TEMP_ACCESS_KEY_ID,
  TEMP_SECRET_ACCESS_KEY,
  type PlainRequest,
} from "./client-requests.fixture.js";
import type { CredentialResolver, SignedRequest } from "./sigv4.js";

export const PRINCIPAL = { arn: "arn:aws:iam::123456789012:root" };
export const TEMP_PRINCIPAL = { arn: "arn:aws:sts::123456789012:assumed-role/R/s" };
export type TestPrincipal = typeof PRINCIPAL;
export const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);

/** The test key store: a long-term key, and a temporary one that needs its session token. */
export function testResolver(
  calls: Array<{ accessKeyId: string; sessionToken?: string }> = [],
  tempExpiresAt: Date = minutes(60),
): CredentialResolver<TestPrincipal> {
  return async (key) => {
    calls.push(key);
    if (key.accessKeyId === ACCESS_KEY_ID && key.sessionToken === undefined) {
      return { secretAccessKey: SECRET_ACCESS_KEY, principal: PRINCIPAL };
    }
    if (key.accessKeyId === TEMP_ACCESS_KEY_ID && key.sessionToken === SESSION_TOKEN) {
      return { secretAccessKey: TEMP_SECRET_ACCESS_KEY, principal: TEMP_PRINCIPAL, expiresAt: tempExpiresAt };
    }
    return undefined;
  };
}

/** What a route accepts: a GET with a query, a POST with a body, and the route's signing name. */
export interface Templates {
  readonly get: PlainRequest;
  readonly post: PlainRequest;
  readonly service: string;
}

type Request = SignedRequest & { body: Buffer };
type Headers = Record<string, string | readonly string[] | undefined>;

/** A rejection: how to build it, the expected code and message. */
export interface Rejection {
  readonly name: string;
  readonly request: (t: Templates) => Promise<Request>;
  readonly code: ErrorCode;
  readonly message: RegExp;
  /** Whether the credential seam is consulted (false: rejected before any lookup). */
  readonly looksUp: boolean;
  /** The temporary credentials have expired. */
  readonly expiredCredentials?: boolean;
  /** Can travel over HTTP (node answers 431 itself to a request line over 16 KiB). */
  readonly overHttp?: false;
}

const withHeaders = async (r: Promise<Request>, change: (h: Headers) => void): Promise<Request> => {
  const request = await r;
  const headers: Headers = { ...request.headers };
  change(headers);
  return { ...request, headers };
};
const authorization = (t: Templates, value: (scope: string) => string) =>
  withHeaders(signHeader(t.get, { service: t.service }), (h) => {
    h["authorization"] = value(`${ACCESS_KEY_ID}/20240501/us-east-1/${t.service}/aws4_request`);
  });
const SIG = "0".repeat(64);
const header = (r: Request) => String(r.headers["authorization"]);
/** The same length, the last byte changed. */
const tamper = (body: PlainRequest["body"]) => Buffer.from(`${String(body).slice(0, -1)}#`);
const MISMATCH = /^The request signature we calculated does not match the signature you provided\./;

export const REJECTIONS: readonly Rejection[] = [
  {
    name: "no authentication at all",
    request: async (t) => ({
      method: t.get.method,
      rawUrl: (await signHeader(t.get)).rawUrl,
      headers: { host: t.get.host },
      body: Buffer.alloc(0),
    }),
    code: "MissingAuthenticationToken",
    message: /^Request is missing Authentication Token/,
    looksUp: false,
  },
  {
    name: "Authorization without Credential",
    request: (t) =>
      authorization(t, () => `AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=${SIG}`),
    code: "IncompleteSignature",
    message: /^Authorization header requires 'Credential' parameter\.$/,
    looksUp: false,
  },
  {
    name: "Authorization without SignedHeaders",
    request: (t) => authorization(t, (scope) => `AWS4-HMAC-SHA256 Credential=${scope}, Signature=${SIG}`),
    code: "IncompleteSignature",
    message: /^Authorization header requires 'SignedHeaders' parameter\.$/,
    looksUp: false,
  },
  {
    name: "Authorization without Signature",
    request: (t) =>
      authorization(t, (scope) => `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date`),
    code: "IncompleteSignature",
    message: /^Authorization header requires 'Signature' parameter\.$/,
    looksUp: false,
  },
  {
    name: "Authorization with a malformed credential scope",
    request: (t) =>
      authorization(
        t,
        () =>
          `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20240501/us-east-1, SignedHeaders=host, Signature=${SIG}`,
      ),
    code: "IncompleteSignature",
    message: /5 slash-separated parts/,
    looksUp: false,
  },
  {
    name: "Authorization with another scheme",
    request: (t) => authorization(t, () => "Basic dXNlcjpwYXNz"),
    code: "IncompleteSignature",
    message: /algorithm 'Basic' is not supported/,
    looksUp: false,
  },
  {
    name: "no X-Amz-Date nor Date",
    request: (t) => withHeaders(signHeader(t.get, { service: t.service }), (h) => delete h["x-amz-date"]),
    code: "IncompleteSignature",
    message: /requires existence of either a 'X-Amz-Date' or a 'Date' header/,
    looksUp: false,
  },
  {
    name: "malformed X-Amz-Date",
    request: (t) =>
      withHeaders(
        signHeader(t.get, { service: t.service }),
        (h) => (h["x-amz-date"] = "2024-05-01T12:00:00Z"),
      ),
    code: "IncompleteSignature",
    message: /ISO 8601 basic format/,
    looksUp: false,
  },
  {
    name: "two Authorization headers",
    request: (t) =>
      withHeaders(
        signHeader(t.get, { service: t.service }),
        (h) => (h["authorization"] = [String(h["authorization"]), String(h["authorization"])]),
      ),
    code: "IncompleteSignature",
    message: /2 'authorization' headers/,
    looksUp: false,
  },
  {
    name: "both an Authorization header and presigned parameters",
    request: async (t) => {
      const presigned = await presign(t.get, { service: t.service });
      return {
        ...presigned,
        headers: {
          ...presigned.headers,
          authorization: header(await signHeader(t.get, { service: t.service })),
        },
      };
    },
    code: "IncompleteSignature",
    message: /^Only one auth mechanism allowed/,
    looksUp: false,
  },
  {
    name: "unknown access key",
    request: (t) => signHeader(t.get, { service: t.service, accessKeyId: "AKIAUNKNOWNKEY000000" }),
    code: "InvalidClientTokenId",
    message: /^The security token included in the request is invalid\.$/,
    looksUp: true,
  },
  {
    name: "temporary key without its session token",
    request: (t) =>
      signHeader(t.get, {
        service: t.service,
        accessKeyId: TEMP_ACCESS_KEY_ID,
        secretAccessKey: TEMP_SECRET_ACCESS_KEY,
      }),
    code: "InvalidClientTokenId",
    message: /invalid/,
    looksUp: true,
  },
  {
    name: "wrong secret",
    request: (t) =>
      signHeader(t.get, { service: t.service, secretAccessKey: "not-the-secret-not-the-secret-not-the-se" }),
    code: "SignatureDoesNotMatch",
    message: MISMATCH,
    looksUp: true,
  },
  {
    name: "tampered body (x-amz-content-sha256 signed, as the SDK sends it)",
    request: async (t) => ({
      ...(await signHeader(t.post, { service: t.service })),
      body: tamper(t.post.body),
    }),
    code: "SignatureDoesNotMatch",
    message: /The provided 'x-amz-content-sha256' header does not match what was computed from the body\./,
    looksUp: false,
  },
  {
    name: "tampered body (no x-amz-content-sha256, as botocore signs)",
    request: async (t) => ({
      ...(await signHeader(t.post, { service: t.service, applyChecksum: false })),
      body: tamper(t.post.body),
    }),
    code: "SignatureDoesNotMatch",
    message: MISMATCH,
    looksUp: true,
  },
  {
    name: "tampered signed header",
    request: (t) =>
      withHeaders(
        signHeader(t.post, { service: t.service }),
        (h) => (h["content-type"] = "application/x-amz-json-1.1"),
      ),
    code: "SignatureDoesNotMatch",
    message: MISMATCH,
    looksUp: true,
  },
  {
    name: "tampered path",
    request: async (t) => {
      const signed = await signHeader(t.get, { service: t.service });
      return { ...signed, rawUrl: signed.rawUrl.replace(/^\/[^?]*/, (path) => `${path}x`) };
    },
    code: "SignatureDoesNotMatch",
    message: MISMATCH,
    looksUp: true,
  },
  {
    name: "tampered query",
    request: async (t) => {
      const signed = await signHeader(t.get, { service: t.service });
      return { ...signed, rawUrl: `${signed.rawUrl}&extra=1` };
    },
    code: "SignatureDoesNotMatch",
    message: MISMATCH,
    looksUp: true,
  },
  {
    name: "a signed header removed",
    request: (t) => withHeaders(signHeader(t.post, { service: t.service }), (h) => delete h["content-type"]),
    code: "SignatureDoesNotMatch",
    message: /'content-type' is listed in SignedHeaders but is not in the request/,
    looksUp: false,
  },
  {
    name: "host not signed",
    request: async (t) => {
      const signed = await signHeader(t.get, { service: t.service });
      return {
        ...signed,
        headers: {
          ...signed.headers,
          authorization: header(signed).replace(/SignedHeaders=host;/, "SignedHeaders="),
        },
      };
    },
    code: "SignatureDoesNotMatch",
    message: /'Host' must be a 'SignedHeader'/,
    looksUp: false,
  },
  {
    name: "wrong region",
    request: (t) => signHeader(t.get, { service: t.service, region: "eu-west-1" }),
    code: "SignatureDoesNotMatch",
    message:
      /^Credential should be scoped to a valid region: this server's region is 'us-east-1'.*, not 'eu-west-1'\.$/,
    looksUp: false,
  },
  {
    name: "wrong service",
    request: (t) => signHeader(t.get, { service: "s3" }),
    code: "SignatureDoesNotMatch",
    message: /^Credential should be scoped to correct service: .*, not 's3'\.$/,
    looksUp: false,
  },
  {
    name: "scope date is not the request date",
    request: async (t) => {
      const signed = await signHeader(t.get, { service: t.service });
      return {
        ...signed,
        headers: { ...signed.headers, authorization: header(signed).replace("/20240501/", "/20240502/") },
      };
    },
    code: "SignatureDoesNotMatch",
    message: /'20240502' != '20240501', from 'x-amz-date'/,
    looksUp: false,
  },
  {
    name: "signed 6 minutes ago",
    request: (t) => signHeader(t.get, { service: t.service, signingDate: minutes(-6) }),
    code: "SignatureDoesNotMatch",
    message:
      /^Signature expired: 20240501T115400Z is now earlier than 20240501T115500Z \(20240501T120000Z - 5 min\.\)$/,
    looksUp: false,
  },
  {
    name: "signed 6 minutes ahead",
    request: (t) => signHeader(t.get, { service: t.service, signingDate: minutes(6) }),
    code: "SignatureDoesNotMatch",
    message:
      /^Signature not yet current: 20240501T120600Z is still later than 20240501T120500Z \(20240501T120000Z \+ 5 min\.\)$/,
    looksUp: false,
  },
  {
    name: "presigned URL expired",
    request: (t) => presign(t.get, { service: t.service, signingDate: minutes(-16), expiresIn: 900 }),
    code: "RequestExpired",
    message: /^Request has expired: the presigned URL was valid until 20240501T115900Z/,
    looksUp: false,
  },
  {
    name: "presigned URL with a tampered query",
    request: async (t) => {
      const signed = await presign(t.get, { service: t.service });
      return { ...signed, rawUrl: `${signed.rawUrl}&extra=1` };
    },
    code: "SignatureDoesNotMatch",
    message: MISMATCH,
    looksUp: true,
  },
  {
    name: "presigned URL missing X-Amz-Expires",
    request: async (t) => {
      const signed = await presign(t.get, { service: t.service });
      return { ...signed, rawUrl: signed.rawUrl.replace(/&?X-Amz-Expires=\d+/, "") };
    },
    code: "IncompleteSignature",
    message: /missing: X-Amz-Expires\.$/,
    looksUp: false,
  },
  {
    name: "x-amz-content-sha256 UNSIGNED-PAYLOAD",
    request: (t) =>
      signHeader(
        { ...t.post, headers: { ...t.post.headers, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } },
        { service: t.service },
      ),
    code: "SignatureDoesNotMatch",
    message: /only accepted by Amazon S3/,
    looksUp: false,
  },
  {
    name: "session token of expired credentials",
    request: (t) =>
      signHeader(t.get, {
        service: t.service,
        accessKeyId: TEMP_ACCESS_KEY_ID,
        secretAccessKey: TEMP_SECRET_ACCESS_KEY,
        sessionToken: SESSION_TOKEN,
      }),
    expiredCredentials: true,
    code: "ExpiredToken",
    message: /^The security token included in the request is expired$/,
    looksUp: true,
  },
  {
    name: "Authorization header over the length bound",
    request: (t) =>
      authorization(
        t,
        (scope) =>
          `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=${"x;".repeat(2100)}host, Signature=${SIG}`,
      ),
    code: "IncompleteSignature",
    message: /the limit is 4096/,
    looksUp: false,
  },
  {
    name: "too many signed headers",
    request: (t) =>
      authorization(
        t,
        (scope) =>
          `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=${Array.from({ length: 70 }, (_, i) => `h${i}`).join(";")}, Signature=${SIG}`,
      ),
    code: "IncompleteSignature",
    message: /70 signed headers; the limit is 64/,
    looksUp: false,
  },
  {
    name: "URL over the length bound",
    request: async (t) => {
      const signed = await signHeader(t.get, { service: t.service });
      return { ...signed, rawUrl: `${signed.rawUrl}&x=${"a".repeat(17000)}` };
    },
    code: "Serialization",
    message: /the limit is 16384/,
    looksUp: false,
    overHttp: false,
  },
];

/** The secrets no error message, detail or log line may contain. */
export const SECRETS: readonly string[] = [SECRET_ACCESS_KEY, TEMP_SECRET_ACCESS_KEY, SESSION_TOKEN];
