/**
 * Malformed policy documents: each must be rejected with a MalformedPolicyError whose message says
 * which statement, which element and what is wrong. Sources: iam-sts.md §1 (grammar and rules per
 * kind; "Policy document should not specify a principal.", "Has prohibited field Resource"), IAM's
 * own MalformedPolicyDocument texts seen in the wild ("Statement IDs (SID) in a single policy must be
 * unique." kubernetes/kops#4951; "Statement IDs (SID) must be alpha-numeric…" Wolox/carthage_cache#22;
 * "Actions/Condition can contain only one colon." eksctl-io/eksctl#2794; "Action vendors … must not
 * contain wildcards" boogy/iam-policy-validator#172; "Resource … must be in ARN format or \"*\"."
 * ministryofjustice/modernisation-platform-environments#590), and IUG reference_iam-quotas.html (QUOTAS),
 * reference_policies_elements_condition_operators.html (OPS), reference_policies_variables.html (VARS).
 */
import type { FindingCode } from "./findings.js";
import type { PolicyKind, PolicyLimits } from "./limits.js";

export interface MalformedCase {
  readonly rule: string;
  readonly kind: PolicyKind;
  /** The document: text as is, or an object serialised with JSON.stringify. */
  readonly policy: string | object;
  readonly code: FindingCode;
  readonly message: RegExp;
  readonly limits?: Partial<PolicyLimits>;
}

const V = "2012-10-17";
const doc = (...Statement: object[]): object => ({ Version: V, Statement });
const ok = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
const trust = {
  Effect: "Allow",
  Principal: { Service: "rolesanywhere.amazonaws.com" },
  Action: "sts:AssumeRole",
};
const bucket = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
const cond = (Condition: unknown): object => doc({ ...ok, Condition });

export const MALFORMED_CASES: readonly MalformedCase[] = [
  // Document level
  {
    rule: "iam-sts.md §1 JSON must parse",
    kind: "identity",
    policy: '{"Version": "2012-10-17", "Statement": [',
    code: "InvalidJson",
    message:
      /^Syntax errors in policy: invalid JSON: expected a value, found end of input \(line 1, column 41\)$/,
  },
  {
    rule: "iam-sts.md §1 JSON must parse (trailing comma)",
    kind: "identity",
    policy: '{"Version": "2012-10-17",}',
    code: "InvalidJson",
    message: /invalid JSON: expected a string key, found "}" \(line 1, column 26\)/,
  },
  {
    rule: "iam-sts.md §1 JSON must parse (single quotes)",
    kind: "identity",
    policy: "{'Version': '2012-10-17'}",
    code: "InvalidJson",
    message: /expected a string key, found "'"/,
  },
  {
    rule: "iam-sts.md §1 the document is a top-level object",
    kind: "identity",
    policy: "[]",
    code: "NotAnObject",
    message: /^policy must be a JSON object, got an array/,
  },
  {
    rule: "iam-sts.md §1 an empty document is rejected (BMI policyDocumentType min length 1)",
    kind: "identity",
    policy: "  ",
    code: "EmptyDocument",
    message: /^policy document is empty$/,
  },
  {
    rule: "iam-sts.md §1 unknown top-level keys are rejected, with a suggestion",
    kind: "identity",
    policy: { Version: V, Statment: [ok] },
    code: "UnknownField",
    message: /^unknown top-level field "Statment"; did you mean "Statement"\?/,
  },
  {
    rule: "iam-sts.md §1 Statement is required",
    kind: "identity",
    policy: { Version: V },
    code: "MissingStatement",
    message: /^Statement is required/,
  },
  {
    rule: "iam-sts.md §1 Version must be 2012-10-17 or 2008-10-17",
    kind: "identity",
    policy: { Version: "2012-10-18", Statement: [ok] },
    code: "InvalidVersion",
    message: /^Version must be "2012-10-17" or "2008-10-17", got "2012-10-18" \(line 1, column 12\)$/,
  },
  {
    rule: "iam-sts.md §1 Version is a string",
    kind: "identity",
    policy: { Version: 2012, Statement: [ok] },
    code: "InvalidVersion",
    message: /got the number 2012/,
  },
  {
    rule: "iam-sts.md §1 Id is a string",
    kind: "identity",
    policy: { Version: V, Id: 5, Statement: [ok] },
    code: "InvalidId",
    message: /^Id must be a string, got the number 5/,
  },
  {
    rule: "iam-sts.md §1 Statement is an object or an array of objects",
    kind: "identity",
    policy: { Version: V, Statement: "Allow" },
    code: "InvalidStatement",
    message: /^Statement must be an object or an array of objects, got "Allow"/,
  },
  {
    rule: "iam-sts.md §1 Statement must not be empty (UNCONFIRMED)",
    kind: "identity",
    policy: { Version: V, Statement: [] },
    code: "InvalidStatement",
    message: /^Statement must contain at least one statement/,
  },
  {
    rule: "iam-sts.md §1 each statement is an object",
    kind: "identity",
    policy: { Version: V, Statement: [ok, 7] },
    code: "InvalidStatement",
    message: /^Statement\[1\] must be an object, got the number 7/,
  },
  {
    rule: "iam-sts.md §1 duplicate JSON keys are rejected (UNCONFIRMED; JSON.parse would keep the last)",
    kind: "identity",
    policy:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:*","Resource":"*"}]}',
    code: "DuplicateKey",
    message: /^Statement\[0\]: duplicate key "Action" \(line 1, column 80\)$/,
  },
  // Effect, Sid
  {
    rule: "iam-sts.md §1 Effect is case-sensitive: Allow or Deny",
    kind: "identity",
    policy: doc(ok, { Sid: "ReadOnly", Effect: "allow", Action: "s3:GetObject", Resource: "*" }),
    code: "InvalidEffect",
    message:
      /^Statement\[1\] \(Sid "ReadOnly"\): Effect must be "Allow" or "Deny", got "allow" \(line \d+, column \d+\)$/,
  },
  {
    rule: "iam-sts.md §1 Effect is required",
    kind: "identity",
    policy: doc({ Action: "s3:GetObject", Resource: "*" }),
    code: "MissingEffect",
    message: /^Statement\[0\]: Effect is required/,
  },
  {
    rule: "iam-sts.md §1 Effect is a string",
    kind: "identity",
    policy: doc({ Effect: true, Action: "s3:GetObject", Resource: "*" }),
    code: "InvalidEffect",
    message: /got the boolean true/,
  },
  {
    rule: "iam-sts.md §1 Sid is limited to [A-Za-z0-9] (Wolox/carthage_cache#22 message)",
    kind: "identity",
    policy: doc({ ...ok, Sid: "read-only" }),
    code: "InvalidSid",
    message:
      /^Statement\[0\] \(Sid "read-only"\): Statement IDs \(SID\) must be alpha-numeric \(regular expression \[0-9A-Za-z\]\*\), got "read-only"/,
  },
  {
    rule: "iam-sts.md §1 Sid is a string",
    kind: "identity",
    policy: doc({ ...ok, Sid: 12 }),
    code: "InvalidSid",
    message: /^Statement\[0\]: Sid must be a string, got the number 12/,
  },
  {
    rule: "iam-sts.md §1 duplicate Sids are rejected (kubernetes/kops#4951 message)",
    kind: "identity",
    policy: doc({ ...ok, Sid: "A" }, { ...ok, Sid: "B" }, { ...ok, Sid: "A" }),
    code: "DuplicateSid",
    message:
      /^Statement\[2\] \(Sid "A"\): Statement IDs \(SID\) in a single policy must be unique; "A" is also used by Statement\[0\]$/,
  },
  {
    rule: "iam-sts.md §1 Sid pattern applies to trust policies too",
    kind: "trust",
    policy: doc({ ...trust, Sid: "ra trust" }),
    code: "InvalidSid",
    message: /must be alpha-numeric/,
  },
  // Unknown statement keys
  {
    rule: "iam-sts.md §1 unknown statement keys are rejected, with a suggestion",
    kind: "identity",
    policy: doc({ Effect: "Allow", Actoin: "s3:GetObject", Action: "s3:GetObject", Resource: "*" }),
    code: "UnknownField",
    message: /^Statement\[0\]: unknown Statement field "Actoin"; did you mean "Action"\?/,
  },
  {
    rule: "iam-sts.md §1 element names are case-sensitive (UNCONFIRMED)",
    kind: "identity",
    policy: doc({ effect: "Allow", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
    code: "UnknownField",
    message: /unknown Statement field "effect"; did you mean "Effect"\?/,
  },
  // Action
  {
    rule: "iam-sts.md §1 a statement has exactly one of Action/NotAction (both)",
    kind: "identity",
    policy: doc({ ...ok, NotAction: "iam:*" }),
    code: "ActionAndNotAction",
    message: /^Statement\[0\]: has both Action and NotAction; use only one/,
  },
  {
    rule: "iam-sts.md §1 a statement has exactly one of Action/NotAction (neither)",
    kind: "identity",
    policy: doc({ Effect: "Allow", Resource: "*" }),
    code: "MissingAction",
    message: /^Statement\[0\]: Policy statement must contain actions \(Action or NotAction\)/,
  },
  {
    rule: "iam-sts.md §1.1 actions are service:Action",
    kind: "identity",
    policy: doc({ ...ok, Action: "s3GetObject" }),
    code: "InvalidAction",
    message:
      /^Statement\[0\]: Action "s3GetObject" is not valid: Actions\/Conditions must be prefaced by a vendor/,
  },
  {
    rule: "iam-sts.md §1.1 one colon only (eksctl-io/eksctl#2794 message)",
    kind: "identity",
    policy: doc({ ...ok, Action: ["s3:GetObject", "s3:Get:Object"] }),
    code: "InvalidAction",
    message: /Action "s3:Get:Object" is not valid: Actions\/Condition can contain only one colon\./,
  },
  {
    rule: "iam-sts.md §1.1 no wildcard in the service prefix (boogy/iam-policy-validator#172)",
    kind: "identity",
    policy: doc({ ...ok, Action: "*:Untag*" }),
    code: "InvalidAction",
    message: /Action "\*:Untag\*" is not valid: Action vendors must not contain wildcards/,
  },
  {
    rule: "iam-sts.md §1.1 an empty action is invalid",
    kind: "identity",
    policy: doc({ ...ok, Action: "" }),
    code: "InvalidAction",
    message: /Action "" is not valid: an action must not be empty/,
  },
  {
    rule: "iam-sts.md §1.1 an action name after the colon is required",
    kind: "identity",
    policy: doc({ ...ok, Action: "s3:" }),
    code: "InvalidAction",
    message: /the action name after "s3:" is empty \(use "s3:\*" for all actions\)/,
  },
  {
    rule: "iam-sts.md §1 Action is a string or a list (empty list)",
    kind: "identity",
    policy: doc({ ...ok, Action: [] }),
    code: "EmptyList",
    message: /^Statement\[0\]: Action must not be an empty list/,
  },
  {
    rule: "iam-sts.md §1 Action list items are strings",
    kind: "identity",
    policy: doc({ ...ok, Action: ["s3:GetObject", 3] }),
    code: "InvalidAction",
    message: /Action values must be strings, got the number 3/,
  },
  {
    rule: "iam-sts.md §1 Action is a string or a list (object)",
    kind: "identity",
    policy: doc({ ...ok, Action: {} }),
    code: "InvalidAction",
    message: /Action must be a string or an array of strings, got an object/,
  },
  // Resource
  {
    rule: "iam-sts.md §1 identity policies need Resource",
    kind: "identity",
    policy: doc({ Effect: "Allow", Action: "s3:GetObject" }),
    code: "MissingResource",
    message:
      /^Statement\[0\]: Policy statement must contain resources \(Resource or NotResource is required in an identity policy\)/,
  },
  {
    rule: "iam-sts.md §1 session policies need Resource",
    kind: "session",
    policy: doc({ Effect: "Allow", Action: "s3:GetObject" }),
    code: "MissingResource",
    message: /required in a session policy/,
  },
  {
    rule: "iam-sts.md §1 permissions boundaries need Resource",
    kind: "boundary",
    policy: doc({ Effect: "Allow", Action: "s3:GetObject" }),
    code: "MissingResource",
    message: /required in a permissions boundary/,
  },
  {
    rule: "iam-sts.md §1 resource policies need Resource",
    kind: "resource",
    policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }),
    code: "MissingResource",
    message: /required in a resource policy/,
  },
  {
    rule: "iam-sts.md §1 Resource and NotResource together are rejected",
    kind: "identity",
    policy: doc({ ...ok, NotResource: "arn:aws:s3:::x" }),
    code: "ResourceAndNotResource",
    message: /^Statement\[0\]: has both Resource and NotResource/,
  },
  {
    rule: "iam-sts.md §1 resources are ARNs or * (modernisation-platform-environments#590 message)",
    kind: "identity",
    policy: doc({ ...ok, Resource: "my-bucket" }),
    code: "InvalidResource",
    message: /^Statement\[0\]: Resource "my-bucket" must be in ARN format or "\*"/,
  },
  {
    rule: "IUG VARS variables only in the resource part of an ARN (after the fifth colon)",
    kind: "identity",
    policy: doc({ ...ok, Resource: "arn:aws:iam::${aws:PrincipalAccount}:role/x" }),
    code: "InvalidResource",
    message: /policy variables may be used only in the resource part of an ARN/,
  },
  {
    rule: "iam-sts.md §1.2 an unterminated policy variable",
    kind: "identity",
    policy: doc({ ...ok, Resource: "arn:aws:s3:::b/${aws:username" }),
    code: "InvalidPolicyVariable",
    message:
      /^Statement\[0\]: Resource: unterminated policy variable in "arn:aws:s3:::b\/\$\{aws:username" \(missing "}"\)/,
  },
  {
    rule: "iam-sts.md §1 Resource list must not be empty",
    kind: "identity",
    policy: doc({ ...ok, Resource: [] }),
    code: "EmptyList",
    message: /Resource must not be an empty list/,
  },
  // Principal
  {
    rule: 'iam-sts.md §1 identity policies: "Policy document should not specify a principal."',
    kind: "identity",
    policy: doc({ ...ok, Principal: "*" }),
    code: "PrincipalNotAllowed",
    message:
      /^Statement\[0\]: Policy document should not specify a principal \(Principal is not allowed in an identity policy\)/,
  },
  {
    rule: "iam-sts.md §1 identity policies: no NotPrincipal either",
    kind: "identity",
    policy: doc({ ...ok, NotPrincipal: { AWS: "111122223333" } }),
    code: "PrincipalNotAllowed",
    message: /NotPrincipal is not allowed in an identity policy/,
  },
  {
    rule: "iam-sts.md §1 session policies specify no principal",
    kind: "session",
    policy: doc({ ...ok, Principal: { AWS: "111122223333" } }),
    code: "PrincipalNotAllowed",
    message: /Principal is not allowed in a session policy/,
  },
  {
    rule: "iam-sts.md §1 permissions boundaries specify no principal",
    kind: "boundary",
    policy: doc({ ...ok, Principal: "*" }),
    code: "PrincipalNotAllowed",
    message: /Principal is not allowed in a permissions boundary/,
  },
  {
    rule: "iam-sts.md §1 resource policies need a Principal",
    kind: "resource",
    policy: doc({ ...ok, Resource: "arn:aws:s3:::b/*" }),
    code: "MissingPrincipal",
    message: /^Statement\[0\]: Missing required field Principal/,
  },
  {
    rule: "iam-sts.md §1 Principal and NotPrincipal together are rejected",
    kind: "resource",
    policy: doc({ ...bucket, NotPrincipal: { AWS: "111122223333" } }),
    code: "PrincipalAndNotPrincipal",
    message: /has both Principal and NotPrincipal/,
  },
  {
    rule: "iam-sts.md §1.1 no partial wildcards in principal ARNs (use aws:PrincipalArn with ArnLike)",
    kind: "resource",
    policy: doc({ ...bucket, Principal: { AWS: "arn:aws:iam::111122223333:role/*" } }),
    code: "InvalidPrincipal",
    message:
      /^Statement\[0\]: Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role\/\*" \(wildcards are allowed only as "\*" on its own; .*aws:PrincipalArn/,
  },
  {
    rule: "iam-sts.md §1 principal types are AWS, Service, Federated, CanonicalUser",
    kind: "resource",
    policy: doc({ ...bucket, Principal: { aws: "111122223333" } }),
    code: "InvalidPrincipal",
    message: /Principal has unknown principal type "aws"; did you mean "AWS"\?/,
  },
  {
    rule: 'iam-sts.md §1 a string Principal must be "*"',
    kind: "resource",
    policy: doc({ ...bucket, Principal: "111122223333" }),
    code: "InvalidPrincipal",
    message: /Invalid principal in policy: "111122223333" \(Principal must be "\*" or an object/,
  },
  {
    rule: "iam-sts.md §1 Principal names at least one principal",
    kind: "resource",
    policy: doc({ ...bucket, Principal: {} }),
    code: "InvalidPrincipal",
    message: /Principal must name at least one principal/,
  },
  {
    rule: "iam-sts.md §1 an AWS principal is an account, root, role, user or session",
    kind: "resource",
    policy: doc({ ...bucket, Principal: { AWS: "alice" } }),
    code: "InvalidPrincipal",
    message: /Invalid principal in policy: "AWS":"alice" \(expected an account id/,
  },
  {
    rule: "iam-sts.md §1 a service principal is a service name",
    kind: "trust",
    policy: doc({ ...trust, Principal: { Service: "Roles Anywhere" } }),
    code: "InvalidPrincipal",
    message: /Invalid principal in policy: "Service":"Roles Anywhere"/,
  },
  // Trust policies
  {
    rule: 'iam-sts.md §1 trust policies: Resource is prohibited ("Has prohibited field Resource")',
    kind: "trust",
    policy: doc({ ...trust, Resource: "*" }),
    code: "ProhibitedResource",
    message: /^Statement\[0\]: Has prohibited field Resource/,
  },
  {
    rule: "iam-sts.md §1 trust policies: NotResource is prohibited too",
    kind: "trust",
    policy: doc({ ...trust, NotResource: "*" }),
    code: "ProhibitedResource",
    message: /Has prohibited field NotResource/,
  },
  {
    rule: "iam-sts.md §1 trust policies: Principal is required",
    kind: "trust",
    policy: doc({ Effect: "Allow", Action: "sts:AssumeRole" }),
    code: "MissingPrincipal",
    message: /Missing required field Principal \(a trust policy must say whom it applies to\)/,
  },
  {
    rule: "iam-sts.md §1 trust policies: only STS actions",
    kind: "trust",
    policy: doc({ ...trust, Action: ["sts:AssumeRole", "s3:GetObject"] }),
    code: "TrustActionNotSts",
    message:
      /Action "s3:GetObject" is not allowed in a trust policy: AssumeRole policy may only specify STS AssumeRole actions/,
  },
  {
    rule: 'iam-sts.md §1 trust policies: "*" is not an STS action',
    kind: "trust",
    policy: doc({ ...trust, Action: "*" }),
    code: "TrustActionNotSts",
    message: /Action "\*" is not allowed in a trust policy/,
  },
  // Condition
  {
    rule: "iam-sts.md §1 Condition is an object",
    kind: "identity",
    policy: cond(["StringEquals"]),
    code: "InvalidCondition",
    message: /^Statement\[0\]: Condition must be an object/,
  },
  {
    rule: "iam-sts.md §2.2 an unknown operator is rejected with a suggestion",
    kind: "identity",
    policy: cond({ StringEqual: { "aws:username": "a" } }),
    code: "InvalidConditionOperator",
    message: /^Statement\[0\]: Condition operator "StringEqual" is not valid; did you mean "StringEquals"\?/,
  },
  {
    rule: "iam-sts.md §2.2 operator names are case-sensitive (UNCONFIRMED), with a suggestion",
    kind: "identity",
    policy: cond({ stringequals: { "aws:username": "a" } }),
    code: "InvalidConditionOperator",
    message: /"stringequals" is not valid; did you mean "StringEquals"\?/,
  },
  {
    rule: "iam-sts.md §2.4 set qualifier spelling, with a suggestion",
    kind: "identity",
    policy: cond({ "ForAnyValues:StringLike": { "aws:TagKeys": "a" } }),
    code: "InvalidConditionOperator",
    message: /did you mean "ForAnyValue:StringLike"\?/,
  },
  {
    rule: "IUG OPS IfExists cannot be used with Null",
    kind: "identity",
    policy: cond({ NullIfExists: { "aws:username": "true" } }),
    code: "InvalidConditionOperator",
    message: /IfExists cannot be used with Null/,
  },
  {
    rule: "iam-sts.md §2.2 set qualifiers do not apply to Null (UNCONFIRMED)",
    kind: "identity",
    policy: cond({ "ForAllValues:Null": { "aws:TagKeys": "true" } }),
    code: "InvalidConditionOperator",
    message: /ForAllValues: cannot be used with Null/,
  },
  {
    rule: "iam-sts.md §1 an operator maps keys to values (empty block)",
    kind: "identity",
    policy: cond({ StringEquals: {} }),
    code: "InvalidCondition",
    message: /Condition StringEquals must map at least one condition key to a value.*got an empty object/,
  },
  {
    rule: "iam-sts.md §1 condition keys are vendor:key",
    kind: "identity",
    policy: cond({ StringEquals: { username: "a" } }),
    code: "InvalidConditionKey",
    message:
      /condition key "username" in StringEquals is not valid: Actions\/Conditions must be prefaced by a vendor/,
  },
  {
    rule: "iam-sts.md §1 condition values are strings, numbers or booleans (null)",
    kind: "identity",
    policy: cond({ StringEquals: { "aws:username": null } }),
    code: "InvalidConditionValue",
    message:
      /Condition StringEquals "aws:username": the value must be a string, number, boolean or a non-empty array of them, got null/,
  },
  {
    rule: "iam-sts.md §1 condition value lists are not empty (UNCONFIRMED)",
    kind: "identity",
    policy: cond({ StringEquals: { "aws:username": [] } }),
    code: "InvalidConditionValue",
    message: /got an empty array/,
  },
  {
    rule: "iam-sts.md §2.2 IpAddress values are CIDR blocks (bad IPv4)",
    kind: "identity",
    policy: cond({ IpAddress: { "aws:SourceIp": "10.0.0.300/24" } }),
    code: "InvalidConditionValue",
    message:
      /^Statement\[0\]: Condition IpAddress "aws:SourceIp": "10\.0\.0\.300\/24" is not a valid IPv4 or IPv6 address or CIDR block/,
  },
  {
    rule: "iam-sts.md §2.2 IpAddress values are CIDR blocks (bad IPv6)",
    kind: "identity",
    policy: cond({ NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8", "2001:db8:::/64"] } }),
    code: "InvalidConditionValue",
    message: /"2001:db8:::\/64" is not a valid IPv4 or IPv6 address/,
  },
  {
    rule: "iam-sts.md §2.2 IpAddress prefix length within range",
    kind: "identity",
    policy: cond({ IpAddress: { "aws:SourceIp": "10.0.0.0/33" } }),
    code: "InvalidConditionValue",
    message: /"10\.0\.0\.0\/33" is not a valid/,
  },
  {
    rule: "iam-sts.md §2.2 Date values are ISO 8601 or epoch (bad month)",
    kind: "identity",
    policy: cond({ DateLessThan: { "aws:CurrentTime": "2024-13-01T00:00:00Z" } }),
    code: "InvalidConditionValue",
    message:
      /Condition DateLessThan "aws:CurrentTime": "2024-13-01T00:00:00Z" is not a valid date \(use ISO 8601/,
  },
  {
    rule: "IUG OPS wildcards are not permitted in Date values",
    kind: "identity",
    policy: cond({ DateGreaterThan: { "aws:CurrentTime": "2024-*" } }),
    code: "InvalidConditionValue",
    message: /"2024-\*" is not a valid date/,
  },
  {
    rule: "iam-sts.md §2.2 Numeric values are numbers",
    kind: "identity",
    policy: cond({ NumericLessThan: { "s3:max-keys": "ten" } }),
    code: "InvalidConditionValue",
    message: /Condition NumericLessThan "s3:max-keys": "ten" is not a number/,
  },
  {
    rule: "iam-sts.md §2.2 Bool values are true or false",
    kind: "identity",
    policy: cond({ Bool: { "aws:SecureTransport": "yes" } }),
    code: "InvalidConditionValue",
    message: /Condition Bool "aws:SecureTransport": "yes" is not "true" or "false"/,
  },
  {
    rule: "iam-sts.md §2.2 Null values are true or false",
    kind: "identity",
    policy: cond({ Null: { "aws:TokenIssueTime": "maybe" } }),
    code: "InvalidConditionValue",
    message: /"maybe" is not "true" \(key absent\) or "false" \(key present\)/,
  },
  {
    rule: "iam-sts.md §2.2 BinaryEquals values are base64",
    kind: "identity",
    policy: cond({ BinaryEquals: { "app:blob": "not base64!" } }),
    code: "InvalidConditionValue",
    message: /"not base64!" is not base64/,
  },
  {
    rule: "IUG OPS ARN operators compare ARNs (use StringLike for other strings)",
    kind: "identity",
    policy: cond({ ArnLike: { "aws:SourceArn": "my-topic" } }),
    code: "InvalidConditionValue",
    message: /"my-topic" is not an ARN.*use StringLike/,
  },
  {
    rule: "iam-sts.md §1.2 a malformed variable in a condition value",
    kind: "identity",
    policy: cond({ StringLike: { "s3:prefix": "${aws:username, guest}" } }),
    code: "InvalidPolicyVariable",
    message: /default value of policy variable "\$\{aws:username\}".*must be in single quotes/,
  },
  {
    rule: "iam-sts.md §1 duplicate condition keys within one operator",
    kind: "identity",
    policy:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","aws:username":"b"}}}]}',
    code: "DuplicateKey",
    message: /^Statement\[0\]: duplicate key "aws:username"/,
  },
  // Size and characters
  {
    rule: "iam-sts.md §1 size limits are parameters (whitespace not counted; IUG QUOTAS)",
    kind: "identity",
    policy: doc(ok),
    limits: { maxSize: 50 },
    code: "PolicyTooLarge",
    message:
      /^Cannot exceed quota for PolicySize: 50 \(this identity policy has 96 characters, not counting whitespace\)$/,
  },
  {
    rule: "iam-sts.md §1 the trust policy default limit is 2,048 characters",
    kind: "trust",
    policy: doc(...Array.from({ length: 30 }, (_, i) => ({ ...trust, Sid: `S${i}` }))),
    code: "PolicyTooLarge",
    message: /Cannot exceed quota for PolicySize: 2048/,
  },
  {
    rule: "iam-sts.md §1 the session policy default limit is 2,048 characters",
    kind: "session",
    policy: doc({ ...ok, Action: Array.from({ length: 200 }, (_, i) => `s3:Action${i}`) }),
    code: "PolicyTooLarge",
    message: /Cannot exceed quota for PolicySize: 2048 \(this session policy has/,
  },
  {
    rule: "iam-sts.md §1 document charset [\\u0009\\u000A\\u000D\\u0020-\\u00FF] (BMI)",
    kind: "identity",
    policy: doc({ ...ok, Sid: "Caf\u00e9" }, { ...ok, Resource: "arn:aws:s3:::b/\u2019" }),
    code: "InvalidCharacter",
    message:
      /^policy contains the character U\+2019; policy documents may contain only tab, line feed, carriage return and U\+0020 to U\+00FF \(line 1, column \d+\)/,
  },
  {
    rule: "iam-sts.md §1 API parameter cap (131,072 characters; a parameter)",
    kind: "identity",
    policy: doc(ok),
    limits: { maxDocumentLength: 20 },
    code: "DocumentTooLong",
    message: /^policy document is \d+ characters long; the limit is 20$/,
  },
];
