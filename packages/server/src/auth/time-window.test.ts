import assert from "node:assert/strict";
import { test } from "node:test";
import { checkPresignedTime, checkRequestTime } from "./time-window.js";

const NOW = new Date("2015-12-21T20:19:50Z");
const FIVE_MIN = 5 * 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

test("header-signed: accepted within ±5 min inclusive", (t) => {
  const offsets = [0, -FIVE_MIN, FIVE_MIN, -1000, 1000];
  t.plan(offsets.length);
  for (const offset of offsets)
    t.assert.doesNotThrow(() => checkRequestTime(at(offset), NOW, FIVE_MIN), `offset ${offset}`);
});

test("header-signed: too old, with AWS's message", () => {
  assert.throws(() => checkRequestTime(new Date("2015-12-21T20:04:19Z"), NOW, FIVE_MIN), {
    code: "SignatureDoesNotMatch",
    message:
      "Signature expired: 20151221T200419Z is now earlier than 20151221T201450Z (20151221T201950Z - 5 min.)",
  });
  assert.throws(() => checkRequestTime(at(-FIVE_MIN - 1000), NOW, FIVE_MIN), {
    code: "SignatureDoesNotMatch",
  });
});

test("header-signed: too far ahead, with AWS's message", () => {
  assert.throws(() => checkRequestTime(at(6 * 60_000), NOW, FIVE_MIN), {
    code: "SignatureDoesNotMatch",
    message:
      "Signature not yet current: 20151221T202550Z is still later than 20151221T202450Z (20151221T201950Z + 5 min.)",
  });
});

test("the window follows maxSkewMs", () => {
  assert.throws(() => checkRequestTime(at(-16 * 60_000), NOW, 15 * 60_000), { message: /- 15 min\.\)$/ });
  assert.doesNotThrow(() => checkRequestTime(at(-14 * 60_000), NOW, 15 * 60_000));
});

test("presigned: valid until X-Amz-Date + X-Amz-Expires inclusive, then RequestExpired", () => {
  assert.doesNotThrow(() => checkPresignedTime(at(-3600_000), 3600, NOW, FIVE_MIN));
  assert.throws(() => checkPresignedTime(at(-3601_000), 3600, NOW, FIVE_MIN), {
    code: "RequestExpired",
    message:
      "Request has expired: the presigned URL was valid until 20151221T201949Z (X-Amz-Date 20151221T191949Z + X-Amz-Expires 3600); it is now 20151221T201950Z.",
  });
});

test("presigned: dated too far ahead is not yet current", () => {
  assert.throws(() => checkPresignedTime(at(6 * 60_000), 60, NOW, FIVE_MIN), {
    code: "SignatureDoesNotMatch",
    message: /^Signature not yet current/,
  });
});
