import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { accountId, awsId, resourceUuid, secretAccessKey } from "./ids.js";

const zeros = (n: number) => Buffer.alloc(n);

test("access key and unique ids are the prefix and 16 base32 characters", () => {
  for (const prefix of ["AKIA", "ASIA", "AROA", "AIDA", "ANPA"] as const) {
    assert.match(awsId(prefix, randomBytes), new RegExp(`^${prefix}[A-Z2-7]{16}$`));
  }
  assert.equal(awsId("AKIA", zeros), "AKIAAAAAAAAAAAAAAAAA");
});

test("secret access keys are 40 characters of the base64 alphabet", () => {
  assert.match(secretAccessKey(randomBytes), /^[A-Za-z0-9+/]{40}$/);
  assert.notEqual(secretAccessKey(randomBytes), secretAccessKey(randomBytes));
});

test("account ids have 12 digits and never start with 0", () => {
  assert.equal(accountId(zeros), "100000000000");
  for (let i = 0; i < 50; i++) assert.match(accountId(randomBytes), /^[1-9]\d{11}$/);
});

test("resource ids are lower-case v4 UUIDs, the pattern of the Roles Anywhere model", () => {
  assert.match(resourceUuid(randomBytes), /^[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}$/);
});
