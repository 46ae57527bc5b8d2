// Test support for the real-peer tests (the AWS CLI, @aws-sdk/client-sts): one local endpoint that
// (i) serves CreateSession by VERIFYING the AWS4-X509 signature and the certificate chain, then mints
// random ASIA credentials, and (ii) serves STS GetCallerIdentity by checking the SigV4 HMAC
// signature of the caller's request with the minted secret. Self-contained: the HMAC check is
// written here with node:crypto over sigv4-x509's canonicalisation, not borrowed from the server.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import {
  canonicalRequest,
  parseCreateSessionParams,
  parseRawQuery,
  parseX509Request,
  payloadHash,
  stringToSign,
  verifyX509Request,
} from "@anchorage/sigv4-x509";
import { chainsToTestRoot, jsonAnswer, startEndpoint } from "./client-harness.js";
import type { Answer, Endpoint, Received } from "./client-harness.js";

export const ACCOUNT = "123456789012";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/test-role`;

/** Credentials minted by CreateSession, by access key id. */
interface Minted {
  readonly secret: string;
  readonly token: string;
  readonly session: string;
  readonly expires: number;
}

export interface PeerEndpoint extends Endpoint {
  readonly minted: Map<string, Minted>;
  /** What each CreateSession and STS call concluded, in order. */
  readonly log: string[];
  /** Makes CreateSession answer this error (type, message, status) instead; undefined to stop. */
  failWith(error: { type: string; message: string; status: number } | undefined): void;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const randomId = (n: number) => Array.from(randomBytes(n), (b) => ALPHABET[b % 32]).join("");

function createSession(
  r: Received,
  region: string,
  minted: Map<string, Minted>,
  log: string[],
  clock: () => number,
): Answer {
  const parsed = parseX509Request({ method: r.method, rawUrl: r.url, headers: r.rawHeaders, body: r.body });
  const verified = verifyX509Request(parsed, { now: new Date(clock()), region });
  if (!chainsToTestRoot(verified.certificate, verified.chain)) {
    log.push("CreateSession: untrusted");
    return jsonAnswer(403, { message: "Untrusted signing certificate" }, "AccessDeniedException");
  }
  const contentType = r.rawHeaders.find(([n]) => n.toLowerCase() === "content-type")?.[1];
  const params = parseCreateSessionParams({ query: parsed.query, body: r.body, contentType });
  if (params.roleArn !== ROLE_ARN)
    return jsonAnswer(403, { message: "Unknown role" }, "AccessDeniedException");
  const akid = `ASIA${randomId(16)}`;
  const session = verified.serialNumber;
  const duration = params.durationSeconds ?? 3600;
  const expires = clock() + duration * 1000;
  const m: Minted = {
    secret: randomBytes(30).toString("base64"),
    token: randomBytes(48).toString("base64"),
    session,
    expires,
  };
  minted.set(akid, m);
  log.push(
    `CreateSession: ${verified.keyType} serial ${session} duration ${params.durationSeconds ?? "(profile)"}`,
  );
  return jsonAnswer(201, {
    credentialSet: [
      {
        assumedRoleUser: {
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/${session}`,
          assumedRoleId: `AROATEST:${session}`,
        },
        credentials: {
          accessKeyId: akid,
          secretAccessKey: m.secret,
          sessionToken: m.token,
          expiration: new Date(expires).toISOString().replace(/\.\d{3}Z$/, "Z"),
        },
        packedPolicySize: 0,
        roleArn: ROLE_ARN,
        sourceIdentity: verified.certificate.subject.split("\n").find((l) => l.startsWith("CN=")) ?? "",
      },
    ],
    subjectArn: `arn:aws:rolesanywhere:${region}:${ACCOUNT}:subject/test`,
  });
}

const equal = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

const stsError = (status: number, code: string, message: string): Answer => ({
  status,
  headers: { "Content-Type": "text/xml" },
  body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>test</RequestId></ErrorResponse>`,
});

/** Checks the SigV4 HMAC signature of an STS call with the minted secret, then answers GetCallerIdentity. */
function sts(r: Received, minted: Map<string, Minted>, log: string[], clock: () => number): Answer {
  const header = (name: string) => r.rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sts\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header("authorization") ?? "",
    );
  if (!auth) return stsError(403, "IncompleteSignature", "no SigV4 Authorization header");
  const [, akid, date, region, signed, signature] = auth as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const m = minted.get(akid);
  if (m === undefined) return stsError(403, "InvalidClientTokenId", "unknown access key");
  if (!equal(header("x-amz-security-token") ?? "", m.token))
    return stsError(403, "InvalidClientTokenId", "bad session token");
  const amzDate = header("x-amz-date") ?? "";
  if (!amzDate.startsWith(date)) return stsError(403, "SignatureDoesNotMatch", "date mismatch");
  const signedHeaders = signed.split(";");
  const url = new URL(r.url, "http://localhost");
  const canonical = canonicalRequest(
    {
      method: r.method,
      path: url.pathname,
      query: parseRawQuery(url.search.slice(1)),
      headers: r.rawHeaders,
    },
    signedHeaders,
    header("x-amz-content-sha256") ?? payloadHash(r.body),
  );
  const scope = `${date}/${region}/sts/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${m.secret}`, date), region), "sts"), "aws4_request");
  const expected = hmac(key, stringToSign("AWS4-HMAC-SHA256", amzDate, scope, canonical)).toString("hex");
  if (!equal(expected, signature)) {
    log.push("STS: signature mismatch");
    return stsError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match");
  }
  if (clock() > m.expires) return stsError(403, "ExpiredToken", "expired");
  const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/${m.session}`;
  const userId = `AROATEST:${m.session}`;
  log.push(`STS: GetCallerIdentity by ${akid}`);
  if ((header("content-type") ?? "").includes("json")) {
    return {
      status: 200,
      headers: { "Content-Type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ Arn: arn, UserId: userId, Account: ACCOUNT }),
    };
  }
  const action = new URLSearchParams(r.body.toString("utf8")).get("Action");
  if (action !== "GetCallerIdentity") return stsError(400, "InvalidAction", `unexpected action ${action}`);
  return {
    status: 200,
    headers: { "Content-Type": "text/xml" },
    body:
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
      `<Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${ACCOUNT}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>test-request</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

/**
 * Starts the endpoint: `/sessions` is CreateSession, anything else STS. `clock` (ms) is what
 * CreateSession's signature time is checked against and credentials expire by.
 */
export async function startPeerEndpoint(
  region = "us-east-1",
  clock: () => number = Date.now,
): Promise<PeerEndpoint> {
  const minted = new Map<string, Minted>();
  const log: string[] = [];
  let failure: { type: string; message: string; status: number } | undefined;
  const endpoint = await startEndpoint((r) => {
    if (r.url.startsWith("/sessions")) {
      if (failure !== undefined)
        return jsonAnswer(failure.status, { message: failure.message }, failure.type);
      try {
        return createSession(r, region, minted, log, clock);
      } catch (error) {
        log.push(`CreateSession: rejected: ${(error as Error).message}`);
        return jsonAnswer(403, { message: (error as Error).message }, "AccessDeniedException");
      }
    }
    return sts(r, minted, log, clock);
  });
  return {
    ...endpoint,
    minted,
    log,
    failWith: (f) => {
      failure = f;
    },
  };
}
