import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import test from "node:test";
import { ImdsTokens, MAX_TOKENS, parseTokenTtl } from "./imds-tokens.js";

const TTLS: readonly [string | undefined, number | undefined][] = [
  [undefined, 21600],
  ["", 21600],
  ["1", 1],
  ["21600", 21600],
  ["+60", 60],
  ["0", undefined],
  ["21601", undefined],
  ["-1", undefined],
  ["abc", undefined],
  ["1.5", undefined],
  [" 60", undefined],
  ["99999999999999999999", undefined],
];

test("the TTL header as the helper parses it (strconv.Atoi, 1..21600)", () => {
  for (const [header, ttl] of TTLS) assert.equal(parseTokenTtl(header), ttl, String(header));
  assert.equal(TTLS.length, 12);
});

test("tokens: 100 base64 characters, remaining seconds as Go truncates, expiry, forgery", () => {
  let now = 1_000_000;
  const tokens = new ImdsTokens(() => now, randomBytes);
  const token = tokens.issue(21600);
  assert.match(token, /^[A-Za-z0-9+/]{100}$/);
  assert.equal(tokens.remainingSeconds(token), 21599);
  now += 1500;
  assert.equal(tokens.remainingSeconds(token), 21598);
  assert.equal(tokens.remainingSeconds(`${token.slice(0, 99)}!`), undefined);
  assert.equal(tokens.remainingSeconds(token.slice(1)), undefined);
  const short = tokens.issue(1);
  now += 1000;
  assert.equal(tokens.remainingSeconds(short), undefined, "expired");
});

test(`at most ${MAX_TOKENS} tokens: the earliest-expiring is evicted`, () => {
  const now = 0;
  const tokens = new ImdsTokens(() => now, randomBytes);
  const first = tokens.issue(10);
  const issued = Array.from({ length: MAX_TOKENS }, () => tokens.issue(100));
  assert.equal(tokens.size, MAX_TOKENS);
  assert.equal(tokens.remainingSeconds(first), undefined);
  assert.ok(issued.every((t) => tokens.remainingSeconds(t) !== undefined));
});
