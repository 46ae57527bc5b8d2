import assert from "node:assert/strict";
import { test } from "node:test";
import { AnchorageError } from "../../http/errors.js";
import {
  CreateSessionRefusal,
  formatExplainedMessage,
  parseExplainedMessage,
  refusalDetail,
  toAnchorageError,
} from "./refusal.js";

const expired = () =>
  new CreateSessionRefusal(
    "Expired",
    'the leaf "CN=app" (serial 1002) expired on 2026-01-01T00:00:00Z; renew it',
    {
      certificate: { role: "leaf", subject: "CN=app", serialHex: "1002" },
      detail: { trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA" },
    },
  );

test("a refusal takes its step from the table", () => {
  const r = expired();
  assert.deepEqual([r.code, r.step, r.reason], ["Expired", "certificate-path", r.message]);
});

test("by default the client gets AWS's type and message only; the reason is for the log", () => {
  const e = toAnchorageError(expired(), false);
  assert.ok(e instanceof AnchorageError);
  assert.deepEqual([e.code, e.status, e.message], ["AccessDenied", 403, "Untrusted signing certificate"]);
  assert.deepEqual(e.detail, {
    step: "certificate-path",
    code: "Expired",
    reason: expired().reason,
    certificate: { role: "leaf", subject: "CN=app", serialHex: "1002" },
    trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  });
});

test("explained, the message carries the step, the code and the reason", () => {
  const e = toAnchorageError(expired(), true);
  assert.equal(
    e.message,
    'Untrusted signing certificate [certificate-path/Expired: the leaf "CN=app" (serial 1002) expired on 2026-01-01T00:00:00Z; renew it]',
  );
  assert.deepEqual(parseExplainedMessage(e.message), {
    message: "Untrusted signing certificate",
    step: "certificate-path",
    code: "Expired",
    reason: expired().reason,
  });
});

test("validation refusals send the reason itself; explained, only the code is added", () => {
  const r = new CreateSessionRefusal(
    "InvalidParameter",
    "1 validation error detected: Value 899 at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
  );
  assert.equal(toAnchorageError(r, false).message, r.reason);
  assert.equal(toAnchorageError(r, false).code, "Validation");
  const explained = toAnchorageError(r, true).message;
  assert.equal(explained, `${r.reason} [parameters/InvalidParameter]`);
  assert.deepEqual(parseExplainedMessage(explained), {
    message: r.reason,
    step: "parameters",
    code: "InvalidParameter",
    reason: r.reason,
  });
});

test("the leaf recorded by the pipeline goes to the log detail", () => {
  const r = new CreateSessionRefusal("ProfileDisabled", "the profile p is disabled");
  r.leaf = { role: "leaf", subject: "CN=a", serialHex: "01", issuer: "CN=ca" };
  assert.deepEqual(refusalDetail(r).leaf, r.leaf);
});

test("reasons are kept on one line in explained messages", () => {
  assert.equal(
    formatExplainedMessage("Invalid signature", "signature", "SignatureMismatch", "first\n  second"),
    "Invalid signature [signature/SignatureMismatch: first second]",
  );
});

test("parseExplainedMessage reads only its own format (AWS's plain messages, unknown codes, wrong steps)", () => {
  const rejected = [
    "Untrusted signing certificate",
    "Untrusted signing certificate [certificate-path/NoSuchCode: x]",
    "Untrusted signing certificate [signature/Expired: x]",
    "Untrusted signing certificate [nowhere/Expired: x]",
  ];
  assert.deepEqual(
    rejected.map((m) => parseExplainedMessage(m)),
    rejected.map(() => undefined),
  );
  assert.equal(
    parseExplainedMessage("Invalid signature [signature/WrongRegion: a [b] c]")?.reason,
    "a [b] c",
  );
});
