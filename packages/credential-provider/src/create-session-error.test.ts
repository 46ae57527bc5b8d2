import assert from "node:assert/strict";
import test from "node:test";
import {
  CREATE_SESSION_STEPS,
  CreateSessionError,
  isCreateSessionError,
  oneLine,
} from "./create-session-error.js";

test("the six steps, in call order, each with its message prefix", () => {
  assert.deepEqual(Object.keys(CREATE_SESSION_STEPS), [
    "configure",
    "load-material",
    "sign",
    "connect",
    "http",
    "parse-response",
  ]);
  const e = new CreateSessionError(
    "http",
    "AccessDeniedException: Untrusted signing certificate (HTTP 403)",
    {
      status: 403,
      errorType: "AccessDeniedException",
      serverMessage: "Untrusted signing certificate",
      requestId: "rid",
      attempts: 1,
    },
  );
  assert.equal(
    e.message,
    "CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403)",
  );
  assert.deepEqual(
    [e.name, e.step, e.status, e.errorType, e.serverMessage, e.requestId, e.attempts],
    ["CreateSessionError", "http", 403, "AccessDeniedException", "Untrusted signing certificate", "rid", 1],
  );
  assert.ok(isCreateSessionError(e));
  assert.equal(isCreateSessionError(new Error("x")), false);
});

test("the cause is kept and the message is one line", () => {
  const cause = new Error("inner");
  const e = new CreateSessionError("sign", "bad\nkey\r\n\tthing", { cause });
  assert.equal(e.cause, cause);
  assert.equal(e.message, "cannot sign the CreateSession request: bad key thing");
  assert.equal(e.attempts, 0);
});

test("oneLine flattens control characters and cuts long text", () => {
  assert.equal(oneLine("a\u0000b\u001bc\u2028d"), "a b c d");
  assert.equal(oneLine("x".repeat(20), 5), "xxxxx…");
});
