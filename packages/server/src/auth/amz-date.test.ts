import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAmzDate, parseAmzDate, parseHttpDate } from "./amz-date.js";

test("X-Amz-Date round-trips", () => {
  const date = parseAmzDate("20150830T123600Z");
  assert.equal(date?.toISOString(), "2015-08-30T12:36:00.000Z");
  assert.equal(formatAmzDate(new Date("2015-08-30T12:36:00.999Z")), "20150830T123600Z");
  assert.equal(formatAmzDate(date ?? new Date(0)), "20150830T123600Z");
});

const BAD_AMZ_DATES = [
  "",
  "20150830T123600",
  "2015-08-30T12:36:00Z",
  "20150830t123600z",
  "20150230T123600Z",
  "20150830T246000Z",
  "20150830T123660Z",
  " 20150830T123600Z",
  "20150830T123600Z\n",
  "2015083oT123600Z",
];

test("X-Amz-Date rejects anything but a real basic-format instant", (t) => {
  t.plan(BAD_AMZ_DATES.length);
  for (const text of BAD_AMZ_DATES) t.assert.equal(parseAmzDate(text), undefined, JSON.stringify(text));
});

test("HTTP Date accepts IMF-fixdate only", () => {
  assert.equal(parseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT")?.toISOString(), "2015-08-30T12:36:00.000Z");
  const bad = [
    "Mon, 30 Aug 2015 12:36:00 GMT",
    "Sunday, 30-Aug-15 12:36:00 GMT",
    "Sun Aug 30 12:36:00 2015",
    "Sun, 30 Aug 2015 12:36:00 +0000",
    "Sun, 31 Feb 2015 12:36:00 GMT",
    "20150830T123600Z",
  ];
  assert.deepEqual(
    bad.map((text) => parseHttpDate(text)),
    bad.map(() => undefined),
  );
});
