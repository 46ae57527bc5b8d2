import assert from "node:assert/strict";
import { test } from "node:test";
import { iamEndpoint, isAwsHost } from "./endpoints.js";

const cases: [string, string, string, string | undefined, string, string][] = [
  ["http://127.0.0.1:7911", "us-east-1", "aws", undefined, "http://127.0.0.1:7911/", "us-east-1"],
  ["https://anchorage.internal", "eu-west-1", "aws", undefined, "https://anchorage.internal/", "eu-west-1"],
  [
    "https://rolesanywhere.eu-west-1.amazonaws.com",
    "eu-west-1",
    "aws",
    undefined,
    "https://iam.amazonaws.com/",
    "us-east-1",
  ],
  [
    "https://rolesanywhere.cn-north-1.amazonaws.com.cn",
    "cn-north-1",
    "aws-cn",
    undefined,
    "https://iam.cn-north-1.amazonaws.com.cn/",
    "cn-north-1",
  ],
  [
    "https://rolesanywhere.us-gov-west-1.amazonaws.com",
    "us-gov-west-1",
    "aws-us-gov",
    undefined,
    "https://iam.us-gov.amazonaws.com/",
    "us-gov-west-1",
  ],
  [
    "https://rolesanywhere.eu-west-1.amazonaws.com",
    "eu-west-1",
    "aws",
    "https://iam.fips.amazonaws.com",
    "https://iam.fips.amazonaws.com/",
    "us-east-1",
  ],
  [
    "http://127.0.0.1:7911",
    "us-east-1",
    "aws",
    "http://127.0.0.1:9000",
    "http://127.0.0.1:9000/",
    "us-east-1",
  ],
];

test("IAM's endpoint and signing region follow the Roles Anywhere endpoint", () => {
  assert.equal(cases.length, 7);
  for (const [ra, region, partition, override, url, signing] of cases) {
    const got = iamEndpoint(
      new URL(ra),
      region,
      partition,
      override === undefined ? undefined : new URL(override),
    );
    assert.deepEqual([got.url.href, got.region], [url, signing], ra);
  }
});

test("AWS hosts are recognised by their domain, not by a substring", () => {
  assert.deepEqual(
    [
      "https://iam.amazonaws.com",
      "https://x.api.aws",
      "https://amazonaws.com.evil.example",
      "http://localhost",
    ].map((u) => isAwsHost(new URL(u))),
    [true, true, false, false],
  );
});
