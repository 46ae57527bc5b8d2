import type { SessionCredentials } from "@anchorage/credential-provider";
import { goJsonString } from "../client/go-json.js";

/** RFC 3339 in UTC, whole seconds unless there is a fraction (Go's `time.Time` JSON form in UTC). */
export function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

/**
 * The IMDS credentials document as AWS's helper writes it: compact JSON with the keys
 * `AccessKeyId, SecretAccessKey, Token, Code, Type, Expiration, LastUpdated` and Go's escaping,
 * followed by a newline (Go's `json.Encoder`). `Expiration` and `LastUpdated` are UTC (the helper
 * writes `LastUpdated` in the local zone with nanoseconds; SDKs read neither field's zone).
 *
 * @example
 * formatImdsCredentials(credentials, Date.parse("2026-01-15T12:00:00Z"))
 * // '{"AccessKeyId":"ASIA…",…,"Code":"Success","Type":"AWS-HMAC","Expiration":"2045-01-01T00:00:00Z","LastUpdated":"2026-01-15T12:00:00Z"}\n'
 */
export function formatImdsCredentials(credentials: SessionCredentials, lastUpdated: number): string {
  return (
    `{"AccessKeyId":${goJsonString(credentials.accessKeyId)}` +
    `,"SecretAccessKey":${goJsonString(credentials.secretAccessKey)}` +
    `,"Token":${goJsonString(credentials.sessionToken)}` +
    `,"Code":"Success","Type":"AWS-HMAC"` +
    `,"Expiration":${goJsonString(goTime(Date.parse(credentials.expiration)))}` +
    `,"LastUpdated":${goJsonString(goTime(lastUpdated))}}\n`
  );
}

/**
 * The ECS container-credentials document (what `AWS_CONTAINER_CREDENTIALS_FULL_URI` answers):
 * `{"AccessKeyId","SecretAccessKey","Token","Expiration"}` (plus `RoleArn`), as the SDKs read it.
 */
export function formatEcsCredentials(credentials: SessionCredentials, roleArn: string): string {
  return `${JSON.stringify({
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: goTime(Date.parse(credentials.expiration)),
    RoleArn: roleArn,
  })}\n`;
}
