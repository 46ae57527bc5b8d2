// The request context keys Anchorage supplies for a caller (iam-sts.md §3.1): the evaluator adds
// none itself. Keys about the principal and the time always come from here; keys a caller passes
// (`aws:RequestTag/…`, the decision API's `context`) are merged case-insensitively and can never
// replace them.
import type { ContextMap, ContextValue } from "@anchorage/policy";
import type { RequestFacts } from "../authorize.js";
import type { CallerPrincipal, SessionTag } from "../principal.js";

/** Tags of the principal: the role's (or user's), overridden by the session's with the same key, case-insensitively. */
export function principalTags(
  ownTags: readonly { readonly key: string; readonly value: string }[],
  sessionTags: readonly SessionTag[] = [],
): SessionTag[] {
  const merged = new Map<string, SessionTag>();
  for (const t of ownTags) merged.set(t.key.toLowerCase(), { key: t.key, value: t.value });
  for (const t of sessionTags) merged.set(t.key.toLowerCase(), { key: t.key, value: t.value });
  return [...merged.values()];
}

let lastSecond = Number.NaN;
let lastText = "";

/** `2024-01-01T00:00:00Z`: AWS's `aws:CurrentTime` (whole seconds; the last one is remembered). */
export function currentTime(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = `${now.toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastText;
}

/** The keys Anchorage sets for a caller, whatever the request asks. */
export function principalContext(
  caller: CallerPrincipal,
  tags: readonly SessionTag[],
  now: Date,
  facts: RequestFacts | undefined,
): Record<string, ContextValue> {
  return { ...requestKeys(now, facts), ...principalKeys(caller, tags) };
}

/** The keys of the request itself: the time and the transport facts. */
export function requestKeys(now: Date, facts: RequestFacts | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    "aws:CurrentTime": currentTime(now),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
  };
  if (facts?.sourceIp !== undefined) keys["aws:SourceIp"] = facts.sourceIp;
  if (facts?.secureTransport !== undefined) keys["aws:SecureTransport"] = String(facts.secureTransport);
  if (facts?.requestedRegion !== undefined) keys["aws:RequestedRegion"] = facts.requestedRegion;
  return keys;
}

/** The keys of the caller: identity, session and tags (the same for every request of the caller). */
export function principalKeys(
  caller: CallerPrincipal,
  tags: readonly SessionTag[],
): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    "aws:PrincipalAccount": caller.accountId,
    "aws:PrincipalIsAWSService": "false",
  };
  switch (caller.kind) {
    case "root":
      keys["aws:PrincipalArn"] = caller.arn;
      keys["aws:PrincipalType"] = "Account";
      keys["aws:userid"] = caller.accountId;
      break;
    case "user":
      keys["aws:PrincipalArn"] = caller.arn;
      keys["aws:PrincipalType"] = "User";
      keys["aws:userid"] = caller.userId;
      keys["aws:username"] = caller.userName;
      break;
    case "assumed-role":
      keys["aws:PrincipalArn"] = caller.roleArn;
      keys["aws:PrincipalType"] = "AssumedRole";
      keys["aws:userid"] = `${caller.roleId}:${caller.sessionName}`;
      if (caller.session.sourceIdentity !== undefined)
        keys["aws:SourceIdentity"] = caller.session.sourceIdentity;
      break;
  }
  const session = caller.session;
  if (session !== undefined) {
    keys["aws:TokenIssueTime"] = currentTime(session.issuedAt);
    // Present only for temporary credentials; Anchorage has no MFA.
    keys["aws:MultiFactorAuthPresent"] = "false";
  }
  for (const tag of tags) keys[`aws:PrincipalTag/${tag.key}`] = tag.value;
  return keys;
}

/**
 * `base` plus the keys of `extra` that `base` does not have (keys compared case-insensitively; the
 * first spelling wins). The result has no two keys that differ only in case.
 */
export function mergeContext(
  base: Readonly<Record<string, ContextValue>>,
  extra: ContextMap | undefined,
): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(base)) {
    const lower = key.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out[key] = value;
  }
  if (extra !== undefined) {
    for (const [key, value] of Object.entries(extra)) {
      const lower = key.toLowerCase();
      if (value === undefined || seen.has(lower)) continue;
      seen.add(lower);
      out[key] = value;
    }
  }
  return out;
}

/** Whether a condition key is one Anchorage sets itself (callers may not supply it). */
export function isReservedContextKey(key: string): boolean {
  const lower = key.toLowerCase();
  return RESERVED.has(lower) || lower.startsWith("aws:principaltag/") || lower.startsWith("aws:principal");
}

const RESERVED = new Set(
  [
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalType",
    "aws:PrincipalIsAWSService",
    "aws:userid",
    "aws:username",
    "aws:SourceIdentity",
    "aws:TokenIssueTime",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
  ].map((k) => k.toLowerCase()),
);
