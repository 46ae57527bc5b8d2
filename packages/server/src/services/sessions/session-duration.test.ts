import assert from "node:assert/strict";
import { test } from "node:test";
import { CreateSessionRefusal } from "./refusal.js";
import { sessionDuration } from "./session-duration.js";

// [requested, profile, role max, expected seconds or "refused"]
const table: [number | undefined, number, number, number | "refused"][] = [
  [undefined, 3600, 3600, 3600], // the profile's duration
  [900, 3600, 3600, 900], // min(request, profile)
  [3600, 900, 3600, 900], // the profile caps the request
  [43200, 43200, 43200, 43200],
  [undefined, 7200, 3600, "refused"], // the profile asks for more than the role allows
  [7200, 43200, 3600, "refused"],
  [3600, 43200, 3600, 3600], // the helper's default 3600 under a 12-hour profile (pitfall P5)
];

test("duration = min(request, profile), refused above the role's MaxSessionDuration", () => {
  for (const [requested, profile, max, expected] of table) {
    if (expected === "refused") {
      assert.throws(
        () => sessionDuration(requested, profile, max),
        (e: unknown) => e instanceof CreateSessionRefusal && e.code === "DurationExceedsRoleMaximum",
      );
    } else assert.equal(sessionDuration(requested, profile, max), expected);
  }
  assert.equal(table.length, 7);
});
