// Authorization of calls to Anchorage itself: every service handler asks the context's
// `authorize` before acting. Until policy-based authorization exists (the IAM issue), only the
// account root may call anything.
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
