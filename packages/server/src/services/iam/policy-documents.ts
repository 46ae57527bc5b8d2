// Policy documents sent to IAM and STS, validated with @anchorage/policy for their kind and IAM's
// size quotas (iam-sts.md §1): grammar errors are MalformedPolicyDocument with the validator's
// precise message (statement, element, line and column); size overruns are IAM's LimitExceeded.
import {
  IAM_QUOTAS,
  MalformedPolicyError,
  parsePolicy,
  policySize,
  type CompiledPolicy,
  type PolicyKind,
} from "@anchorage/policy";
import { AnchorageError } from "../../http/errors.js";

/** What a document is for; each has its own grammar and quota. */
export type DocumentUse =
  | { readonly use: "trust"; readonly roleName: string }
  | { readonly use: "role-inline"; readonly roleName: string }
  | { readonly use: "user-inline"; readonly userName: string }
  | { readonly use: "managed" }
  | { readonly use: "session" }
  | { readonly use: "simulation"; readonly kind: PolicyKind; readonly name: string };

/** IAM's quota for all inline policies of one user together (IUG quotas), whitespace not counted. */
export const USER_INLINE_POLICIES_QUOTA = 2048;

function kindAndLimit(use: DocumentUse): { kind: PolicyKind; maxSize: number } {
  switch (use.use) {
    case "trust":
      return { kind: "trust", maxSize: IAM_QUOTAS.trustPolicy };
    case "role-inline":
      return { kind: "identity", maxSize: IAM_QUOTAS.roleInlinePolicies };
    case "user-inline":
      return { kind: "identity", maxSize: USER_INLINE_POLICIES_QUOTA };
    case "managed":
      return { kind: "identity", maxSize: IAM_QUOTAS.managedPolicy };
    case "session":
      return { kind: "session", maxSize: IAM_QUOTAS.sessionPolicy };
    case "simulation":
      return { kind: use.kind, maxSize: IAM_QUOTAS.apiDocument };
  }
}

function tooLarge(use: DocumentUse, maxSize: number): string {
  switch (use.use) {
    case "trust":
      return `Cannot exceed quota for ACLSizePerRole: ${maxSize}`;
    case "role-inline":
      return `Maximum policy size of ${maxSize} bytes exceeded for role ${use.roleName}`;
    case "user-inline":
      return `Maximum policy size of ${maxSize} bytes exceeded for user ${use.userName}`;
    default:
      return `Cannot exceed quota for PolicySize: ${maxSize}`;
  }
}

/**
 * Validates a document for its use and returns it compiled.
 *
 * @throws AnchorageError MalformedPolicyDocument (grammar), LimitExceeded (size; IAM's wording).
 */
export function checkPolicyDocument(text: string, use: DocumentUse): CompiledPolicy {
  const { kind, maxSize } = kindAndLimit(use);
  try {
    return parsePolicy(text, kind, {
      name: use.use === "simulation" ? use.name : `${use.use} policy`,
      limits: { maxSize },
    });
  } catch (error) {
    if (!(error instanceof MalformedPolicyError)) throw error;
    const first = error.findings[0];
    if (first?.code === "PolicyTooLarge" && use.use !== "session") {
      throw new AnchorageError("LimitExceeded", tooLarge(use, maxSize), { cause: error });
    }
    const at =
      first?.position === undefined ? "" : ` (line ${first.position.line}, column ${first.position.column})`;
    throw new AnchorageError("MalformedPolicyDocument", `${first?.message ?? error.message}${at}`, {
      cause: error,
    });
  }
}

/**
 * Checks that a principal's inline policies stay within the combined quota once `document`
 * replaces (or joins) them; LimitExceeded in IAM's wording when not.
 */
export function checkInlineTotal(
  use: Extract<DocumentUse, { use: "role-inline" | "user-inline" }>,
  others: readonly { readonly policyName: string; readonly document: string }[],
  policyName: string,
  document: string,
): void {
  const { maxSize } = kindAndLimit(use);
  const total = others
    .filter((p) => p.policyName !== policyName)
    .reduce((sum, p) => sum + policySize(p.document), policySize(document));
  if (total > maxSize) throw new AnchorageError("LimitExceeded", tooLarge(use, maxSize));
}
