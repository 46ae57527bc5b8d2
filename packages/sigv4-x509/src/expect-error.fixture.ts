// Test-only: assert that a call throws an X509RequestError with a given code and message.
import assert from "node:assert/strict";
import { X509RequestError, type X509RequestErrorCode } from "./errors.js";

/** Runs `run` and asserts it throws `X509RequestError` with `code` and a message matching `message`. */
export function expectX509Error(
  run: () => unknown,
  code: X509RequestErrorCode,
  message: RegExp,
): X509RequestError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof X509RequestError, `expected X509RequestError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, `wrong code; message: ${caught.message}`);
  assert.match(caught.message, message);
  assert.equal(caught.message.includes("\n"), false, "messages are one line");
  return caught;
}

/** A table of rejections: name, call, expected code, expected message. */
export type Rejection = readonly [
  name: string,
  run: () => unknown,
  code: X509RequestErrorCode,
  message: RegExp,
];
