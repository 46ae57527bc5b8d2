/**
 * Condition operator cases, one row per rule. Each row is run twice by `conditions.cases.test.ts`:
 * as `Allow s3:GetObject on *` with the condition (expect Allow iff `expect`), and as a Deny with the
 * condition next to an Allow-all (expect ExplicitDeny iff `expect`).
 *
 * Sources: iam-sts.md §1.2, §2.1–§2.4 (the spec), and the IAM User Guide pages (IUG):
 * reference_policies_elements_condition_operators.html (OPS), reference_policies_variables.html (VARS),
 * reference_policies_multi-value-conditions.html and
 * reference_policies_condition-single-vs-multi-valued-context-keys.html (MULTI).
 */
import type { ContextMap } from "./request-context.js";

export interface ConditionCase {
  readonly rule: string;
  /** The statement's `Condition` element. */
  readonly condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly context: ContextMap;
  /** Whether the condition holds (the statement applies). */
  readonly expect: boolean;
  /** Policy language version; default "2012-10-17"; `null` = no Version element. */
  readonly version?: "2012-10-17" | "2008-10-17" | null;
}

const TAG = "aws:PrincipalTag/team";
const IP = "aws:SourceIp";
const NOW = "aws:CurrentTime";
const ARN = "aws:SourceArn";
const TA = "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/TA1";

const STRING_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.2 StringEquals exact match",
    condition: { StringEquals: { [TAG]: "blue" } },
    context: { [TAG]: "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.1 String values are case-sensitive",
    condition: { StringEquals: { [TAG]: "blue" } },
    context: { [TAG]: "Blue" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 several values for one key are OR-ed",
    condition: { StringEquals: { [TAG]: ["red", "blue"] } },
    context: { [TAG]: "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 positive operator on an absent key is false",
    condition: { StringEquals: { [TAG]: "blue" } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 StringNotEquals with a different value",
    condition: { StringNotEquals: { [TAG]: "blue" } },
    context: { [TAG]: "red" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringNotEquals with the same value",
    condition: { StringNotEquals: { [TAG]: "blue" } },
    context: { [TAG]: "blue" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.3 negated operator on an absent key is true",
    condition: { StringNotEquals: { [TAG]: "blue" } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.1 negated operator with several values: must match none (NOR) — matches one",
    condition: { StringNotEquals: { [TAG]: ["red", "blue"] } },
    context: { [TAG]: "blue" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 negated operator with several values: matches none",
    condition: { StringNotEquals: { [TAG]: ["red", "blue"] } },
    context: { [TAG]: "green" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringEqualsIgnoreCase ignores case",
    condition: { StringEqualsIgnoreCase: { [TAG]: "BLUE" } },
    context: { [TAG]: "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringEqualsIgnoreCase still compares the text",
    condition: { StringEqualsIgnoreCase: { [TAG]: "BLUE" } },
    context: { [TAG]: "bleu" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 StringNotEqualsIgnoreCase with the same text in another case",
    condition: { StringNotEqualsIgnoreCase: { [TAG]: "Blue" } },
    context: { [TAG]: "bLUE" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 StringNotEqualsIgnoreCase with a different text",
    condition: { StringNotEqualsIgnoreCase: { [TAG]: "Blue" } },
    context: { [TAG]: "red" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 StringNotEqualsIgnoreCase on an absent key is true",
    condition: { StringNotEqualsIgnoreCase: { [TAG]: "blue" } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringLike * matches any run",
    condition: { StringLike: { "s3:prefix": "home/*" } },
    context: { "s3:prefix": "home/alice/docs" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringLike ? matches one character",
    condition: { StringLike: { "s3:prefix": "v?" } },
    context: { "s3:prefix": "v2" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringLike ? needs exactly one character",
    condition: { StringLike: { "s3:prefix": "v?" } },
    context: { "s3:prefix": "v10" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 StringLike is case-sensitive",
    condition: { StringLike: { "s3:prefix": "Home/*" } },
    context: { "s3:prefix": "home/x" },
    expect: false,
  },
  {
    rule: "IUG OPS StringLike: wildcards are needed for partial matches",
    condition: { StringLike: { "s3:prefix": "home" } },
    context: { "s3:prefix": "home/x" },
    expect: false,
  },
  {
    rule: "IUG OPS StringLike with an empty-string value matches an empty value (home-directory example)",
    condition: { StringLike: { "s3:prefix": ["", "home/"] } },
    context: { "s3:prefix": "" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 StringNotLike with a matching value",
    condition: { StringNotLike: { "s3:prefix": "tmp/*" } },
    context: { "s3:prefix": "tmp/x" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 StringNotLike with a value matching no pattern",
    condition: { StringNotLike: { "s3:prefix": ["tmp/*", "cache/*"] } },
    context: { "s3:prefix": "data/x" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 StringNotLike on an absent key is true",
    condition: { StringNotLike: { "s3:prefix": "tmp/*" } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 StringLike on an absent key is false",
    condition: { StringLike: { "s3:prefix": "*" } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 condition key names are case-insensitive",
    condition: { StringEquals: { "AWS:PRINCIPALTAG/TEAM": "blue" } },
    context: { "aws:principaltag/team": "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §1 a JSON number value compares as its text",
    condition: { StringEquals: { "s3:max-keys": 10 } },
    context: { "s3:max-keys": "10" },
    expect: true,
  },
];

const NUMERIC_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.2 NumericEquals",
    condition: { NumericEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "10" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericEquals compares numbers, not text (10.0 = 10)",
    condition: { NumericEquals: { "s3:max-keys": 10 } },
    context: { "s3:max-keys": "10.0" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericEquals with a different number",
    condition: { NumericEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "11" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 NumericEquals with several values (OR)",
    condition: { NumericEquals: { "s3:max-keys": [1, 2, 3] } },
    context: { "s3:max-keys": "2" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericNotEquals with an equal number",
    condition: { NumericNotEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "10" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.3 NumericNotEquals on an absent key is true",
    condition: { NumericNotEquals: { "s3:max-keys": "10" } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericLessThan 5 < 10",
    condition: { NumericLessThan: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "5" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericLessThan 10 < 10 is false",
    condition: { NumericLessThan: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "10" },
    expect: false,
  },
  {
    rule: "IUG OPS NumericLessThanEquals (s3:max-keys up to 10)",
    condition: { NumericLessThanEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "10" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericLessThanEquals 11 <= 10 is false",
    condition: { NumericLessThanEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "11" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 NumericGreaterThan 11 > 10",
    condition: { NumericGreaterThan: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "11" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericGreaterThan 10 > 10 is false",
    condition: { NumericGreaterThan: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "10" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 NumericGreaterThanEquals 10 >= 10",
    condition: { NumericGreaterThanEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "10" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NumericGreaterThanEquals 9 >= 10 is false",
    condition: { NumericGreaterThanEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "9" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 decimals compare numerically (1.5 < 2)",
    condition: { NumericLessThan: { "s3:max-keys": "2" } },
    context: { "s3:max-keys": "1.5" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 negative numbers",
    condition: { NumericGreaterThan: { "app:delta": "-3" } },
    context: { "app:delta": "-2" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Numeric: an unparsable request value is false",
    condition: { NumericLessThan: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "ten" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 Numeric: an unparsable request value is false, negated operators too (UNCONFIRMED choice)",
    condition: { NumericNotEquals: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "ten" },
    expect: false,
  },
];

const DATE_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.2 DateLessThan with ISO 8601",
    condition: { DateLessThan: { [NOW]: "2030-01-01T00:00:00Z" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 DateLessThan after the date is false",
    condition: { DateLessThan: { [NOW]: "2025-01-01T00:00:00Z" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 DateLessThan at the same instant is false",
    condition: { DateLessThan: { [NOW]: "2026-06-01T12:00:00Z" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 DateLessThanEquals at the same instant",
    condition: { DateLessThanEquals: { [NOW]: "2026-06-01T12:00:00Z" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: true,
  },
  {
    rule: "IUG OPS DateGreaterThan aws:TokenIssueTime example",
    condition: { DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" } },
    context: { "aws:TokenIssueTime": "2020-06-01T00:00:00Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 DateGreaterThan on an absent key is false (IUG OPS: TokenIssueTime absent for long-term keys)",
    condition: { DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 DateGreaterThanEquals",
    condition: { DateGreaterThanEquals: { [NOW]: "2026-06-01T12:00:00Z" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 DateEquals compares instants",
    condition: { DateEquals: { [NOW]: "2026-06-01T14:00:00+02:00" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 DateNotEquals with another instant",
    condition: { DateNotEquals: { [NOW]: "2026-06-01T12:00:00Z" } },
    context: { [NOW]: "2026-06-01T12:00:01Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 DateNotEquals on an absent key is true",
    condition: { DateNotEquals: { [NOW]: "2026-06-01T12:00:00Z" } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Date: epoch seconds in the policy against ISO in the request",
    condition: { DateLessThan: { [NOW]: "1893456000" } },
    context: { [NOW]: "2026-06-01T12:00:00Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Date: aws:EpochTime in the request against ISO in the policy",
    condition: { DateGreaterThan: { "aws:EpochTime": "2024-01-01T00:00:00Z" } },
    context: { "aws:EpochTime": "1780000000" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Date: a date-only value means midnight UTC",
    condition: { DateLessThan: { [NOW]: "2026-06-02" } },
    context: { [NOW]: "2026-06-01T23:59:59Z" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Date: an unparsable request value is false",
    condition: { DateLessThan: { [NOW]: "2030-01-01T00:00:00Z" } },
    context: { [NOW]: "tomorrow" },
    expect: false,
  },
];

const BOOL_BINARY_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.2 Bool true matches true",
    condition: { Bool: { "aws:SecureTransport": "true" } },
    context: { "aws:SecureTransport": "true" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Bool values are case-insensitive",
    condition: { Bool: { "aws:SecureTransport": "true" } },
    context: { "aws:SecureTransport": "TRUE" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 Bool false does not match true",
    condition: { Bool: { "aws:SecureTransport": "false" } },
    context: { "aws:SecureTransport": "true" },
    expect: false,
  },
  {
    rule: "iam-sts.md §1 a JSON boolean value is accepted",
    condition: { Bool: { "aws:MultiFactorAuthPresent": false } },
    context: { "aws:MultiFactorAuthPresent": "false" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 Bool on an absent key is false",
    condition: { Bool: { "aws:SecureTransport": "false" } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 Bool: a request value that is not a boolean is false",
    condition: { Bool: { "aws:SecureTransport": "true" } },
    context: { "aws:SecureTransport": "yes" },
    expect: false,
  },
  {
    rule: "IUG OPS BinaryEquals compares base64-decoded bytes",
    condition: { BinaryEquals: { "app:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } },
    context: { "app:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" },
    expect: true,
  },
  {
    rule: "IUG OPS BinaryEquals with other bytes",
    condition: { BinaryEquals: { "app:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } },
    context: { "app:blob": "AAEC" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.3 BinaryEquals on an absent key is false",
    condition: { BinaryEquals: { "app:blob": "AAEC" } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 BinaryEquals: a request value that is not base64 is false",
    condition: { BinaryEquals: { "app:blob": "AAEC" } },
    context: { "app:blob": "not base64!" },
    expect: false,
  },
];

const IP_CASES: readonly ConditionCase[] = [
  {
    rule: "IUG OPS IpAddress inside the block",
    condition: { IpAddress: { [IP]: "203.0.113.0/24" } },
    context: { [IP]: "203.0.113.77" },
    expect: true,
  },
  {
    rule: "IUG OPS IpAddress outside the block",
    condition: { IpAddress: { [IP]: "203.0.113.0/24" } },
    context: { [IP]: "198.51.100.7" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 a bare IPv4 address means /32",
    condition: { IpAddress: { [IP]: "203.0.113.7" } },
    context: { [IP]: "203.0.113.7" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 a bare IPv4 address does not match its neighbour",
    condition: { IpAddress: { [IP]: "203.0.113.7" } },
    context: { [IP]: "203.0.113.8" },
    expect: false,
  },
  {
    rule: "IUG OPS IPv6 block (2001:DB8:1234:5678::/64)",
    condition: { IpAddress: { [IP]: "2001:DB8:1234:5678::/64" } },
    context: { [IP]: "2001:db8:1234:5678:1::9" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 a bare IPv6 address means /128",
    condition: { IpAddress: { [IP]: "2001:db8::1" } },
    context: { [IP]: "2001:db8::2" },
    expect: false,
  },
  {
    rule: "IUG OPS IPv4 and IPv6 blocks mixed in one list (OR)",
    condition: { IpAddress: { [IP]: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"] } },
    context: { [IP]: "2001:db8:1234:5678::42" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NotIpAddress outside the block",
    condition: { NotIpAddress: { [IP]: "203.0.113.0/24" } },
    context: { [IP]: "198.51.100.7" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 NotIpAddress inside the block",
    condition: { NotIpAddress: { [IP]: "203.0.113.0/24" } },
    context: { [IP]: "203.0.113.1" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 NotIpAddress with several blocks: inside any → false (NOR)",
    condition: { NotIpAddress: { [IP]: ["10.0.0.0/8", "203.0.113.0/24"] } },
    context: { [IP]: "203.0.113.1" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.3 NotIpAddress on an absent key is true",
    condition: { NotIpAddress: { [IP]: "203.0.113.0/24" } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 an IPv4-mapped IPv6 request address matches its IPv4 block (UNCONFIRMED choice)",
    condition: { IpAddress: { [IP]: "203.0.113.0/24" } },
    context: { [IP]: "::ffff:203.0.113.9" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 IpAddress: a request value that is not an address is false",
    condition: { IpAddress: { [IP]: "0.0.0.0/0" } },
    context: { [IP]: "localhost" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 NotIpAddress: a request value that is not an address is false (UNCONFIRMED choice)",
    condition: { NotIpAddress: { [IP]: "10.0.0.0/8" } },
    context: { [IP]: "localhost" },
    expect: false,
  },
];

const ARN_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.2 ArnEquals exact",
    condition: { ArnEquals: { [ARN]: TA } },
    context: { [ARN]: TA },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 ArnEquals with another ARN",
    condition: { ArnEquals: { [ARN]: TA } },
    context: { [ARN]: `${TA}x` },
    expect: false,
  },
  {
    rule: "IUG OPS ArnEquals and ArnLike behave identically (wildcards in ArnEquals)",
    condition: { ArnEquals: { [ARN]: "arn:aws:rolesanywhere:*:111122223333:trust-anchor/*" } },
    context: { [ARN]: TA },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 ArnLike with wildcards per field",
    condition: { ArnLike: { [ARN]: "arn:aws:sns:*:111122223333:topic-?" } },
    context: { [ARN]: "arn:aws:sns:eu-west-1:111122223333:topic-a" },
    expect: true,
  },
  {
    rule: "IUG OPS ArnLike: * does not cross a colon between fields (StringLike would match)",
    condition: { ArnLike: { [ARN]: "arn:aws:someservice:*:111122223333:finance/*" } },
    context: {
      [ARN]: "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
    },
    expect: false,
  },
  {
    rule: "IUG OPS StringLike: the same pattern as a plain string crosses colons",
    condition: { StringLike: { [ARN]: "arn:aws:someservice:*:111122223333:finance/*" } },
    context: {
      [ARN]: "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
    },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 ArnLike: the resource field keeps its colons",
    condition: { ArnLike: { [ARN]: "arn:aws:logs:*:111122223333:log-group:/app/*" } },
    context: { [ARN]: "arn:aws:logs:eu-west-1:111122223333:log-group:/app/api:*" },
    expect: true,
  },
  {
    rule: "IUG OPS ARN matching is case-sensitive",
    condition: { ArnLike: { [ARN]: "arn:aws:sns:*:111122223333:Topic" } },
    context: { [ARN]: "arn:aws:sns:eu-west-1:111122223333:topic" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 ArnNotEquals with another ARN",
    condition: { ArnNotEquals: { [ARN]: TA } },
    context: { [ARN]: "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/TA2" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.2 ArnNotLike with a matching ARN",
    condition: { ArnNotLike: { [ARN]: "arn:aws:rolesanywhere:*:111122223333:*" } },
    context: { [ARN]: TA },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.3 ArnNotLike on an absent key is true",
    condition: { ArnNotLike: { [ARN]: TA } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.3 ArnLike on an absent key is false (IUG OPS: aws:SourceArn absent for direct calls)",
    condition: { ArnLike: { [ARN]: "arn:aws:*:*:*:*" } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 ArnLike: a request value that is not an ARN is false",
    condition: { ArnLike: { [ARN]: "arn:*:*:*:*:*" } },
    context: { [ARN]: "not-an-arn" },
    expect: false,
  },
  {
    rule: "IUG VARS ARN operators take policy variables",
    condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:user/${aws:username}" } },
    context: { "aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice", "aws:username": "alice" },
    expect: true,
  },
];

const NULL_CASES: readonly ConditionCase[] = [
  {
    rule: 'IUG OPS Null "true": the key is absent',
    condition: { Null: { "aws:TokenIssueTime": "true" } },
    context: {},
    expect: true,
  },
  {
    rule: 'IUG OPS Null "true" with the key present is false',
    condition: { Null: { "aws:TokenIssueTime": "true" } },
    context: { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" },
    expect: false,
  },
  {
    rule: 'iam-sts.md §2.2 Null "false": the key is present',
    condition: { Null: { [TAG]: "false" } },
    context: { [TAG]: "blue" },
    expect: true,
  },
  {
    rule: 'iam-sts.md §2.2 Null "false" with the key absent is false',
    condition: { Null: { [TAG]: false } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 Null: an empty set counts as absent (UNCONFIRMED choice)",
    condition: { Null: { "aws:TagKeys": "true" } },
    context: { "aws:TagKeys": [] },
    expect: true,
  },
];

/** Every operator that takes IfExists, with a value valid for it: …IfExists on an absent key is true. */
const IF_EXISTS_VALUES: readonly [operator: string, key: string, value: string][] = [
  ["StringEquals", TAG, "blue"],
  ["StringNotEquals", TAG, "blue"],
  ["StringEqualsIgnoreCase", TAG, "blue"],
  ["StringNotEqualsIgnoreCase", TAG, "blue"],
  ["StringLike", TAG, "b*"],
  ["StringNotLike", TAG, "b*"],
  ["NumericEquals", "s3:max-keys", "1"],
  ["NumericNotEquals", "s3:max-keys", "1"],
  ["NumericLessThan", "s3:max-keys", "1"],
  ["NumericLessThanEquals", "s3:max-keys", "1"],
  ["NumericGreaterThan", "s3:max-keys", "1"],
  ["NumericGreaterThanEquals", "s3:max-keys", "1"],
  ["DateEquals", NOW, "2026-01-01T00:00:00Z"],
  ["DateNotEquals", NOW, "2026-01-01T00:00:00Z"],
  ["DateLessThan", NOW, "2026-01-01T00:00:00Z"],
  ["DateLessThanEquals", NOW, "2026-01-01T00:00:00Z"],
  ["DateGreaterThan", NOW, "2026-01-01T00:00:00Z"],
  ["DateGreaterThanEquals", NOW, "2026-01-01T00:00:00Z"],
  ["Bool", "aws:SecureTransport", "true"],
  ["BinaryEquals", "app:blob", "AAEC"],
  ["IpAddress", IP, "10.0.0.0/8"],
  ["NotIpAddress", IP, "10.0.0.0/8"],
  ["ArnEquals", ARN, TA],
  ["ArnLike", ARN, TA],
  ["ArnNotEquals", ARN, TA],
  ["ArnNotLike", ARN, TA],
];

const IF_EXISTS_ABSENT: readonly ConditionCase[] = IF_EXISTS_VALUES.map(([op, key, value]) => ({
  rule: `iam-sts.md §2.2/§2.3 ${op}IfExists on an absent key is true (IUG OPS …IfExists)`,
  condition: { [`${op}IfExists`]: { [key]: value } },
  context: {},
  expect: true,
}));

const IF_EXISTS_PRESENT: readonly ConditionCase[] = [
  {
    rule: "IUG OPS …IfExists: a present key is evaluated normally (match)",
    condition: { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } },
    context: { "ec2:InstanceType": "t2.micro" },
    expect: true,
  },
  {
    rule: "IUG OPS …IfExists: a present key is evaluated normally (no match)",
    condition: { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } },
    context: { "ec2:InstanceType": "p4d.24xlarge" },
    expect: false,
  },
  {
    rule: "IUG OPS StringNotEqualsIfExists with a present, equal value is false",
    condition: { StringNotEqualsIfExists: { [TAG]: "blue" } },
    context: { [TAG]: "blue" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 NumericLessThanIfExists with a present, larger value is false",
    condition: { NumericLessThanIfExists: { "s3:max-keys": "10" } },
    context: { "s3:max-keys": "20" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 BoolIfExists with a present, different value is false",
    condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } },
    context: { "aws:MultiFactorAuthPresent": "false" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 IpAddressIfExists with a present address outside is false",
    condition: { IpAddressIfExists: { [IP]: "10.0.0.0/8" } },
    context: { [IP]: "192.0.2.1" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 ArnNotLikeIfExists with a present, matching ARN is false",
    condition: { ArnNotLikeIfExists: { [ARN]: "arn:aws:rolesanywhere:*:*:*" } },
    context: { [ARN]: TA },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2 DateGreaterThanIfExists with a present, later date is true",
    condition: { DateGreaterThanIfExists: { [NOW]: "2020-01-01T00:00:00Z" } },
    context: { [NOW]: "2026-01-01T00:00:00Z" },
    expect: true,
  },
];

const SET_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.4 ForAllValues: every request value is in the policy set",
    condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team", "cost"] } },
    context: { "aws:TagKeys": ["env", "team"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues: one request value outside the set → false (IUG MULTI PostDateTime/UserName table)",
    condition: {
      "ForAllValues:StringLike": { "dynamodb:requestedAttributes": ["PostDateTime", "Message", "Tags"] },
    },
    context: { "dynamodb:requestedAttributes": ["PostDateTime", "UserName"] },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues on an absent key is true",
    condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues on an empty set is true (IUG MULTI note)",
    condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } },
    context: { "aws:TagKeys": [] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue: one request value in the set (IUG MULTI Deny PutItem example)",
    condition: { "ForAnyValue:StringLike": { "dynamodb:requestedAttributes": ["ID", "PostDateTime"] } },
    context: { "dynamodb:requestedAttributes": ["UserName", "Message", "PostDateTime"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue: no request value in the set → false",
    condition: { "ForAnyValue:StringLike": { "dynamodb:requestedAttributes": ["ID", "PostDateTime"] } },
    context: { "dynamodb:requestedAttributes": ["UserName"] },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue on an absent key is false",
    condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue on an empty set is false",
    condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } },
    context: { "aws:TagKeys": [] },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:StringNotEquals: no request value equals a policy value",
    condition: { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["owner", "admin"] } },
    context: { "aws:TagKeys": ["env", "team"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:StringNotEquals: one request value equals a policy value → false",
    condition: { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["owner", "admin"] } },
    context: { "aws:TagKeys": ["env", "admin"] },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue:StringNotEquals: some request value differs from all policy values",
    condition: { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env", "team"] } },
    context: { "aws:TagKeys": ["env", "cost"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue:StringNotEquals: every request value is a policy value → false",
    condition: { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env", "team"] } },
    context: { "aws:TagKeys": ["team", "env"] },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:StringNotLike with patterns",
    condition: { "ForAllValues:StringNotLike": { "aws:TagKeys": ["aws:*", "internal-*"] } },
    context: { "aws:TagKeys": ["env", "team"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:StringNotEquals on an absent key is true",
    condition: { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["admin"] } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue:StringNotEquals on an absent key is false",
    condition: { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["admin"] } },
    context: {},
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 a set operator on a single value treats it as a one-element set",
    condition: { "ForAnyValue:StringEquals": { [TAG]: ["red", "blue"] } },
    context: { [TAG]: "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues on a single value outside the set is false",
    condition: { "ForAllValues:StringEquals": { [TAG]: ["red"] } },
    context: { [TAG]: "blue" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.2/§2.4 ForAnyValue:…IfExists on an absent key is true",
    condition: { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": ["env"] } },
    context: {},
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:StringEqualsIgnoreCase",
    condition: { "ForAllValues:StringEqualsIgnoreCase": { "aws:TagKeys": ["ENV", "TEAM"] } },
    context: { "aws:TagKeys": ["env", "Team"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue:NumericLessThan",
    condition: { "ForAnyValue:NumericLessThan": { "app:sizes": "10" } },
    context: { "app:sizes": ["50", "5"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:NumericLessThan with one value too large",
    condition: { "ForAllValues:NumericLessThan": { "app:sizes": "10" } },
    context: { "app:sizes": ["50", "5"] },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.4 ForAllValues:ArnLike over a list of ARNs",
    condition: { "ForAllValues:ArnLike": { "app:targets": "arn:aws:sqs:*:111122223333:app-*" } },
    context: {
      "app:targets": ["arn:aws:sqs:eu-west-1:111122223333:app-a", "arn:aws:sqs:us-east-1:111122223333:app-b"],
    },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 ForAnyValue:IpAddress over several addresses",
    condition: { "ForAnyValue:IpAddress": { "app:hops": "10.0.0.0/8" } },
    context: { "app:hops": ["192.0.2.1", "10.1.2.3"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 plain operator on a multivalued key behaves as ForAnyValue (UNCONFIRMED choice)",
    condition: { StringEquals: { "aws:TagKeys": "env" } },
    context: { "aws:TagKeys": ["team", "env"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 plain negated operator on a multivalued key behaves as ForAnyValue (UNCONFIRMED choice)",
    condition: { StringNotEquals: { "aws:TagKeys": "env" } },
    context: { "aws:TagKeys": ["env", "team"] },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.4 a one-element array is a single value",
    condition: { StringEquals: { [TAG]: "blue" } },
    context: { [TAG]: ["blue"] },
    expect: true,
  },
];

const COMBINATION_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §2.1 operator blocks are AND-ed: both true",
    condition: { StringEquals: { [TAG]: "blue" }, IpAddress: { [IP]: "10.0.0.0/8" } },
    context: { [TAG]: "blue", [IP]: "10.1.1.1" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.1 operator blocks are AND-ed: one false",
    condition: { StringEquals: { [TAG]: "blue" }, IpAddress: { [IP]: "10.0.0.0/8" } },
    context: { [TAG]: "blue", [IP]: "192.0.2.1" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 keys within one operator are AND-ed: both true",
    condition: { StringEquals: { [TAG]: "blue", "aws:RequestedRegion": "eu-west-1" } },
    context: { [TAG]: "blue", "aws:RequestedRegion": "eu-west-1" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.1 keys within one operator are AND-ed: one false",
    condition: { StringEquals: { [TAG]: "blue", "aws:RequestedRegion": "eu-west-1" } },
    context: { [TAG]: "blue", "aws:RequestedRegion": "us-east-1" },
    expect: false,
  },
  {
    rule: "iam-sts.md §2.1 a positive and a negated operator on the same key",
    condition: { StringLike: { [TAG]: "b*" }, StringNotEquals: { [TAG]: "black" } },
    context: { [TAG]: "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §2.1 an empty Condition object imposes nothing",
    condition: {},
    context: {},
    expect: true,
  },
];

const VARIABLE_CASES: readonly ConditionCase[] = [
  {
    rule: "iam-sts.md §1.2 a variable in a StringEquals value",
    condition: { StringEquals: { "s3:prefix": "${aws:username}" } },
    context: { "s3:prefix": "alice", "aws:username": "alice" },
    expect: true,
  },
  {
    rule: "IUG VARS StringLike with a variable (home directory)",
    condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } },
    context: { "s3:prefix": "home/alice/notes", "aws:username": "alice" },
    expect: true,
  },
  {
    rule: "IUG VARS StringLike with a variable for another user",
    condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } },
    context: { "s3:prefix": "home/bob/notes", "aws:username": "alice" },
    expect: false,
  },
  {
    rule: "iam-sts.md §1.2 PrincipalTag as a variable",
    condition: { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } },
    context: { "aws:ResourceTag/team": "blue", [TAG]: "blue" },
    expect: true,
  },
  {
    rule: "iam-sts.md §1.2 variable key names are case-insensitive",
    condition: { StringEquals: { "s3:prefix": "${AWS:UserName}" } },
    context: { "s3:prefix": "alice", "aws:username": "alice" },
    expect: true,
  },
  {
    rule: "iam-sts.md §1.2 an unresolvable variable cannot match (positive operator)",
    condition: { StringEquals: { "s3:prefix": "${aws:username}" } },
    context: { "s3:prefix": "alice" },
    expect: false,
  },
  {
    rule: "iam-sts.md §1.2 an unresolvable variable makes a negated condition false (statement does not apply; UNCONFIRMED)",
    condition: { StringNotEquals: { "s3:prefix": "${aws:username}" } },
    context: { "s3:prefix": "alice" },
    expect: false,
  },
  {
    rule: "iam-sts.md §1.2 / IUG VARS default value when the key is absent",
    condition: { StringEquals: { "s3:prefix": "${aws:userid, 'anonymous'}" } },
    context: { "s3:prefix": "anonymous" },
    expect: true,
  },
  {
    rule: "iam-sts.md §1.2 the default is not used when the key is present",
    condition: { StringEquals: { "s3:prefix": "${aws:userid, 'anonymous'}" } },
    context: { "s3:prefix": "anonymous", "aws:userid": "AROAEXAMPLE:s1" },
    expect: false,
  },
  {
    rule: "iam-sts.md §1.2 ${*} is a literal asterisk in StringLike",
    condition: { StringLike: { "s3:prefix": "a${*}" } },
    context: { "s3:prefix": "a*" },
    expect: true,
  },
  {
    rule: "iam-sts.md §1.2 ${*} does not act as a wildcard",
    condition: { StringLike: { "s3:prefix": "a${*}" } },
    context: { "s3:prefix": "abc" },
    expect: false,
  },
  {
    rule: "iam-sts.md §1.2 ${?} and ${$} are literal characters",
    condition: { StringEquals: { "s3:prefix": "${?}${$}" } },
    context: { "s3:prefix": "?$" },
    expect: true,
  },
  {
    rule: "iam-sts.md §1.2 a multivalued key cannot be a variable",
    condition: { StringEquals: { "s3:prefix": "${aws:TagKeys}" } },
    context: { "s3:prefix": "env", "aws:TagKeys": ["env", "team"] },
    expect: false,
  },
  {
    rule: "iam-sts.md §1.2 without a Version, variables are literal text (matches the literal)",
    condition: { StringEquals: { "s3:prefix": "${aws:username}" } },
    context: { "s3:prefix": "${aws:username}", "aws:username": "alice" },
    expect: true,
    version: null,
  },
  {
    rule: "iam-sts.md §1.2 without a Version, variables are literal text (not substituted)",
    condition: { StringEquals: { "s3:prefix": "${aws:username}" } },
    context: { "s3:prefix": "alice", "aws:username": "alice" },
    expect: false,
    version: null,
  },
  {
    rule: "iam-sts.md §1.2 with Version 2008-10-17, variables are literal text",
    condition: { StringLike: { "s3:prefix": "${aws:username}/*" } },
    context: { "s3:prefix": "alice/x", "aws:username": "alice" },
    expect: false,
    version: "2008-10-17",
  },
  {
    rule: "iam-sts.md §1.2 variables in StringEqualsIgnoreCase values",
    condition: { StringEqualsIgnoreCase: { "s3:prefix": "${aws:username}" } },
    context: { "s3:prefix": "ALICE", "aws:username": "alice" },
    expect: true,
  },
  {
    rule: "IUG OPS Bool takes policy variables",
    condition: { Bool: { "aws:SecureTransport": "${app:expected}" } },
    context: { "aws:SecureTransport": "true", "app:expected": "true" },
    expect: true,
  },
];

/** All condition cases. */
export const CONDITION_CASES: readonly ConditionCase[] = [
  ...STRING_CASES,
  ...NUMERIC_CASES,
  ...DATE_CASES,
  ...BOOL_BINARY_CASES,
  ...IP_CASES,
  ...ARN_CASES,
  ...NULL_CASES,
  ...IF_EXISTS_ABSENT,
  ...IF_EXISTS_PRESENT,
  ...SET_CASES,
  ...COMBINATION_CASES,
  ...VARIABLE_CASES,
];
