/**
 * Size and character limits for policy documents (iam-sts.md §1 "Size limits", UNCONFIRMED there;
 * IUG reference_iam-quotas.html: "IAM doesn't count white space when calculating the size of a policy";
 * policy documents "can contain only … tab, linefeed, carriage return, and characters in the range
 * U+0020 to U+00FF"). Every limit is a parameter; these are the defaults.
 */

/** The kinds of policy document; each has its own grammar rules (iam-sts.md §1). */
export type PolicyKind = "identity" | "resource" | "trust" | "session" | "boundary";

/** The IAM and STS quotas, in characters. */
export const IAM_QUOTAS = {
  /** A customer managed policy document (whitespace not counted). */
  managedPolicy: 6144,
  /** All inline policies of one role together (whitespace not counted). */
  roleInlinePolicies: 10240,
  /** A role trust policy (default quota; adjustable to 4096). */
  trustPolicy: 2048,
  /** An STS session policy (inline `Policy` of AssumeRole; also the plaintext cap of session policies). */
  sessionPolicy: 2048,
  /** The API parameter cap of `policyDocumentType` (botocore IAM model), whitespace counted. */
  apiDocument: 131072,
  /** A resource-based policy (S3 bucket policy quota, 20 KB). UNCONFIRMED for other services. */
  resourcePolicy: 20480,
} as const;

/** Limits applied while parsing. */
export interface PolicyLimits {
  /** Maximum characters not counting whitespace (space, tab, LF, CR). */
  readonly maxSize: number;
  /** Maximum raw length including whitespace. */
  readonly maxDocumentLength: number;
  /** Reject characters outside tab, LF, CR and U+0020–U+00FF. */
  readonly restrictCharset: boolean;
  /** Pattern a `Sid` must match; `undefined` accepts any string. */
  readonly sidPattern: RegExp | undefined;
}

const ALNUM_SID = /^[0-9A-Za-z]*$/;

/**
 * Default limits per kind. `identity` uses the managed-policy quota (6,144); pass
 * `{ maxSize: IAM_QUOTAS.roleInlinePolicies }` for an inline role policy.
 */
export const DEFAULT_LIMITS: Readonly<Record<PolicyKind, PolicyLimits>> = {
  identity: {
    maxSize: IAM_QUOTAS.managedPolicy,
    maxDocumentLength: IAM_QUOTAS.apiDocument,
    restrictCharset: true,
    sidPattern: ALNUM_SID,
  },
  boundary: {
    maxSize: IAM_QUOTAS.managedPolicy,
    maxDocumentLength: IAM_QUOTAS.apiDocument,
    restrictCharset: true,
    sidPattern: ALNUM_SID,
  },
  session: {
    maxSize: IAM_QUOTAS.sessionPolicy,
    maxDocumentLength: IAM_QUOTAS.apiDocument,
    restrictCharset: true,
    sidPattern: ALNUM_SID,
  },
  trust: {
    maxSize: IAM_QUOTAS.trustPolicy,
    maxDocumentLength: IAM_QUOTAS.apiDocument,
    restrictCharset: true,
    sidPattern: ALNUM_SID,
  },
  resource: {
    maxSize: IAM_QUOTAS.resourcePolicy,
    maxDocumentLength: IAM_QUOTAS.apiDocument,
    restrictCharset: true,
    sidPattern: undefined,
  },
};

/** The size of a document as IAM counts it: characters other than whitespace. */
export function policySize(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

/** Offset of the first character outside the policy charset, or -1. */
export function firstForbiddenCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) return i;
  }
  return -1;
}
