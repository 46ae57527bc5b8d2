// One AWS Query protocol call (IAM, STS): a form-encoded POST signed with SigV4, the XML answer
// returned as text, an error answer thrown as AwsApiError with the document's code and message.
import { AwsApiError, signedRequest } from "../../aws/signed-request.js";
import type { ApiClient } from "./api-client.js";
import { xmlError } from "./query-xml.js";

/** Form encoding as AWS's SDKs write it (RFC 3986 unreserved characters kept). */
export const formEncode = (params: Readonly<Record<string, string>>): string =>
  Object.entries(params)
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join("&");

const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Calls `action` of a Query service and returns the XML answer.
 *
 * @example
 * const xml = await queryCall(iam, "iam", "GetRole", "2010-05-08", { RoleName: "app" });
 */
export async function queryCall(
  client: ApiClient,
  service: string,
  action: string,
  version: string,
  params: Readonly<Record<string, string>> = {},
): Promise<string> {
  const res = await signedRequest({
    endpoint: client.endpoint,
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: formEncode({ Action: action, Version: version, ...params }),
    service,
    region: client.region,
    credentials: client.credentials,
    now: client.now(),
    ...(client.send === undefined ? {} : { send: client.send }),
  });
  const xml = res.body.toString("utf8");
  if (res.status >= 200 && res.status < 300) return xml;
  const error = xmlError(xml);
  const requestId = res.headers["x-amzn-requestid"] ?? /<RequestId>([^<]{1,100})<\/RequestId>/.exec(xml)?.[1];
  throw new AwsApiError(
    res.status,
    error?.code ?? `HTTP${res.status}`,
    (error?.message ?? xml.replace(/\s+/g, " ")).slice(0, 1000),
    requestId,
  );
}
