import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { X509CertificateCache } from "@anchorage/sigv4-x509";
import { readRequest } from "./read-request.js";
import { CreateSessionRefusal } from "./refusal.js";
import { verifySignature } from "./verify-signature.js";

const SIGNED_AT = new Date("2026-01-15T12:00:00Z");
const request = (
  JSON.parse(
    readFileSync(new URL("../../../../../test/fixtures/createsession/vectors.json", import.meta.url), "utf8"),
  ) as {
    cases: { id: string; requests: { url: string; rawHeaders: [string, string][]; bodyUtf8: string }[] }[];
  }
).cases.find((c) => c.id === "ec-p256-with-intermediate")?.requests[0];
assert.ok(request !== undefined);
const parsed = readRequest(
  {
    method: "POST",
    rawUrl: request.url,
    rawHeaders: request.rawHeaders.flat(),
    body: Buffer.from(request.bodyUtf8),
  },
  new X509CertificateCache(),
);

// [name, now, region, max skew, expected code or "ok"]
const rows: [string, Date, string, number | undefined, string][] = [
  ["at its time, in its region", SIGNED_AT, "us-east-1", undefined, "ok"],
  ["4 minutes later", new Date(SIGNED_AT.getTime() + 240_000), "us-east-1", undefined, "ok"],
  [
    "6 minutes later",
    new Date(SIGNED_AT.getTime() + 360_000),
    "us-east-1",
    undefined,
    "RequestTimeTooSkewed",
  ],
  [
    "6 minutes later with a 10-minute window",
    new Date(SIGNED_AT.getTime() + 360_000),
    "us-east-1",
    600_000,
    "ok",
  ],
  ["a server of another region", SIGNED_AT, "eu-west-1", undefined, "WrongRegion"],
];

test("the signature, the region and the clock-skew window", () => {
  for (const [name, now, region, maxClockSkewMs, expected] of rows) {
    try {
      const verified = verifySignature(parsed, {
        now,
        region,
        ...(maxClockSkewMs === undefined ? {} : { maxClockSkewMs }),
      });
      assert.equal(expected, "ok", name);
      assert.deepEqual(
        [verified.keyType, verified.curve, verified.signatureEncoding],
        ["ec", "P-256", "der"],
        name,
      );
    } catch (error) {
      assert.ok(error instanceof CreateSessionRefusal, name);
      assert.deepEqual([error.code, error.step], [expected, "signature"], name);
    }
  }
  assert.equal(rows.length, 5);
});
