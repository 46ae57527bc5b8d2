/**
 * Principals: who makes the request, and the `Principal` / `NotPrincipal` element that names them
 * (iam-sts.md §1.1 "Principal matching"; IUG reference_policies_elements_principal.html and
 * reference_policies_elements_notprincipal.html).
 */
import { assumedRoleArn, splitArn } from "./arn.js";

/**
 * The principal making a request. Build one with {@link assumedRolePrincipal},
 * {@link userPrincipal}, {@link rootPrincipal} or {@link servicePrincipal}, or write the object.
 */
export type Principal =
  | {
      readonly type: "AssumedRole";
      readonly account: string;
      /** The role ARN with its path, e.g. `arn:aws:iam::123456789012:role/ops/Deploy`. */
      readonly roleArn: string;
      /** The session ARN, e.g. `arn:aws:sts::123456789012:assumed-role/Deploy/ci` (no path). */
      readonly sessionArn: string;
    }
  | { readonly type: "User"; readonly account: string; readonly arn: string }
  | { readonly type: "Root"; readonly account: string }
  | { readonly type: "Service"; readonly service: string }
  | { readonly type: "Federated"; readonly provider: string }
  | { readonly type: "Anonymous" };

/**
 * A role session principal.
 *
 * @example
 * assumedRolePrincipal("arn:aws:iam::123456789012:role/ops/Deploy", "ci").sessionArn
 * // "arn:aws:sts::123456789012:assumed-role/Deploy/ci"
 */
export function assumedRolePrincipal(roleArn: string, sessionName: string): Principal {
  const sessionArn = assumedRoleArn(roleArn, sessionName);
  return { type: "AssumedRole", account: splitArn(roleArn)?.[4] ?? "", roleArn, sessionArn };
}

/** An IAM user principal, from its ARN (`arn:aws:iam::ACCOUNT:user/path/name`). */
export function userPrincipal(arn: string): Principal {
  const f = splitArn(arn);
  if (!f || f[2] !== "iam" || !f[5].startsWith("user/")) throw new TypeError(`not a user ARN: "${arn}"`);
  return { type: "User", account: f[4], arn };
}

/** The account root principal (`arn:aws:iam::ACCOUNT:root`). */
export function rootPrincipal(account: string): Principal {
  return { type: "Root", account };
}

/** A service principal, e.g. `rolesanywhere.amazonaws.com`. */
export function servicePrincipal(service: string): Principal {
  return { type: "Service", service };
}

/** The principal's account, when it has one. */
export function principalAccount(p: Principal): string | undefined {
  return p.type === "AssumedRole" || p.type === "User" || p.type === "Root" ? p.account : undefined;
}

/** A readable name for explanations: the principal's ARN or service name. */
export function describePrincipal(p: Principal): string {
  switch (p.type) {
    case "AssumedRole":
      return p.sessionArn;
    case "User":
      return p.arn;
    case "Root":
      return `arn:aws:iam::${p.account}:root`;
    case "Service":
      return p.service;
    case "Federated":
      return p.provider;
    case "Anonymous":
      return "anonymous";
  }
}

/**
 * How a resource policy's `Principal` named the requester; decides which gates still apply
 * (iam-sts.md §3 steps 2–3):
 * - `direct`: the session ARN, the user ARN, the root of the requester's own account when the requester
 *   is root, a service or a federated provider — the resource policy alone suffices (same account);
 * - `role`: the role ARN of the session — counts as the identity gate; boundary and session still apply;
 * - `wildcard`: `"*"` / `{"AWS":"*"}`, or a `NotPrincipal` Allow — treated like `role`;
 * - `account`: the requester's account (delegation) — the identity policies must also allow.
 */
export type PrincipalMatchKind = "direct" | "role" | "wildcard" | "account";

/** Strength order for picking the best of several matching entries. */
const STRENGTH: Record<PrincipalMatchKind, number> = { direct: 3, role: 2, wildcard: 1, account: 0 };

/** One compiled entry of a `Principal` / `NotPrincipal` element. */
export type PrincipalEntry =
  | { readonly kind: "wildcard" }
  | { readonly kind: "account"; readonly account: string }
  | { readonly kind: "role"; readonly arn: string }
  | { readonly kind: "user"; readonly arn: string }
  | { readonly kind: "session"; readonly arn: string }
  | { readonly kind: "service"; readonly service: string }
  | { readonly kind: "federated"; readonly provider: string }
  | { readonly kind: "canonical"; readonly id: string };

const ACCOUNT_ID = /^\d{12}$/;
const IAM_PRINCIPAL_ARN =
  /^arn:[a-z][a-z0-9-]*:(iam|sts)::(\d{12}):(root|role\/.+|user\/.+|assumed-role\/[^/]+\/[^/]+)$/;
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

/**
 * Compiles one value of `Principal.AWS`. Returns a reason string when the value is invalid.
 * Partial wildcards (`arn:aws:iam::123456789012:role/*`) are rejected as IAM does: use the
 * `aws:PrincipalArn` condition key with `ArnLike` instead.
 */
export function compileAwsPrincipal(value: string): PrincipalEntry | string {
  if (value === "*") return { kind: "wildcard" };
  if (ACCOUNT_ID.test(value)) return { kind: "account", account: value };
  if (value.includes("*") || value.includes("?")) {
    return 'wildcards are allowed only as "*" on its own; to match several principals use the aws:PrincipalArn condition key with ArnLike';
  }
  const m = IAM_PRINCIPAL_ARN.exec(value);
  if (!m)
    return 'expected an account id, arn:aws:iam::ACCOUNT:root, a role, user or assumed-role ARN, or "*"';
  const [, service, account, rest] = m as unknown as [string, string, string, string];
  if (rest === "root") return service === "iam" ? { kind: "account", account } : "root must be an iam ARN";
  if (rest.startsWith("role/"))
    return service === "iam" ? { kind: "role", arn: value } : "role ARNs use the iam service";
  if (rest.startsWith("user/"))
    return service === "iam" ? { kind: "user", arn: value } : "user ARNs use the iam service";
  return service === "sts" ? { kind: "session", arn: value } : "assumed-role ARNs use the sts service";
}

/** Compiles one value of `Principal.Service`. */
export function compileServicePrincipal(value: string): PrincipalEntry | string {
  if (value === "*") return { kind: "wildcard" };
  return SERVICE_NAME.test(value)
    ? { kind: "service", service: value }
    : "expected a service principal such as rolesanywhere.amazonaws.com";
}

/** Compiles one value of `Principal.Federated`. */
export function compileFederatedPrincipal(value: string): PrincipalEntry | string {
  if (value === "*") return { kind: "wildcard" };
  return value.length > 0 && !value.includes("*")
    ? { kind: "federated", provider: value }
    : "expected an identity provider name or ARN";
}

/** Compiles one value of `Principal.CanonicalUser` (accepted; never matches an Anchorage principal). */
export function compileCanonicalPrincipal(value: string): PrincipalEntry | string {
  return value.length > 0 ? { kind: "canonical", id: value } : "expected a canonical user id";
}

/**
 * How an entry matches a principal, or `undefined` when it does not.
 * The account entry (`123456789012` / `arn:aws:iam::123456789012:root`) matches every principal of
 * that account; for the root principal itself it is a direct match.
 */
export function matchEntry(entry: PrincipalEntry, p: Principal): PrincipalMatchKind | undefined {
  switch (entry.kind) {
    case "wildcard":
      return "wildcard";
    case "account":
      if (p.type === "Root") return p.account === entry.account ? "direct" : undefined;
      if (p.type === "AssumedRole" || p.type === "User")
        return p.account === entry.account ? "account" : undefined;
      return undefined;
    case "role":
      return p.type === "AssumedRole" && p.roleArn === entry.arn ? "role" : undefined;
    case "user":
      return p.type === "User" && p.arn === entry.arn ? "direct" : undefined;
    case "session":
      return p.type === "AssumedRole" && p.sessionArn === entry.arn ? "direct" : undefined;
    case "service":
      return p.type === "Service" && p.service.toLowerCase() === entry.service.toLowerCase()
        ? "direct"
        : undefined;
    case "federated":
      return p.type === "Federated" && p.provider === entry.provider ? "direct" : undefined;
    case "canonical":
      return undefined;
  }
}

/** The strongest way any entry matches the principal (`Principal` element), or `undefined`. */
export function matchPrincipal(
  entries: readonly PrincipalEntry[],
  p: Principal,
): PrincipalMatchKind | undefined {
  let best: PrincipalMatchKind | undefined;
  for (const entry of entries) {
    const kind = matchEntry(entry, p);
    if (kind !== undefined && (best === undefined || STRENGTH[kind] > STRENGTH[best])) best = kind;
  }
  return best;
}

/**
 * Whether a `NotPrincipal` statement applies to the principal. IAM may check each identity in the
 * principal's chain (account, then role, then session), so a statement applies unless EVERY one of
 * them is listed (IUG reference_policies_elements_notprincipal.html: list the session, the role and
 * the account). An anonymous principal has no identities to exclude, so the statement applies.
 */
export function notPrincipalApplies(entries: readonly PrincipalEntry[], p: Principal): boolean {
  const listed = (test: (e: PrincipalEntry) => boolean): boolean =>
    entries.some((e) => e.kind === "wildcard" || test(e));
  switch (p.type) {
    case "AssumedRole":
      return !(
        listed((e) => e.kind === "account" && e.account === p.account) &&
        listed((e) => e.kind === "role" && e.arn === p.roleArn) &&
        listed((e) => e.kind === "session" && e.arn === p.sessionArn)
      );
    case "User":
      return !(
        listed((e) => e.kind === "account" && e.account === p.account) &&
        listed((e) => e.kind === "user" && e.arn === p.arn)
      );
    case "Root":
      return !listed((e) => e.kind === "account" && e.account === p.account);
    case "Service":
      return !listed((e) => e.kind === "service" && e.service.toLowerCase() === p.service.toLowerCase());
    case "Federated":
      return !listed((e) => e.kind === "federated" && e.provider === p.provider);
    case "Anonymous":
      return !listed(() => false);
  }
}
