import assert from "node:assert/strict";
import { test } from "node:test";
import { compileActions, matchAction, serviceOf } from "./action-index.js";

const matches = (patterns: string[], action: string): boolean => {
  const lower = action.toLowerCase();
  return matchAction(compileActions(patterns), serviceOf(lower), lower);
};

// iam-sts.md §1.1: case-insensitive; `*` and `?` anywhere in the action name; "*" alone = all actions.
const CASES: readonly [patterns: string[], action: string, expected: boolean][] = [
  [["*"], "ec2:RunInstances", true],
  [["s3:GetObject"], "S3:GETOBJECT", true],
  [["S3:GETOBJECT"], "s3:getobject", true],
  [["s3:Get*"], "s3:GetObjectAcl", true],
  [["s3:Get*"], "s3:PutObject", false],
  [["s3:*"], "s3express:CreateSession", false],
  [["s3:Get?bject"], "s3:GetObject", true],
  [["iam:*AccessKey*"], "iam:ListAccessKeys", true],
  [["sqs:SendMessage", "s3:ListBucket"], "s3:GetObject", false],
  [["sqs:SendMessage", "s3:ListBucket"], "s3:ListBucket", true],
  [["s3:GetObject"], "GetObject", false],
  [["*"], "GetObject", true],
];

test("action patterns match by service, exactly or by wildcard", () => {
  assert.equal(CASES.length, 12);
  for (const [patterns, action, expected] of CASES)
    assert.equal(matches(patterns, action), expected, `${patterns.join(",")} vs ${action}`);
});

test("a large list touches only its service", () => {
  const patterns = Array.from({ length: 2000 }, (_, i) => `svc${i}:Describe*`);
  const m = compileActions(patterns);
  assert.equal(m.byService.size, 2000);
  assert.equal(matchAction(m, "svc1999", "svc1999:describethings"), true);
  assert.equal(matchAction(m, "svc5", "svc5:deletethings"), false);
});
