import assert from "node:assert/strict";
import { test } from "node:test";
import { formatPresignedQuery, isPresigned, parsePresignedQuery } from "./presigned-query.js";

const SIG = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
const PARAMS: Array<[string, string]> = [
  ["Action", "GetCallerIdentity"],
  ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
  ["X-Amz-Credential", "AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request"],
  ["X-Amz-Date", "20150830T123600Z"],
  ["X-Amz-Expires", "900"],
  ["X-Amz-Security-Token", "tok"],
  ["X-Amz-SignedHeaders", "host"],
  ["X-Amz-Signature", SIG],
];

test("presigned parameters round-trip", () => {
  const info = parsePresignedQuery(PARAMS);
  assert.deepEqual(info, {
    credential: { accessKeyId: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "sts" },
    signedHeaders: ["host"],
    signature: SIG,
    signedAt: new Date("2015-08-30T12:36:00Z"),
    expiresSeconds: 900,
    sessionToken: "tok",
  });
  assert.deepEqual(formatPresignedQuery(info), PARAMS.slice(1));
  assert.deepEqual(parsePresignedQuery(formatPresignedQuery(info)), info);
});

test("isPresigned looks for the signature parameters only", () => {
  assert.equal(isPresigned(PARAMS), true);
  assert.equal(isPresigned([["X-Amz-Signature", "x"]]), true);
  assert.equal(
    isPresigned([
      ["Action", "ListRoles"],
      ["X-Amz-Date", "20150830T123600Z"],
    ]),
    false,
  );
});

const without = (name: string) => PARAMS.filter(([n]) => n !== name);
const replacing = (name: string, value: string) =>
  PARAMS.map(([n, v]): [string, string] => [n, n === name ? value : v]);

const BAD: ReadonlyArray<readonly [string, Array<[string, string]>, RegExp]> = [
  ["no X-Amz-Credential", without("X-Amz-Credential"), /missing: X-Amz-Credential\.$/],
  [
    "no X-Amz-Expires nor X-Amz-Date",
    without("X-Amz-Expires").filter(([n]) => n !== "X-Amz-Date"),
    /missing: X-Amz-Date, X-Amz-Expires\.$/,
  ],
  ["duplicate X-Amz-Date", [...PARAMS, ["X-Amz-Date", "20150830T123600Z"]], /'X-Amz-Date' twice/],
  [
    "another algorithm",
    replacing("X-Amz-Algorithm", "AWS4-ECDSA-P256-SHA256"),
    /only supports 'AWS4-HMAC-SHA256'/,
  ],
  ["bad date", replacing("X-Amz-Date", "2015-08-30T12:36:00Z"), /ISO 8601 basic format/],
  ["expires 0", replacing("X-Amz-Expires", "0"), /from 1 to 604800, not '0'/],
  ["expires over a week", replacing("X-Amz-Expires", "604801"), /not '604801'/],
  ["expires not a number", replacing("X-Amz-Expires", "1e3"), /not '1e3'/],
  [
    "token too long",
    replacing("X-Amz-Security-Token", "t".repeat(8193)),
    /8193 characters long; the limit is 8192/,
  ],
  ["bad signed headers", replacing("X-Amz-SignedHeaders", "Host"), /lower-case header names/],
  ["bad signature", replacing("X-Amz-Signature", "zz"), /64 hexadecimal/],
];

test("malformed presigned parameters are IncompleteSignature", (t) => {
  t.plan(BAD.length);
  for (const [name, query, message] of BAD)
    t.assert.throws(() => parsePresignedQuery(query), { code: "IncompleteSignature", message }, name);
});
