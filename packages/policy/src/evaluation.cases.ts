/**
 * Evaluation cases: Action/Resource/Principal matching, variables in resources, and the gates of
 * iam-sts.md §3 (explicit deny wins; identity ∩ boundary ∩ session; resource policies naming the
 * session ARN vs the role ARN vs the account). IUG pages cited: reference_policies_elements_action.html
 * (ACTION), reference_policies_elements_resource.html (RESOURCE), reference_policies_elements_principal.html
 * (PRINCIPAL), reference_policies_elements_notprincipal.html (NOTPRINCIPAL),
 * reference_policies_variables.html (VARS), reference_policies_evaluation-logic.html (EVAL).
 */
import type { DecisionType } from "./decision.js";
import {
  assumedRolePrincipal,
  rootPrincipal,
  servicePrincipal,
  userPrincipal,
  type Principal,
} from "./principal.js";
import type { ContextMap } from "./request-context.js";

/** A policy document as an object (serialised with JSON.stringify) or as text. */
export type PolicyDoc = object | string;

export interface EvaluationCase {
  readonly rule: string;
  readonly policies: {
    readonly identity?: readonly PolicyDoc[];
    readonly resource?: PolicyDoc;
    readonly boundary?: PolicyDoc;
    readonly session?: readonly PolicyDoc[];
  };
  readonly request: {
    readonly principal?: Principal;
    readonly action: string;
    readonly resource: string;
    readonly context?: ContextMap;
    readonly resourceAccount?: string;
  };
  readonly expect: DecisionType;
}

export const ACCOUNT = "111122223333";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/team/App`;
export const SESSION = assumedRolePrincipal(ROLE_ARN, "s1");
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/App/s1`;
const OTHER_SESSION = assumedRolePrincipal("arn:aws:iam::444455556666:role/Partner", "p1");
const USER = userPrincipal(`arn:aws:iam::${ACCOUNT}:user/alice`);
const OBJ = "arn:aws:s3:::bucket/key";

const V = "2012-10-17";
const allow = (Action: unknown, Resource: unknown = "*", extra: object = {}): object => ({
  Version: V,
  Statement: [{ Effect: "Allow", Action, Resource, ...extra }],
});
const deny = (Action: unknown, Resource: unknown = "*", extra: object = {}): object => ({
  Version: V,
  Statement: [{ Effect: "Deny", Action, Resource, ...extra }],
});
const notAction = (effect: "Allow" | "Deny", NotAction: unknown): object => ({
  Version: V,
  Statement: [{ Effect: effect, NotAction, Resource: "*" }],
});
const notResource = (effect: "Allow" | "Deny", NotResource: unknown): object => ({
  Version: V,
  Statement: [{ Effect: effect, Action: "*", NotResource }],
});
const bucketPolicy = (
  Principal: unknown,
  effect: "Allow" | "Deny" = "Allow",
  extra: object = {},
): object => ({
  Version: V,
  Statement: [{ Effect: effect, Principal, Action: "s3:*", Resource: "arn:aws:s3:::bucket/*", ...extra }],
});
const get = (resource = OBJ, context: ContextMap = {}) => ({
  principal: SESSION,
  action: "s3:GetObject",
  resource,
  context,
});
const ALLOW_ALL = allow("*");

const ACTION_CASES: readonly EvaluationCase[] = [
  {
    rule: "iam-sts.md §1.1 an exact action matches",
    policies: { identity: [allow("s3:GetObject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 action names are case-insensitive (policy side)",
    policies: { identity: [allow("S3:GETOBJECT")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 action names are case-insensitive (request side)",
    policies: { identity: [allow("s3:GetObject")] },
    request: { ...get(), action: "S3:getobject" },
    expect: "Allow",
  },
  {
    rule: 'iam-sts.md §1.1 "*" alone means all actions',
    policies: { identity: [allow("*")] },
    request: { ...get(), action: "ec2:RunInstances" },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 service:* covers the service",
    policies: { identity: [allow("s3:*")] },
    request: { ...get(), action: "s3:PutObject" },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 service:* does not cover another service",
    policies: { identity: [allow("s3:*")] },
    request: { ...get(), action: "s3express:GetObject" },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 a trailing wildcard (s3:Get*)",
    policies: { identity: [allow("s3:Get*")] },
    request: { ...get(), action: "s3:GetObjectAcl" },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 a trailing wildcard does not cover other actions",
    policies: { identity: [allow("s3:Get*")] },
    request: { ...get(), action: "s3:PutObject" },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 a leading wildcard in the action name (s3:*Object)",
    policies: { identity: [allow("s3:*Object")] },
    request: { ...get(), action: "s3:DeleteObject" },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 ? matches one character",
    policies: { identity: [allow("s3:Get?bject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "IUG ACTION wildcards anywhere (iam:*AccessKey*)",
    policies: { identity: [allow("iam:*AccessKey*")] },
    request: { ...get(), action: "iam:UpdateAccessKey" },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 a list of actions matches any of them",
    policies: { identity: [allow(["sqs:SendMessage", "s3:GetObject"])] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 an action not listed is implicitly denied",
    policies: { identity: [allow(["sqs:SendMessage", "s3:ListBucket"])] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 Allow with NotAction allows every other action",
    policies: { identity: [notAction("Allow", "iam:*")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 Allow with NotAction does not allow the listed actions",
    policies: { identity: [notAction("Allow", "iam:*")] },
    request: { ...get(), action: "iam:CreateUser" },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 NotAction with Allow does not deny the listed actions (another policy may allow)",
    policies: { identity: [notAction("Allow", "s3:*"), allow("s3:GetObject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 Deny with NotAction denies every other action",
    policies: { identity: [ALLOW_ALL, notAction("Deny", ["s3:Get*", "s3:List*"])] },
    request: { ...get(), action: "s3:PutObject" },
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 Deny with NotAction leaves the listed actions to the Allow",
    policies: { identity: [ALLOW_ALL, notAction("Deny", ["s3:Get*", "s3:List*"])] },
    request: get(),
    expect: "Allow",
  },
];

const RESOURCE_CASES: readonly EvaluationCase[] = [
  {
    rule: "iam-sts.md §1.1 an exact resource ARN matches",
    policies: { identity: [allow("s3:GetObject", OBJ)] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 resource ARNs are case-sensitive",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::bucket/KEY")] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 * in a resource spans slashes",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::bucket/*")] },
    request: get("arn:aws:s3:::bucket/a/b/c"),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 a bucket pattern does not cover another bucket",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::bucket/*")] },
    request: get("arn:aws:s3:::bucket2/k"),
    expect: "ImplicitDeny",
  },
  {
    rule: 'iam-sts.md §1.1 "*" alone means all resources',
    policies: { identity: [allow("s3:GetObject", "*")] },
    request: get("arn:aws:s3:::any/thing"),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 ? in a resource matches one character",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::bucket/ke?")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 a list of resources matches any of them",
    policies: { identity: [allow("s3:GetObject", ["arn:aws:s3:::other/*", OBJ])] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 * spans colons in a resource (whole-string match; UNCONFIRMED)",
    policies: { identity: [allow("logs:PutLogEvents", "arn:aws:logs:*")] },
    request: {
      ...get(),
      action: "logs:PutLogEvents",
      resource: "arn:aws:logs:eu-west-1:111122223333:log-group:/a:*",
    },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 Allow with NotResource allows other resources",
    policies: { identity: [notResource("Allow", "arn:aws:s3:::secret/*")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 Allow with NotResource does not allow the listed resources",
    policies: { identity: [notResource("Allow", "arn:aws:s3:::bucket/*")] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 Deny with NotResource denies every other resource",
    policies: { identity: [ALLOW_ALL, notResource("Deny", "arn:aws:s3:::safe/*")] },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 Deny with NotResource leaves the listed resources alone",
    policies: { identity: [ALLOW_ALL, notResource("Deny", "arn:aws:s3:::bucket/*")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "IUG VARS ${aws:username} in a resource",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")] },
    request: get("arn:aws:s3:::home/alice/x", { "aws:username": "alice" }),
    expect: "Allow",
  },
  {
    rule: "IUG VARS ${aws:username} in a resource does not match another user's path",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")] },
    request: get("arn:aws:s3:::home/bob/x", { "aws:username": "alice" }),
    expect: "ImplicitDeny",
  },
  {
    rule: "IUG VARS a principal tag in a resource",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::data/${aws:PrincipalTag/team}/*")] },
    request: get("arn:aws:s3:::data/blue/x", { "aws:PrincipalTag/team": "blue" }),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.2 an unresolvable variable makes that resource entry match nothing",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")] },
    request: get("arn:aws:s3:::home/alice/x"),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.2 an unresolvable variable does not stop other resource entries from matching",
    policies: {
      identity: [allow("s3:GetObject", ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::public/*"])],
    },
    request: get("arn:aws:s3:::public/x"),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.2 an unresolvable variable in NotResource makes the statement not apply (never widens)",
    policies: { identity: [ALLOW_ALL, notResource("Deny", "arn:aws:s3:::home/${aws:username}/*")] },
    request: get("arn:aws:s3:::home/alice/x"),
    expect: "Allow",
  },
  {
    rule: "IUG VARS a default value in a resource",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::home/${aws:username, 'guest'}/*")] },
    request: get("arn:aws:s3:::home/guest/x"),
    expect: "Allow",
  },
  {
    rule: "IUG VARS without a Version, ${…} in a resource is literal text",
    policies: {
      identity: [
        {
          Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*" },
          ],
        },
      ],
    },
    request: get("arn:aws:s3:::home/alice/x", { "aws:username": "alice" }),
    expect: "ImplicitDeny",
  },
  {
    rule: "IUG VARS without a Version, the literal text matches itself",
    policies: {
      identity: [
        {
          Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*" },
          ],
        },
      ],
    },
    request: get("arn:aws:s3:::home/${aws:username}/x", { "aws:username": "alice" }),
    expect: "Allow",
  },
  {
    rule: "IUG VARS ${*} in a resource is a literal asterisk",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::bucket/${*}")] },
    request: get("arn:aws:s3:::bucket/*"),
    expect: "Allow",
  },
  {
    rule: "IUG VARS ${*} in a resource is not a wildcard",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::bucket/${*}")] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.2 a variable's value is matched literally, never as a wildcard",
    policies: { identity: [allow("s3:GetObject", "arn:aws:s3:::home/${aws:PrincipalTag/dir}")] },
    request: get("arn:aws:s3:::home/anything", { "aws:PrincipalTag/dir": "*" }),
    expect: "ImplicitDeny",
  },
];

const GATE_CASES: readonly EvaluationCase[] = [
  {
    rule: "iam-sts.md §3.1 an explicit Deny in an identity policy beats an Allow",
    policies: { identity: [ALLOW_ALL, deny("s3:GetObject")] },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a Deny in the same policy as the Allow",
    policies: {
      identity: [
        {
          Version: V,
          Statement: [
            { Effect: "Allow", Action: "s3:*", Resource: "*" },
            { Effect: "Deny", Action: "s3:Get*", Resource: OBJ },
          ],
        },
      ],
    },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a Deny in a session policy beats the identity Allow",
    policies: {
      identity: [ALLOW_ALL],
      session: [
        {
          Version: V,
          Statement: [
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Deny", Action: "s3:GetObject", Resource: "*" },
          ],
        },
      ],
    },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a Deny in the permissions boundary beats the identity Allow",
    policies: {
      identity: [ALLOW_ALL],
      boundary: {
        Version: V,
        Statement: [
          { Effect: "Allow", Action: "*", Resource: "*" },
          { Effect: "Deny", Action: "s3:*", Resource: "*" },
        ],
      },
    },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a Deny in the resource policy beats the identity Allow",
    policies: { identity: [ALLOW_ALL], resource: bucketPolicy("*", "Deny") },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a Deny beats a resource policy naming the session",
    policies: { identity: [deny("s3:*")], resource: bucketPolicy({ AWS: SESSION_ARN }) },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 identity Allow alone (no boundary, no session) is allowed",
    policies: { identity: [allow("s3:GetObject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3 identity ∩ boundary: both allow",
    policies: { identity: [allow("s3:*")], boundary: allow("s3:Get*") },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3 identity ∩ boundary: the boundary does not allow",
    policies: { identity: [allow("s3:*")], boundary: allow("s3:List*") },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3 a boundary cannot grant by itself",
    policies: { identity: [allow("sqs:*")], boundary: ALLOW_ALL },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 identity ∩ session: both allow",
    policies: { identity: [allow("s3:*")], session: [allow("s3:GetObject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3 identity ∩ session: the session policy does not allow (seeds scenario: write denied)",
    policies: { identity: [allow("s3:*")], session: [allow(["s3:Get*", "s3:List*"])] },
    request: { ...get(), action: "s3:PutObject" },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3 session policies can only restrict: no identity Allow → implicit deny",
    policies: { identity: [allow("sqs:*")], session: [ALLOW_ALL] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3 inline and managed session policies are pooled: an Allow in any of them passes the gate",
    policies: { identity: [ALLOW_ALL], session: [allow("sqs:*"), allow("s3:GetObject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3 pooled session policies: none allows",
    policies: { identity: [ALLOW_ALL], session: [allow("sqs:*"), allow("s3:PutObject")] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 identity ∩ boundary ∩ session all allow",
    policies: {
      identity: [allow("s3:*")],
      boundary: allow("s3:Get*"),
      session: [allow("s3:GetObject", OBJ)],
    },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §7.9 an absent session policy is no gate (empty list)",
    policies: { identity: [allow("s3:*")], session: [] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.4 no policies at all → implicit deny",
    policies: {},
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 any one of several identity policies may allow",
    policies: { identity: [allow("sqs:*"), allow("s3:GetObject")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.1 a Deny in any of several identity policies wins",
    policies: { identity: [allow("s3:GetObject"), allow("sqs:*"), deny("s3:*")] },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a conditional Deny that does not apply does not deny",
    policies: {
      identity: [ALLOW_ALL, deny("s3:*", "*", { Condition: { Bool: { "aws:SecureTransport": "false" } } })],
    },
    request: get(OBJ, { "aws:SecureTransport": "true" }),
    expect: "Allow",
  },
];

const RESOURCE_POLICY_CASES: readonly EvaluationCase[] = [
  {
    rule: "iam-sts.md §3.2 a resource policy naming the session ARN allows without identity policies",
    policies: { resource: bucketPolicy({ AWS: SESSION_ARN }) },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.2/§7.7 a resource policy naming the session ARN is not limited by session policies",
    policies: {
      identity: [allow("sqs:*")],
      resource: bucketPolicy({ AWS: SESSION_ARN }),
      session: [allow("sqs:*")],
    },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.2 a resource policy naming the session ARN is not limited by the boundary",
    policies: { resource: bucketPolicy({ AWS: SESSION_ARN }), boundary: allow("sqs:*") },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3 a resource policy naming the role ARN allows without identity policies (same account)",
    policies: { resource: bucketPolicy({ AWS: ROLE_ARN }) },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3/§7.7 a resource policy naming the role ARN is still limited by session policies",
    policies: { resource: bucketPolicy({ AWS: ROLE_ARN }), session: [allow("sqs:*")] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 a resource policy naming the role ARN is still limited by the boundary",
    policies: { resource: bucketPolicy({ AWS: ROLE_ARN }), boundary: allow("sqs:*") },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 a resource policy naming the role ARN passes when the session policy allows",
    policies: { resource: bucketPolicy({ AWS: ROLE_ARN }), session: [allow("s3:*")] },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3 a resource policy naming only the account delegates: identity must allow",
    policies: { resource: bucketPolicy({ AWS: ACCOUNT }) },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 account delegation with an identity Allow",
    policies: {
      identity: [allow("s3:GetObject")],
      resource: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    },
    request: get(),
    expect: "Allow",
  },
  {
    rule: 'IUG PRINCIPAL "*" in a resource policy allows everyone (treated like the role ARN; UNCONFIRMED)',
    policies: { resource: bucketPolicy("*") },
    request: get(),
    expect: "Allow",
  },
  {
    rule: 'IUG PRINCIPAL "*" grants are still limited by session policies (UNCONFIRMED choice)',
    policies: { resource: bucketPolicy("*"), session: [allow("sqs:*")] },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: 'IUG PRINCIPAL {"AWS": "*"} is the same as "*"',
    policies: { resource: bucketPolicy({ AWS: "*" }) },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 a resource policy naming another role does not apply",
    policies: { resource: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }) },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 a role ARN with a path must match exactly",
    policies: { resource: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/App` }) },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.2 a resource policy naming the IAM user ARN allows the user",
    policies: { resource: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }) },
    request: { ...get(), principal: USER },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.2 a resource policy naming a user does not apply to a role session",
    policies: { resource: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }) },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.1 a resource policy Deny naming the session, its role and account denies the session",
    policies: {
      identity: [ALLOW_ALL],
      resource: bucketPolicy({ AWS: [SESSION_ARN, ROLE_ARN, `arn:aws:iam::${ACCOUNT}:root`] }, "Deny"),
    },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "IUG NOTPRINCIPAL Deny with NotPrincipal listing session, role and account: that session is not denied",
    policies: {
      identity: [ALLOW_ALL],
      resource: {
        Version: V,
        Statement: [
          {
            Effect: "Deny",
            NotPrincipal: { AWS: [SESSION_ARN, ROLE_ARN, `arn:aws:iam::${ACCOUNT}:root`] },
            Action: "s3:*",
            Resource: "*",
          },
        ],
      },
    },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "IUG NOTPRINCIPAL Deny with NotPrincipal listing only the session ARN still denies (account and role not excluded)",
    policies: {
      identity: [ALLOW_ALL],
      resource: {
        Version: V,
        Statement: [{ Effect: "Deny", NotPrincipal: { AWS: [SESSION_ARN] }, Action: "s3:*", Resource: "*" }],
      },
    },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "IUG NOTPRINCIPAL Deny with NotPrincipal naming someone else denies this session",
    policies: {
      identity: [ALLOW_ALL],
      resource: {
        Version: V,
        Statement: [
          {
            Effect: "Deny",
            NotPrincipal: { AWS: "arn:aws:iam::999988887777:root" },
            Action: "s3:*",
            Resource: "*",
          },
        ],
      },
    },
    request: get(),
    expect: "ExplicitDeny",
  },
  {
    rule: "IUG NOTPRINCIPAL Allow with NotPrincipal allows everyone not listed",
    policies: {
      resource: {
        Version: V,
        Statement: [
          {
            Effect: "Allow",
            NotPrincipal: { AWS: "arn:aws:iam::999988887777:root" },
            Action: "s3:*",
            Resource: "*",
          },
        ],
      },
    },
    request: get(),
    expect: "Allow",
  },
  {
    rule: "IUG PRINCIPAL the account root ARN names the root principal directly",
    policies: { resource: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) },
    request: { ...get(), principal: rootPrincipal(ACCOUNT) },
    expect: "Allow",
  },
  {
    rule: "IUG PRINCIPAL a 12-digit account id is the same as arn:aws:iam::ACCOUNT:root",
    policies: { resource: bucketPolicy({ AWS: ACCOUNT }) },
    request: { ...get(), principal: rootPrincipal(ACCOUNT) },
    expect: "Allow",
  },
  {
    rule: "IUG PRINCIPAL a service principal in a resource policy",
    policies: { resource: bucketPolicy({ Service: "cloudtrail.amazonaws.com" }) },
    request: { ...get(), principal: servicePrincipal("cloudtrail.amazonaws.com") },
    expect: "Allow",
  },
  {
    rule: "IUG PRINCIPAL a service principal does not match another service",
    policies: { resource: bucketPolicy({ Service: "cloudtrail.amazonaws.com" }) },
    request: { ...get(), principal: servicePrincipal("config.amazonaws.com") },
    expect: "ImplicitDeny",
  },
  {
    rule: 'IUG PRINCIPAL anonymous requests match "*"',
    policies: { resource: bucketPolicy("*") },
    request: { ...get(), principal: { type: "Anonymous" } },
    expect: "Allow",
  },
  {
    rule: "IUG PRINCIPAL anonymous requests do not match an account",
    policies: { resource: bucketPolicy({ AWS: ACCOUNT }) },
    request: { ...get(), principal: { type: "Anonymous" } },
    expect: "ImplicitDeny",
  },
  {
    rule: "IUG PRINCIPAL a federated principal",
    policies: { resource: bucketPolicy({ Federated: "cognito-identity.amazonaws.com" }) },
    request: { ...get(), principal: { type: "Federated", provider: "cognito-identity.amazonaws.com" } },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3 a resource policy's Condition applies",
    policies: {
      resource: bucketPolicy({ AWS: SESSION_ARN }, "Allow", {
        Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
      }),
    },
    request: get(OBJ, { "aws:SourceIp": "192.0.2.1" }),
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3 a resource policy's Resource must match",
    policies: {
      resource: {
        Version: V,
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: SESSION_ARN },
            Action: "s3:*",
            Resource: "arn:aws:s3:::other/*",
          },
        ],
      },
    },
    request: get(),
    expect: "ImplicitDeny",
  },
  {
    rule: "IUG EVAL cross-account: the resource policy alone is not enough",
    policies: { resource: bucketPolicy({ AWS: "arn:aws:iam::444455556666:role/Partner" }) },
    request: { ...get(), principal: OTHER_SESSION, resourceAccount: ACCOUNT },
    expect: "ImplicitDeny",
  },
  {
    rule: "IUG EVAL cross-account: resource policy and identity policy both allow",
    policies: {
      identity: [allow("s3:GetObject")],
      resource: bucketPolicy({ AWS: "arn:aws:iam::444455556666:role/Partner" }),
    },
    request: { ...get(), principal: OTHER_SESSION, resourceAccount: ACCOUNT },
    expect: "Allow",
  },
  {
    rule: "IUG EVAL cross-account: identity Allow without a resource policy grant",
    policies: { identity: [allow("s3:GetObject")] },
    request: { ...get(), principal: OTHER_SESSION, resourceAccount: ACCOUNT },
    expect: "ImplicitDeny",
  },
  {
    rule: "IUG EVAL cross-account: even a session-ARN grant needs the identity side",
    policies: { resource: bucketPolicy({ AWS: "arn:aws:sts::444455556666:assumed-role/Partner/p1" }) },
    request: { ...get(), principal: OTHER_SESSION, resourceAccount: ACCOUNT },
    expect: "ImplicitDeny",
  },
];

/** All evaluation cases. */
export const EVALUATION_CASES: readonly EvaluationCase[] = [
  ...ACTION_CASES,
  ...RESOURCE_CASES,
  ...GATE_CASES,
  ...RESOURCE_POLICY_CASES,
];
