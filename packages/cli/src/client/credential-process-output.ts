import type { SessionCredentials } from "@anchorage/credential-provider";
import { goJsonString } from "./go-json.js";

/**
 * What `credential-process` prints, byte for byte as AWS's helper v1.4: compact JSON with the keys
 * `Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration` in that order, Go's string
 * escaping, `Expiration` verbatim from the response, and no trailing newline.
 *
 * @example
 * formatCredentialProcessOutput({ accessKeyId: "ASIA…", secretAccessKey: "…", sessionToken: "…", expiration: "2045-01-01T00:00:00Z" })
 * // '{"Version":1,"AccessKeyId":"ASIA…",…,"Expiration":"2045-01-01T00:00:00Z"}'
 */
export function formatCredentialProcessOutput(credentials: SessionCredentials): string {
  return (
    `{"Version":1,"AccessKeyId":${goJsonString(credentials.accessKeyId)}` +
    `,"SecretAccessKey":${goJsonString(credentials.secretAccessKey)}` +
    `,"SessionToken":${goJsonString(credentials.sessionToken)}` +
    `,"Expiration":${goJsonString(credentials.expiration)}}`
  );
}
