// The decision API demonstration: two S3 requests signed with the minted credentials — a read
// (s3:GetObject) and a write (s3:PutObject) — each handed to the server's POST /v1/authorize, which
// verifies the signature and evaluates the session's policies exactly as IAM would. The role allows
// s3:*, the profile's session policy (AmazonS3ReadOnlyAccess) only reads: GetObject is allowed,
// PutObject denied.
import { createHash } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentials } from "../aws/credentials.js";
import type { HttpSend } from "../aws/http-send.js";
import { NodeSha256 } from "@anchorage/sigv4-x509";
import { signedJsonRequest } from "../aws/signed-request.js";
import type { ProcessCredentials } from "./credential-process-line.js";

export const SAMPLE_BUCKET = "quickstart-bucket";
export const SAMPLE_KEY = "hello.txt";

export interface SampleRequest {
  readonly method: "GET" | "PUT";
  readonly action: "s3:GetObject" | "s3:PutObject";
  readonly body: string;
}

export const SAMPLES: readonly SampleRequest[] = [
  { method: "GET", action: "s3:GetObject", body: "" },
  { method: "PUT", action: "s3:PutObject", body: "hello from anchorage quickstart\n" },
];

export interface Decision {
  readonly action: string;
  readonly decision: string;
  readonly reason: string;
  readonly principal: string | undefined;
}

const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The sample request as an S3 client would sign it with `session`. */
export async function signSample(
  sample: SampleRequest,
  session: ProcessCredentials,
  region: string,
  now: Date,
): Promise<{ path: string; headers: Record<string, string[]>; payloadHash: string }> {
  const host = `s3.${region}.amazonaws.com`;
  const path = `/${SAMPLE_BUCKET}/${SAMPLE_KEY}`;
  const payloadHash = sha256Hex(sample.body);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    },
    region,
    service: "s3",
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: sample.method,
      protocol: "https:",
      hostname: host,
      path,
      query: {},
      headers: { host, "x-amz-content-sha256": payloadHash },
      ...(sample.body === "" ? {} : { body: sample.body }),
    },
    { signingDate: now },
  );
  const headers: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = [String(v)];
  return { path, headers, payloadHash };
}

/** Asks the decision API about `sample` (the call itself signed with the admin credentials). */
export async function askDecisionApi(init: {
  readonly endpoint: URL;
  readonly region: string;
  readonly admin: AwsCredentials;
  readonly session: ProcessCredentials;
  readonly sample: SampleRequest;
  readonly now: () => Date;
  readonly send?: HttpSend;
}): Promise<Decision> {
  const request = await signSample(init.sample, init.session, init.region, init.now());
  const answer = await signedJsonRequest<{
    decision?: string;
    reason?: string;
    principal?: { arn?: string } | null;
  }>({
    endpoint: init.endpoint,
    method: "POST",
    path: "/v1/authorize",
    service: "anchorage",
    region: init.region,
    credentials: init.admin,
    now: init.now(),
    json: {
      request: {
        method: init.sample.method,
        path: request.path,
        headers: request.headers,
        payloadHash: request.payloadHash,
      },
      action: init.sample.action,
      resource: `arn:aws:s3:::${SAMPLE_BUCKET}/${SAMPLE_KEY}`,
    },
    ...(init.send === undefined ? {} : { send: init.send }),
  });
  return {
    action: init.sample.action,
    decision: answer.decision ?? "(no decision)",
    reason: answer.reason ?? "",
    principal: answer.principal?.arn,
  };
}
