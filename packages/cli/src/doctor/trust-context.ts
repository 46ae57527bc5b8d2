// The request context CreateSession evaluates a role's trust policy with (spec §5.4), as the server
// builds it (services/sessions/trust-policy.ts): aws:SourceArn / aws:SourceAccount of the trust
// anchor, the session tags as aws:PrincipalTag/… and aws:RequestTag/… with aws:TagKeys,
// sts:SourceIdentity, sts:RoleSessionName, the time, the transport and the service principal.
// aws:SourceIp is the server's view of the client, which doctor cannot know: it is left out.
import type { ContextValue } from "@anchorage/policy";
import type { SessionTag } from "@anchorage/pki";

export interface TrustQuestion {
  readonly trustAnchorArn: string;
  readonly accountId: string;
  readonly tags: readonly SessionTag[];
  readonly sourceIdentity: string;
  readonly sessionName: string;
  readonly now: Date;
  /** Whether CreateSession goes over https. */
  readonly secureTransport: boolean;
}

export const ROLES_ANYWHERE_SERVICE = "rolesanywhere.amazonaws.com";

/** Context keys by their documented spelling (the evaluator compares them case-insensitively). */
export function trustContext(q: TrustQuestion): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    "aws:CurrentTime": `${q.now.toISOString().slice(0, 19)}Z`,
    "aws:EpochTime": String(Math.floor(q.now.getTime() / 1000)),
    "aws:SecureTransport": String(q.secureTransport),
    "aws:SourceArn": q.trustAnchorArn,
    "aws:SourceAccount": q.accountId,
    "aws:PrincipalIsAWSService": "true",
    "aws:PrincipalServiceName": ROLES_ANYWHERE_SERVICE,
    "sts:SourceIdentity": q.sourceIdentity,
    "sts:RoleSessionName": q.sessionName,
  };
  for (const tag of q.tags) {
    context[`aws:PrincipalTag/${tag.key}`] = tag.value;
    context[`aws:RequestTag/${tag.key}`] = tag.value;
  }
  if (q.tags.length > 0) context["aws:TagKeys"] = q.tags.map((t) => t.key);
  return context;
}
