// IAM ARNs as AWS forms them (iam-sts.md §3.2), and the parsing of policy ARNs callers pass.
import { splitArn } from "@anchorage/policy";
import { AnchorageError } from "../../http/errors.js";

/** `arn:<partition>:iam::<account>:<kind><path><name>` */
export function iamArn(
  partition: string,
  accountId: string,
  kind: "role" | "user" | "policy",
  path: string,
  name: string,
): string {
  return `arn:${partition}:iam::${accountId}:${kind}${path}${name}`;
}

/** A policy ARN's parts. `account` is `aws` for AWS-managed policies. */
export interface PolicyArn {
  readonly arn: string;
  readonly account: string;
  readonly path: string;
  readonly name: string;
}

const POLICY_ARN = /^arn:([a-z-]+):iam::(\d{12}|aws):policy((?:\/[\x21-\x7e]*)?\/)([\w+=,.@-]{1,128})$/;

/** Parses a policy ARN; InvalidInput "ARN … is not valid." (AWS's wording) when it is not one. */
export function parsePolicyArn(arn: string): PolicyArn {
  const m = POLICY_ARN.exec(arn);
  if (m === null) throw new AnchorageError("InvalidInput", `ARN ${arn} is not valid.`);
  return { arn, account: m[2] ?? "", path: m[3] ?? "/", name: m[4] ?? "" };
}

/** The path of a role, user or policy ARN (`/` when it has none), for PathPrefix filters. */
export function pathOfArn(arn: string): string {
  const resource = splitArn(arn)?.[5] ?? "";
  const first = resource.indexOf("/");
  const last = resource.lastIndexOf("/");
  return first < 0 ? "/" : resource.slice(first, last + 1);
}

/** The last path segment of a role, user or policy ARN: its name. */
export function nameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}
