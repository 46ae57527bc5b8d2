// STS GetCallerIdentity (Query protocol): who the credentials are.
import type { ApiClient } from "./api-client.js";
import { queryCall } from "./query-call.js";
import { xmlText } from "./query-xml.js";

export interface CallerIdentity {
  readonly arn: string;
  readonly account: string;
  readonly userId: string;
}

/** Reads a GetCallerIdentity answer. */
export function parseCallerIdentity(xml: string): CallerIdentity {
  const arn = xmlText(xml, "Arn");
  if (arn === undefined) throw new Error("the STS answer holds no Arn");
  return { arn, account: xmlText(xml, "Account") ?? "", userId: xmlText(xml, "UserId") ?? "" };
}

export async function getCallerIdentity(client: ApiClient): Promise<CallerIdentity> {
  return parseCallerIdentity(await queryCall(client, "sts", "GetCallerIdentity", "2011-06-15"));
}
