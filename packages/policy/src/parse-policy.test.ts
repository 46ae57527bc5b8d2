import assert from "node:assert/strict";
import { test } from "node:test";
import { MalformedPolicyError, type FindingCode } from "./findings.js";
import { formatPolicy, parsePolicy, validatePolicy } from "./parse-policy.js";

const V = "2012-10-17";
const text = (doc: object) => JSON.stringify(doc, null, 2);

test("a compiled policy describes itself and is immutable", () => {
  const src = text({
    Version: V,
    Id: "P1",
    Statement: [
      {
        Sid: "Read",
        Effect: "Allow",
        Action: "s3:Get*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/Team": "a" } },
      },
      {
        Effect: "Deny",
        Action: "s3:*",
        Resource: "*",
        Condition: { Bool: { "AWS:PrincipalTag/team": "false", "aws:SecureTransport": "false" } },
      },
    ],
  });
  const p = parsePolicy(src, "identity", { name: "MyPolicy" });
  assert.equal(p.name, "MyPolicy");
  assert.equal(p.kind, "identity");
  assert.equal(p.version, V);
  assert.equal(p.versionStated, true);
  assert.equal(p.id, "P1");
  assert.equal(p.text, src);
  assert.deepEqual(p.conditionKeys, ["aws:PrincipalTag/Team", "aws:SecureTransport"]);
  assert.deepEqual(
    p.statements.map((s) => [s.index, s.sid, s.effect, s.start.line]),
    [
      [0, "Read", "Allow", 5],
      [1, undefined, "Deny", 16],
    ],
  );
  assert.ok(Object.isFrozen(p) && Object.isFrozen(p.statements) && Object.isFrozen(p.statements[0]));
  assert.equal(parsePolicy(src, "identity").name, "identity policy");
});

test("formatPolicy is compact and parses back to an equivalent policy", () => {
  const src =
    '{\n "Version" : "2012-10-17",\n "Statement" : { "Effect":"Allow", "Action":["s3:GetObject"], "Resource":"*", "Condition":{"NumericLessThan":{"s3:max-keys":10.50}}}\n}';
  const p = parsePolicy(src, "identity");
  const compact = formatPolicy(p);
  assert.equal(
    compact,
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10.50}}}}',
  );
  const again = parsePolicy(compact, "identity");
  assert.equal(formatPolicy(again), compact);
  assert.deepEqual(
    again.statements.map((s) => [s.index, s.effect]),
    p.statements.map((s) => [s.index, s.effect]),
  );
});

test("validatePolicy returns every error, and parsePolicy's message counts the rest", () => {
  const src = text({
    Version: V,
    Statement: [
      { Effect: "allow", Action: "s3GetObject", Resource: "bucket" },
      { Sid: "x-y", Effect: "Allow", Action: "s3:*", Resource: "*", Principal: "*" },
    ],
  });
  const v = validatePolicy(src, "identity");
  assert.equal(v.valid, false);
  assert.deepEqual(
    v.errors.map((e) => [e.code, e.statement, e.path]),
    [
      ["InvalidEffect", 0, "Statement[0].Effect"],
      ["InvalidAction", 0, "Statement[0].Action"],
      ["InvalidResource", 0, "Statement[0].Resource"],
      ["InvalidSid", 1, "Statement[1].Sid"],
      ["PrincipalNotAllowed", 1, "Statement[1].Principal"],
    ],
  );
  assert.throws(() => parsePolicy(src, "identity"), {
    name: "MalformedPolicyError",
    message:
      /^Statement\[0\]: Effect must be "Allow" or "Deny", got "allow" \(line 5, column 17\) \[and 4 more errors\]$/,
  });
  const e = (() => {
    try {
      parsePolicy(src, "identity");
    } catch (err) {
      return err;
    }
    return undefined;
  })();
  assert.ok(e instanceof MalformedPolicyError);
  assert.equal(e.findings.length, 5);
  assert.deepEqual(e.findings[0]?.position, { line: 5, column: 17 });
});

const WARNINGS: readonly [
  name: string,
  doc: object,
  kind: "identity" | "resource",
  code: FindingCode,
  message: RegExp,
][] = [
  [
    "no Version",
    { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
    "identity",
    "MissingVersion",
    /Version is missing, so the policy is read as "2008-10-17"/,
  ],
  [
    "variables without Version are literal",
    { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}/*" }] },
    "identity",
    "LiteralPolicyVariable",
    /uses \$\{…\} but its Version is absent, so policy variables are treated as literal text/,
  ],
  [
    "variables with 2008-10-17 are literal",
    {
      Version: "2008-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}/*" }],
    },
    "identity",
    "LiteralPolicyVariable",
    /Version is "2008-10-17"/,
  ],
  [
    "Allow with NotAction",
    { Version: V, Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] },
    "identity",
    "AllowWithNotAction",
    /^Statement\[0\]: Allow with NotAction allows every action except those listed/,
  ],
  [
    "Allow with NotResource",
    { Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::x" }] },
    "identity",
    "AllowWithNotResource",
    /Allow with NotResource/,
  ],
  [
    "Allow with NotPrincipal",
    {
      Version: V,
      Statement: [{ Effect: "Allow", NotPrincipal: { AWS: "111122223333" }, Action: "s3:*", Resource: "*" }],
    },
    "resource",
    "AllowWithNotPrincipal",
    /including anonymous requesters/,
  ],
  [
    "Deny with NotPrincipal without the account",
    {
      Version: V,
      Statement: [
        {
          Effect: "Deny",
          NotPrincipal: { AWS: "arn:aws:iam::111122223333:user/Bob" },
          Action: "s3:*",
          Resource: "*",
        },
      ],
    },
    "resource",
    "DenyNotPrincipalWithoutAccount",
    /should also list the account/,
  ],
  [
    "ForAllValues with Allow",
    {
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:*",
          Resource: "*",
          Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
        },
      ],
    },
    "identity",
    "ForAllValuesWithAllow",
    /is also true when the key is absent or empty/,
  ],
  [
    "multivalued key without a set operator",
    {
      Version: V,
      Statement: [
        {
          Effect: "Deny",
          Action: "s3:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:TagKeys": "a" } },
        },
      ],
    },
    "identity",
    "MultivaluedKeyWithoutSetOperator",
    /"aws:TagKeys" is multivalued; qualify StringEquals with ForAllValues: or ForAnyValue:/,
  ],
  [
    "set operator on a single-valued key",
    {
      Version: V,
      Statement: [
        {
          Effect: "Deny",
          Action: "s3:*",
          Resource: "*",
          Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalTag/team": "a" } },
        },
      ],
    },
    "identity",
    "SetOperatorOnSingleValuedKey",
    /is single-valued; ForAnyValue: can make the condition overly permissive — use StringEquals/,
  ],
  [
    "empty Condition",
    { Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: {} }] },
    "identity",
    "EmptyCondition",
    /Condition is empty/,
  ],
];

test("warnings: generic advice, the policy stays valid", () => {
  assert.equal(WARNINGS.length, 11);
  for (const [name, doc, kind, code, message] of WARNINGS) {
    const v = validatePolicy(JSON.stringify(doc), kind);
    assert.equal(v.valid, true, name);
    const w = v.warnings.find((f) => f.code === code);
    assert.ok(w, `${name}: ${v.warnings.map((f) => f.code).join(",")}`);
    assert.equal(w.severity, "warning");
    assert.match(w.message, message, name);
    assert.deepEqual(v.policy?.warnings, v.warnings);
  }
});

test("a clean policy has no findings", () => {
  const v = validatePolicy(
    JSON.stringify({
      Version: V,
      Statement: [{ Sid: "A1", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
    }),
    "identity",
  );
  assert.deepEqual([v.valid, v.errors, v.warnings], [true, [], []]);
});

test("limits are parameters: an inline role policy may use the 10,240 quota", () => {
  const big = JSON.stringify({
    Version: V,
    Statement: [
      { Effect: "Allow", Action: Array.from({ length: 800 }, (_, i) => `s3:A${i}`), Resource: "*" },
    ],
  });
  assert.throws(() => parsePolicy(big, "identity"), {
    name: "MalformedPolicyError",
    message: /PolicySize: 6144/,
  });
  assert.equal(parsePolicy(big, "identity", { limits: { maxSize: 10240 } }).statements.length, 1);
});

test("resource policies accept any Sid text by default (UNCONFIRMED); identity policies do not", () => {
  const doc = (kind: "resource" | "identity") =>
    JSON.stringify({
      Version: V,
      Statement: [
        {
          Sid: "Allow read-only",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::b/*",
          ...(kind === "resource" ? { Principal: "*" } : {}),
        },
      ],
    });
  assert.equal(validatePolicy(doc("resource"), "resource").valid, true);
  assert.equal(validatePolicy(doc("identity"), "identity").valid, false);
});

test("shortened ARNs ending in a wildcard are accepted as resources (UNCONFIRMED)", () => {
  const v = validatePolicy(
    JSON.stringify({
      Version: V,
      Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "arn:aws:logs:*" }],
    }),
    "identity",
  );
  assert.equal(v.valid, true);
});
