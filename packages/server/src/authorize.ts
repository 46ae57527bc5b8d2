// Authorization of calls to Anchorage itself: every service handler asks the context's
// `authorize` before acting. The default is policy-based (authorization/policy-engine.ts): the
// caller's identity policies, permissions boundary and session policies decide, as IAM's do.
// `rootOnlyAuthorizer` (only the account root may call anything) remains for tests and embedders.
import { AnchorageError } from "./http/errors.js";
import type { CallerPrincipal } from "./principal.js";

/** One authorization question: may `caller` perform `action` (e.g. `rolesanywhere:CreateProfile`) on `resource`? */
export interface AuthorizationQuestion {
  readonly caller: CallerPrincipal;
  readonly action: string;
  /** The resource ARN AWS uses for the action, or `*`. */
  readonly resource: string;
  /** Extra condition keys (e.g. `aws:RequestTag/team`, `aws:TagKeys`). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Facts about the HTTP request, for the `aws:SourceIp`, `aws:SecureTransport` and
   * `aws:RequestedRegion` condition keys (`requestFacts(request)` builds them). Without them those
   * keys are absent.
   */
  readonly request?: RequestFacts;
}

/** What the condition keys of a request need to know about its transport. */
export interface RequestFacts {
  /** The client's address as the server sees it. */
  readonly sourceIp?: string;
  /** Whether the request came over TLS. */
  readonly secureTransport?: boolean;
  /** The region the request was signed for. */
  readonly requestedRegion?: string;
}

/** Resolves when allowed; throws `AnchorageError("AccessDenied")` (with AWS's message) when not. */
export type Authorizer = (question: AuthorizationQuestion) => Promise<void>;

/** AWS's wording: `User: <arn> is not authorized to perform: <action> on resource: <arn>`. */
export const accessDeniedMessage = (q: AuthorizationQuestion, why?: string): string =>
  `User: ${q.caller.arn} is not authorized to perform: ${q.action} on resource: ${q.resource}` +
  (why === undefined ? "" : ` ${why}`);

/** The root is allowed everything; any other caller is refused (no policies are evaluated yet). */
export const rootOnlyAuthorizer: Authorizer = async (q) => {
  if (q.caller.kind === "root") return;
  throw new AnchorageError(
    "AccessDenied",
    accessDeniedMessage(q, "because no identity-based policy allows the action"),
  );
};
