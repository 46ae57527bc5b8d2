import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cursorFromMarker,
  decodeMarker,
  encodeMarker,
  offsetFromMarker,
  pageOf,
  truncation,
} from "./markers.js";

test("a marker round-trips its value and is refused by another list", () => {
  const marker = encodeMarker("roles", { c: "2026-01-01T00:00:00.000000Z", i: "AROA1" });
  assert.match(marker, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(cursorFromMarker("roles", marker), {
    createdAt: "2026-01-01T00:00:00.000000Z",
    id: "AROA1",
  });
  assert.throws(() => decodeMarker("users", marker), {
    code: "Validation",
    message: /The Marker is not valid/,
  });
});

const BAD = [
  "",
  "not base64!",
  Buffer.from("{").toString("base64url"),
  encodeMarker("roles", 3),
  encodeMarker("x", -1),
  "A".repeat(2049),
];
test("tampered markers are ValidationErrors, never 500s", () => {
  assert.equal(BAD.length, 6);
  for (const m of BAD.slice(0, 4))
    assert.throws(() => cursorFromMarker("roles", m), { code: "Validation" }, m);
  assert.throws(() => offsetFromMarker("x", BAD[4]), { code: "Validation" });
  assert.throws(() => offsetFromMarker("x", BAD[5]), { code: "Validation" });
});

test("in-memory pages: IsTruncated and a Marker until the end", () => {
  const items = ["a", "b", "c", "d", "e"];
  const first = pageOf("l", items, undefined, 2);
  assert.deepEqual(first.page, ["a", "b"]);
  assert.equal(first.IsTruncated, true);
  const second = pageOf("l", items, first.Marker, 2);
  assert.deepEqual(second.page, ["c", "d"]);
  const last = pageOf("l", items, second.Marker, 2);
  assert.deepEqual(last, { page: ["e"], IsTruncated: false });
  assert.deepEqual(truncation("l", undefined), { IsTruncated: false });
});
