import assert from "node:assert/strict";
import { test } from "node:test";
import { MalformedPolicyError, parsePolicy } from "@anchorage/policy";
import { QueryRequestError, UnknownOperationError } from "./protocol/index.js";
import {
  StoreConflictError,
  StoreLimitError,
  StoreNotFoundError,
  StoreUnavailableError,
} from "./store/errors.js";
import { translateError } from "./translate-error.js";

function malformedPolicy(): MalformedPolicyError {
  try {
    parsePolicy(
      '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}',
      "identity",
    );
  } catch (error) {
    if (error instanceof MalformedPolicyError) return error;
    throw error;
  }
  throw new Error("the policy parsed");
}

const cases: [string, unknown, string | undefined][] = [
  ["store not found", new StoreNotFoundError("role", "x"), "NotFound"],
  ["store exists", new StoreConflictError("role", "x", "exists", "role x exists"), "EntityAlreadyExists"],
  ["store in use", new StoreConflictError("role", "x", "in-use", "role x has policies"), "DeleteConflict"],
  ["store busy", new StoreConflictError("role", "x", "busy", "deadlock"), "Throttling"],
  ["store limit", new StoreLimitError("tag", "arn", 50, "too many tags"), "LimitExceeded"],
  ["store down", new StoreUnavailableError("connection refused"), "ServiceUnavailable"],
  ["unknown operation", new UnknownOperationError("GET", "/nope", []), "UnknownOperation"],
  ["malformed policy", malformedPolicy(), "MalformedPolicyDocument"],
  ["anything else", new TypeError("bug"), undefined],
];

test("lower-layer errors map onto the error table (and unknown ones stay 500s)", () => {
  assert.equal(cases.length, 9);
  for (const [name, error, code] of cases) assert.equal(translateError(error)?.code, code, name);
});

test("a database outage never leaks the driver's message", () => {
  const out = translateError(new StoreUnavailableError("password authentication failed for user x"));
  assert.doesNotMatch(out?.message ?? "", /password/);
});

test("Query envelope errors keep their wire codes", () => {
  const missing = new QueryRequestError("MissingAction", "no Action");
  assert.equal(translateError(missing)?.code, "MissingAction");
});
