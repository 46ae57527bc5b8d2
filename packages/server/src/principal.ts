// Who signed a request: what the credential resolver hands the HTTP core as
// `request.auth.principal`, and what authorization, GetCallerIdentity and audit read.

/** The account's root identity (its access keys are created on first start). */
export interface RootPrincipal {
  readonly kind: "root";
  readonly accountId: string;
  /** `arn:aws:iam::<account>:root` */
  readonly arn: string;
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
