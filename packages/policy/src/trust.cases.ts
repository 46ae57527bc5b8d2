/**
 * Trust-policy cases: the Roles Anywhere trust policies of rolesanywhere.md §5.4/§5.8 (from the Roles
 * Anywhere User Guide pages trust-model.html, "Role trusts", and attribute-mapping-and-trust-policy.html,
 * cited as RAUG), and AssumeRole by AWS principals (iam-sts.md §5.2). Each action is checked independently.
 */
import type { DecisionType } from "./decision.js";
import type { PolicyDoc } from "./evaluation.cases.js";
import { assumedRolePrincipal, servicePrincipal, userPrincipal, type Principal } from "./principal.js";
import type { ContextMap } from "./request-context.js";

export interface TrustCase {
  readonly rule: string;
  readonly trust: PolicyDoc;
  readonly principal: Principal;
  /** Default: the three Roles Anywhere actions. */
  readonly actions?: readonly string[];
  readonly context: ContextMap;
  readonly caller?: { readonly identity?: readonly PolicyDoc[]; readonly session?: readonly PolicyDoc[] };
  readonly roleArn?: string;
  readonly expect: DecisionType;
  /** Expected decision per action, when they differ. */
  readonly perAction?: Readonly<Record<string, DecisionType>>;
}

export const RA_ACTIONS = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] as const;
export const TRUST_ROLE_ARN = "arn:aws:iam::111122223333:role/RolesAnywhereRole";
const RA = servicePrincipal("rolesanywhere.amazonaws.com");
const TA = "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/TA_ID";
const OTHER_TA = "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/OTHER";
const V = "2012-10-17";
const SERVICE = { Service: "rolesanywhere.amazonaws.com" };

/** RAUG "Role trusts": the minimal trust policy. */
const BASIC = { Version: V, Statement: [{ Effect: "Allow", Principal: SERVICE, Action: [...RA_ACTIONS] }] };
/** RAUG "Step 2": restricted to one trust anchor with aws:SourceArn. */
const SOURCE_ARN = {
  Version: V,
  Statement: [
    {
      Effect: "Allow",
      Principal: SERVICE,
      Action: [...RA_ACTIONS],
      Condition: { ArnEquals: { "aws:SourceArn": TA } },
    },
  ],
};
/** RAUG attribute-mapping-and-trust-policy: Issuer CN and trust anchor. */
const ISSUER_CN = {
  Version: V,
  Statement: [
    {
      Effect: "Allow",
      Principal: SERVICE,
      Action: [...RA_ACTIONS],
      Condition: {
        StringEquals: { "aws:PrincipalTag/x509Issuer/CN": "Bob" },
        ArnEquals: { "aws:SourceArn": [TA] },
      },
    },
  ],
};
/** RAUG attribute-mapping-and-trust-policy: the StringNotEquals variant (true when the tag is dropped). */
const NOT_ISSUER_CN = {
  Version: V,
  Statement: [
    {
      Effect: "Allow",
      Principal: SERVICE,
      Action: [...RA_ACTIONS],
      Condition: {
        StringNotEquals: { "aws:PrincipalTag/x509Issuer/CN": "Bob" },
        ArnEquals: { "aws:SourceArn": [TA] },
      },
    },
  ],
};
/** RAUG trust-model: AssumeRole + SetSourceIdentity conditioned on sts:SourceIdentity; TagSession on a principal tag. */
const SPLIT = {
  Version: V,
  Statement: [
    {
      Effect: "Allow",
      Principal: SERVICE,
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
      Condition: { StringEquals: { "sts:SourceIdentity": "CN=host1.example.com" } },
    },
    {
      Effect: "Allow",
      Principal: SERVICE,
      Action: "sts:TagSession",
      Condition: { StringEquals: { "aws:PrincipalTag/x509Subject/CN": "host1.example.com" } },
    },
  ],
};
const GOOD_CONTEXT: ContextMap = {
  "aws:SourceArn": TA,
  "aws:SourceAccount": "111122223333",
  "aws:PrincipalTag/x509Subject/CN": "host1.example.com",
  "aws:PrincipalTag/x509Issuer/CN": "Bob",
  "sts:SourceIdentity": "CN=host1.example.com",
};

const CALLER_ROLE = "arn:aws:iam::111122223333:role/Caller";
const CALLER = assumedRolePrincipal(CALLER_ROLE, "build");
const CALLER_SESSION_ARN = "arn:aws:sts::111122223333:assumed-role/Caller/build";
const assumeTrust = (AWS: unknown, extra: object = {}): object => ({
  Version: V,
  Statement: [{ Effect: "Allow", Principal: { AWS }, Action: "sts:AssumeRole", ...extra }],
});
const ALLOW_ASSUME = {
  Version: V,
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: TRUST_ROLE_ARN }],
};
const ALLOW_OTHER = { Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };

/** All trust cases. */
export const TRUST_CASES: readonly TrustCase[] = [
  {
    rule: "rolesanywhere.md §5.4 the basic trust policy allows all three actions to rolesanywhere.amazonaws.com",
    trust: BASIC,
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.4 without conditions any anchor of the account may use the role (RAUG Step 2 Important)",
    trust: BASIC,
    principal: RA,
    context: { "aws:SourceArn": OTHER_TA },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §1.1 a service principal must match: another service is not trusted",
    trust: BASIC,
    principal: servicePrincipal("ec2.amazonaws.com"),
    context: GOOD_CONTEXT,
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 service principal names compare case-insensitively (UNCONFIRMED)",
    trust: BASIC,
    principal: servicePrincipal("RolesAnywhere.amazonaws.com"),
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.4 aws:SourceArn equal to the trust anchor in the request",
    trust: SOURCE_ARN,
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.4 aws:SourceArn of another trust anchor is refused",
    trust: SOURCE_ARN,
    principal: RA,
    context: { ...GOOD_CONTEXT, "aws:SourceArn": OTHER_TA },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §2.3 aws:SourceArn absent: ArnEquals is false",
    trust: SOURCE_ARN,
    principal: RA,
    context: {},
    expect: "ImplicitDeny",
  },
  {
    rule: "rolesanywhere.md §5.8 StringEquals on x509Issuer/CN with the mapped tag",
    trust: ISSUER_CN,
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.8 StringEquals on a tag dropped by the attribute mapping is false",
    trust: ISSUER_CN,
    principal: RA,
    context: { "aws:SourceArn": TA },
    expect: "ImplicitDeny",
  },
  {
    rule: "rolesanywhere.md §5.8 StringEquals on x509Issuer/CN with another issuer",
    trust: ISSUER_CN,
    principal: RA,
    context: { ...GOOD_CONTEXT, "aws:PrincipalTag/x509Issuer/CN": "Mallory" },
    expect: "ImplicitDeny",
  },
  {
    rule: "rolesanywhere.md §5.4/§5.8 StringNotEquals on a dropped tag is true (P11)",
    trust: NOT_ISSUER_CN,
    principal: RA,
    context: { "aws:SourceArn": TA },
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.8 StringNotEquals on the mapped, equal tag is false",
    trust: NOT_ISSUER_CN,
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "ImplicitDeny",
  },
  {
    rule: "rolesanywhere.md §5.4 the split example: every action allowed by its own statement",
    trust: SPLIT,
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.4 actions are evaluated independently: a wrong CN fails only sts:TagSession",
    trust: SPLIT,
    principal: RA,
    context: { ...GOOD_CONTEXT, "aws:PrincipalTag/x509Subject/CN": "host2.example.com" },
    expect: "ImplicitDeny",
    perAction: {
      "sts:AssumeRole": "Allow",
      "sts:TagSession": "ImplicitDeny",
      "sts:SetSourceIdentity": "Allow",
    },
  },
  {
    rule: "rolesanywhere.md §5.4 actions are evaluated independently: a wrong source identity fails AssumeRole and SetSourceIdentity",
    trust: SPLIT,
    principal: RA,
    context: { ...GOOD_CONTEXT, "sts:SourceIdentity": "CN=other" },
    expect: "ImplicitDeny",
    perAction: {
      "sts:AssumeRole": "ImplicitDeny",
      "sts:TagSession": "Allow",
      "sts:SetSourceIdentity": "ImplicitDeny",
    },
  },
  {
    rule: "rolesanywhere.md §5.4 a trust policy without sts:TagSession fails TagSession (required even with zero tags)",
    trust: {
      Version: V,
      Statement: [
        { Effect: "Allow", Principal: SERVICE, Action: ["sts:AssumeRole", "sts:SetSourceIdentity"] },
      ],
    },
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "ImplicitDeny",
    perAction: {
      "sts:AssumeRole": "Allow",
      "sts:TagSession": "ImplicitDeny",
      "sts:SetSourceIdentity": "Allow",
    },
  },
  {
    rule: "iam-sts.md §3.1 a Deny in the trust policy wins for that action",
    trust: {
      Version: V,
      Statement: [
        { Effect: "Allow", Principal: SERVICE, Action: [...RA_ACTIONS] },
        {
          Effect: "Deny",
          Principal: SERVICE,
          Action: "sts:TagSession",
          Condition: { StringLike: { "aws:PrincipalTag/x509Subject/CN": "*.untrusted.example" } },
        },
      ],
    },
    principal: RA,
    context: { ...GOOD_CONTEXT, "aws:PrincipalTag/x509Subject/CN": "x.untrusted.example" },
    expect: "ExplicitDeny",
    perAction: {
      "sts:AssumeRole": "Allow",
      "sts:TagSession": "ExplicitDeny",
      "sts:SetSourceIdentity": "Allow",
    },
  },
  {
    rule: "rolesanywhere.md §5.4 StringLike on a subject OU tag",
    trust: {
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Principal: SERVICE,
          Action: [...RA_ACTIONS],
          Condition: { StringLike: { "aws:PrincipalTag/x509Subject/OU": "Security/*" } },
        },
      ],
    },
    principal: RA,
    context: { "aws:PrincipalTag/x509Subject/OU": "Security/Engineering/Research" },
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.4 aws:SourceAccount condition",
    trust: {
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Principal: SERVICE,
          Action: [...RA_ACTIONS],
          Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
        },
      ],
    },
    principal: RA,
    context: { ...GOOD_CONTEXT, "aws:SourceAccount": "999988887777" },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §1.1 sts:* in a trust policy covers the three actions",
    trust: { Version: V, Statement: [{ Effect: "Allow", Principal: SERVICE, Action: "sts:*" }] },
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  {
    rule: "rolesanywhere.md §5.4 trust condition keys are case-insensitive (aws:principaltag/x509subject/cn)",
    trust: {
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Principal: SERVICE,
          Action: [...RA_ACTIONS],
          Condition: { StringEquals: { "aws:principaltag/x509subject/cn": "host1.example.com" } },
        },
      ],
    },
    principal: RA,
    context: GOOD_CONTEXT,
    expect: "Allow",
  },
  // AssumeRole by AWS principals (iam-sts.md §5.2)
  {
    rule: "iam-sts.md §5.2 same account: a trust policy naming the caller's session ARN suffices",
    trust: assumeTrust(CALLER_SESSION_ARN),
    principal: CALLER,
    actions: ["sts:AssumeRole"],
    context: {},
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §5.2/§3.3 a trust policy naming the caller's role ARN counts as the identity side (same account)",
    trust: assumeTrust(CALLER_ROLE),
    principal: CALLER,
    actions: ["sts:AssumeRole"],
    context: {},
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §3.3 a trust policy naming the caller's role ARN is still limited by the caller's session policies",
    trust: assumeTrust(CALLER_ROLE),
    principal: CALLER,
    actions: ["sts:AssumeRole"],
    context: {},
    caller: { session: [ALLOW_OTHER] },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §3.3 a trust policy naming the account needs the caller's identity Allow",
    trust: assumeTrust("111122223333"),
    principal: CALLER,
    actions: ["sts:AssumeRole"],
    context: {},
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §5.2 a trust policy naming the account, with the caller's identity Allow",
    trust: assumeTrust("arn:aws:iam::111122223333:root"),
    principal: CALLER,
    actions: ["sts:AssumeRole"],
    context: {},
    caller: { identity: [ALLOW_ASSUME] },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §5.2 the trust policy must allow even when the caller's identity policy does",
    trust: assumeTrust("arn:aws:iam::111122223333:role/SomeoneElse"),
    principal: CALLER,
    actions: ["sts:AssumeRole"],
    context: {},
    caller: { identity: [ALLOW_ASSUME] },
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §5.2 cross-account: the caller's identity must allow too",
    trust: assumeTrust("arn:aws:iam::444455556666:role/Partner"),
    principal: assumedRolePrincipal("arn:aws:iam::444455556666:role/Partner", "p"),
    actions: ["sts:AssumeRole"],
    context: {},
    expect: "ImplicitDeny",
  },
  {
    rule: "iam-sts.md §5.2 cross-account: trust and identity both allow",
    trust: assumeTrust("444455556666"),
    principal: assumedRolePrincipal("arn:aws:iam::444455556666:role/Partner", "p"),
    actions: ["sts:AssumeRole"],
    context: {},
    caller: { identity: [ALLOW_ASSUME] },
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §5.2 an IAM user named in the trust policy",
    trust: assumeTrust("arn:aws:iam::111122223333:user/alice"),
    principal: userPrincipal("arn:aws:iam::111122223333:user/alice"),
    actions: ["sts:AssumeRole"],
    context: {},
    expect: "Allow",
  },
  {
    rule: "iam-sts.md §5.2 with Tags the caller also needs sts:TagSession in the trust policy",
    trust: assumeTrust(CALLER_SESSION_ARN),
    principal: CALLER,
    actions: ["sts:AssumeRole", "sts:TagSession"],
    context: {},
    expect: "ImplicitDeny",
    perAction: { "sts:AssumeRole": "Allow", "sts:TagSession": "ImplicitDeny" },
  },
  {
    rule: "iam-sts.md §5.2 ExternalId condition (sts:ExternalId) on AssumeRole",
    trust: assumeTrust("444455556666", { Condition: { StringEquals: { "sts:ExternalId": "unique-id-1" } } }),
    principal: assumedRolePrincipal("arn:aws:iam::444455556666:role/Partner", "p"),
    actions: ["sts:AssumeRole"],
    context: { "sts:ExternalId": "unique-id-1" },
    caller: { identity: [ALLOW_ASSUME] },
    expect: "Allow",
  },
];
