// Who signed a request: what the credential resolver hands the HTTP core as
// `request.auth.principal`, and what authorization, GetCallerIdentity and audit read.

/** What a session token carries besides the identity: when it was issued and when it expires. */
export interface TemporarySession {
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** The account's root identity (its access keys are created on first start). */
export interface RootPrincipal {
  readonly kind: "root";
  readonly accountId: string;
  /** `arn:aws:iam::<account>:root` */
  readonly arn: string;
  /** Present when the root signs with GetSessionToken credentials. */
  readonly session?: TemporarySession;
}

/** An IAM user signing with one of its long-term access keys. */
export interface UserPrincipal {
  readonly kind: "user";
  readonly accountId: string;
  /** `arn:aws:iam::<account>:user<path><name>` */
  readonly arn: string;
  readonly userName: string;
  /** `AIDA…` */
  readonly userId: string;
  /** Present when the user signs with GetSessionToken credentials. */
  readonly session?: TemporarySession;
}

/** A session tag, as AssumeRole's `Tags` and the Roles Anywhere attribute mapping give them. */
export interface SessionTag {
  readonly key: string;
  readonly value: string;
}

/** What a role session carries (sealed in its session token): policies, tags and lineage. */
export interface RoleSession extends TemporarySession {
  /** The inline session policy (AssumeRole `Policy`, a profile's `sessionPolicy`). */
  readonly policy?: string;
  /** Managed session policies by ARN (AWS-managed or the account's own). */
  readonly policyArns: readonly string[];
  /** Session tags; they override the role's tags with the same key (case-insensitive). */
  readonly tags: readonly SessionTag[];
  /** Keys of `tags` passed on to sessions this session assumes (role chaining). */
  readonly transitiveTagKeys: readonly string[];
  /** Set once, then carried along every chained session. */
  readonly sourceIdentity?: string;
  /** Whether the session was assumed by another role session (role chaining: at most one hour). */
  readonly chained: boolean;
  /** Who asked for the session: the caller's ARN, or the trust anchor's for CreateSession. */
  readonly issuer: string;
}

/** A role session (AssumeRole or CreateSession), signing with temporary credentials. */
export interface AssumedRolePrincipal {
  readonly kind: "assumed-role";
  readonly accountId: string;
  /** `arn:aws:sts::<account>:assumed-role/<role name>/<session name>` */
  readonly arn: string;
  readonly roleArn: string;
  readonly roleName: string;
  /** `AROA…` */
  readonly roleId: string;
  readonly sessionName: string;
  readonly session: RoleSession;
}

export type CallerPrincipal = RootPrincipal | UserPrincipal | AssumedRolePrincipal;

export const rootArn = (accountId: string): string => `arn:aws:iam::${accountId}:root`;

export const rootPrincipal = (accountId: string): RootPrincipal => ({
  kind: "root",
  accountId,
  arn: rootArn(accountId),
});

/** The principal a route sees, or a clear error when the route forgot to require authentication. */
export function callerOf(auth: { readonly principal: unknown } | null): CallerPrincipal {
  if (auth === null) throw new Error("the route is not authenticated: it has no caller");
  return auth.principal as CallerPrincipal;
}
