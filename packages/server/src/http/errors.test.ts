import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { AnchorageError, ERRORS, isErrorCode, wireError, type ErrorCode } from "./errors.js";

const ERRORS_MD = new URL("../../../../docs/errors.md", import.meta.url);
const CODES = Object.keys(ERRORS) as ErrorCode[];

interface DocumentedError {
  readonly code: string;
  readonly status: readonly string[];
  readonly wire: readonly string[];
}

/** Each `### \`Code\`` section of docs/errors.md with its status and wire-name table rows. */
function documentedErrors(): DocumentedError[] {
  const text = readFileSync(ERRORS_MD, "utf8");
  const sections = text.split(/^(?=### )/m).filter((s) => s.startsWith("### "));
  return sections.map((section) => {
    const heading = /^### `(\w+)`$/m.exec(section);
    const row = (label: string) =>
      new RegExp(`^\\| ${label} \\| (.+?) \\| (.+?) \\|$`, "m").exec(section)?.slice(1) ?? [];
    return {
      code: heading?.[1] ?? `(malformed heading: ${section.split("\n")[0]})`,
      status: row("status"),
      wire: row("wire name").map((cell) => cell.replace(/^`|`$/g, "")),
    };
  });
}

test("the table has the 24 errors this file was written for (update both when adding one)", () => {
  assert.equal(CODES.length, 24);
});

test("docs/errors.md documents exactly the codes in ERRORS, each once", () => {
  const documented = documentedErrors().map((d) => d.code);
  assert.equal(new Set(documented).size, documented.length, "a code is documented twice");
  assert.deepEqual([...documented].sort(), [...CODES].sort());
});

test("docs/errors.md gives each code the status and wire names of the table, for both protocols", (t) => {
  const documented = documentedErrors();
  t.plan(documented.length);
  for (const doc of documented) {
    assert.ok(isErrorCode(doc.code), `${doc.code} is documented but not in ERRORS`);
    const json = wireError(doc.code, "rest-json");
    const query = wireError(doc.code, "query");
    t.assert.deepEqual(
      { status: doc.status, wire: doc.wire },
      { status: [String(json.status), String(query.status)], wire: [json.type, query.type] },
      `docs/errors.md section for ${doc.code}`,
    );
  }
});

test("every row is an error status with plain wire names, and queryStatus only when it differs", (t) => {
  t.plan(CODES.length);
  for (const code of CODES) {
    const row: { status: number; json: string; query: string; queryStatus?: number } = ERRORS[code];
    const statuses = [row.status, row.queryStatus ?? row.status];
    t.assert.equal(
      statuses.every((s) => s >= 400 && s <= 599) &&
        /^[A-Z][A-Za-z]+$/.test(row.json) &&
        /^[A-Z][A-Za-z]+$/.test(row.query) &&
        row.queryStatus !== row.status,
      true,
      `row ${code}: ${JSON.stringify(row)}`,
    );
  }
});

test("wireError picks the protocol's name and status; JSON routes use the rest-json names", () => {
  assert.deepEqual(wireError("Throttling", "rest-json"), { status: 429, type: "ThrottlingException" });
  assert.deepEqual(wireError("Throttling", "json"), { status: 429, type: "ThrottlingException" });
  assert.deepEqual(wireError("Throttling", "query"), { status: 400, type: "Throttling" });
  assert.deepEqual(wireError("NotFound", "query"), { status: 404, type: "NoSuchEntity" });
});

test("AnchorageError keeps its code, status, message, cause and detail", () => {
  const cause = new Error("disk full");
  const error = new AnchorageError("NotFound", "Trust anchor 123 not found", {
    cause,
    detail: { id: "123" },
  });
  assert.equal(error.name, "AnchorageError");
  assert.equal(error.code, "NotFound");
  assert.equal(error.status, 404);
  assert.equal(error.message, "Trust anchor 123 not found");
  assert.equal(error.cause, cause);
  assert.deepEqual(error.detail, { id: "123" });
  assert.ok(error instanceof Error);
  assert.equal(new AnchorageError("Validation", "x").cause, undefined);
});

test("isErrorCode accepts table keys only, not inherited properties", () => {
  assert.equal(isErrorCode("Validation"), true);
  assert.equal(isErrorCode("toString"), false);
  assert.equal(isErrorCode("ValidationException"), false);
});
