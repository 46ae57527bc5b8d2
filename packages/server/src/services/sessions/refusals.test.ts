import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { PATH_ERROR_CODES } from "@anchorage/pki";
import { X509_REQUEST_ERRORS } from "@anchorage/sigv4-x509";
import { ERRORS } from "../../http/errors.js";
import { ANSWERS, CREATE_SESSION_STEPS, REFUSALS, isRefusalCode, pathRefusalCode } from "./refusals.js";

const codes = Object.keys(REFUSALS);

test("the table has 64 refusals: 28 of sigv4-x509, 19 of path validation, 17 of CreateSession's own", () => {
  assert.equal(Object.keys(X509_REQUEST_ERRORS).length, 28);
  assert.equal(PATH_ERROR_CODES.length, 19);
  assert.equal(codes.length, 64);
});

test("every sigv4-x509 code is a refusal; signature-kind ones answer Invalid signature unless they are about support", () => {
  for (const [code, { kind }] of Object.entries(X509_REQUEST_ERRORS)) {
    assert.ok(isRefusalCode(code), code);
    const answer = REFUSALS[code].answer;
    if (kind === "validation") assert.equal(answer, "validation", code);
    else if (code === "UnsupportedAlgorithm" || code === "UnsupportedKeyType")
      assert.equal(answer, "validation");
    else assert.equal(answer, "invalid-signature", code);
  }
});

test("every path validation code maps to a certificate-path refusal answered Untrusted signing certificate", () => {
  for (const code of PATH_ERROR_CODES) {
    const refusal = REFUSALS[pathRefusalCode(code)];
    assert.deepEqual([refusal.step, refusal.answer], ["certificate-path", "untrusted-certificate"], code);
  }
  assert.equal(pathRefusalCode("UnsupportedAlgorithm"), "UnsupportedCertificateAlgorithm");
});

test("every refusal names a known step and an answer whose error is in the server's error table", () => {
  for (const code of codes) {
    const { step, answer } = REFUSALS[code as keyof typeof REFUSALS];
    assert.ok(Object.hasOwn(CREATE_SESSION_STEPS, step), `${code}: step ${step}`);
    assert.ok(Object.hasOwn(ERRORS, ANSWERS[answer].error), `${code}: ${answer}`);
  }
});

test("AWS's answers: 403 AccessDeniedException for refusals, 400 ValidationException for parameters", () => {
  assert.deepEqual(
    Object.fromEntries(
      Object.entries(ANSWERS).map(([k, v]) => [k, [ERRORS[v.error].status, ERRORS[v.error].json, v.message]]),
    ),
    {
      validation: [400, "ValidationException", undefined],
      "invalid-signature": [403, "AccessDeniedException", "Invalid signature"],
      "untrusted-certificate": [403, "AccessDeniedException", "Untrusted signing certificate"],
      "not-authorized": [403, "AccessDeniedException", "Not authorized to perform sts:AssumeRole"],
      "role-session-name": [
        403,
        "AccessDeniedException",
        "Not authorized to set roleSessionName. The profile must accept role session names (acceptRoleSessionName).",
      ],
      "max-session-duration": [
        400,
        "ValidationException",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      ],
    },
  );
});

test("README.md documents exactly the refusal codes, each with its step", () => {
  const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
  const rows = [...readme.matchAll(/^\| `([A-Za-z]+)` \| `([a-z-]+)` \|/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rows.map(([code]) => code).sort(), [...codes].sort());
  for (const [code, step] of rows) assert.equal(REFUSALS[code as keyof typeof REFUSALS].step, step, code);
});

test("isRefusalCode tells codes from anything else", () => {
  assert.equal(isRefusalCode("NoPathToAnchor"), true);
  assert.equal(isRefusalCode("toString"), false);
  assert.equal(isRefusalCode("UnsupportedAlgorithmX"), false);
});
