import assert from "node:assert/strict";
import { test } from "node:test";
import {
  formatCredential,
  formatCredentialScope,
  parseCredential,
  parseCredentialScope,
} from "./credential-scope.js";
import { expectX509Error, type Rejection } from "./expect-error.fixture.js";

const SCOPE = { date: "20260115", region: "us-east-1", service: "rolesanywhere" };

test("credential scope round-trips", () => {
  assert.equal(formatCredentialScope(SCOPE), "20260115/us-east-1/rolesanywhere/aws4_request");
  assert.deepEqual(parseCredentialScope(formatCredentialScope(SCOPE)), SCOPE);
});

test("Credential round-trips, big serials included", () => {
  const credential = { id: "525452525453412685876607641946733580990149624323", scope: SCOPE };
  const text = formatCredential(credential);
  assert.equal(
    text,
    "525452525453412685876607641946733580990149624323/20260115/us-east-1/rolesanywhere/aws4_request",
  );
  assert.deepEqual(parseCredential(text), credential);
});

const rejections: Rejection[] = [
  [
    "no id",
    () => parseCredential("/20260115/us-east-1/rolesanywhere/aws4_request"),
    "MalformedCredential",
    /must be <serial>\/YYYYMMDD/,
  ],
  [
    "five scope parts",
    () => parseCredential("1/20260115/us-east-1/x/rolesanywhere/aws4_request"),
    "MalformedCredential",
    /must have 4 parts .* got 5/,
  ],
  [
    "a bad terminator",
    () => parseCredentialScope("20260115/us-east-1/rolesanywhere/aws5_request"),
    "MalformedCredential",
    /must end with \/aws4_request; got "aws5_request"/,
  ],
  [
    "a short date",
    () => parseCredentialScope("2026011/us-east-1/rolesanywhere/aws4_request"),
    "MalformedCredential",
    /scope date "2026011" is not YYYYMMDD/,
  ],
  [
    "an upper-case region",
    () => parseCredentialScope("20260115/US-EAST-1/rolesanywhere/aws4_request"),
    "MalformedCredential",
    /region "US-EAST-1" is not a region name/,
  ],
  [
    "an empty service",
    () => parseCredentialScope("20260115/us-east-1//aws4_request"),
    "MalformedCredential",
    /service "" is not a service name/,
  ],
  [
    "formatting an empty region",
    () => formatCredentialScope({ ...SCOPE, region: "" }),
    "InvalidParameter",
    /cannot sign: the region "" is not a region name/,
  ],
  [
    "formatting an id with '/'",
    () => formatCredential({ id: "a/b", scope: SCOPE }),
    "InvalidParameter",
    /credential id "a\/b" is empty or has '\/'/,
  ],
];

test("8 credential rejections", () => assert.equal(rejections.length, 8));
for (const [name, run, code, message] of rejections) {
  test(`credential scope rejects ${name}`, () => {
    expectX509Error(run, code, message);
  });
}
