import assert from "node:assert/strict";
import { test } from "node:test";
import { integerOption, keyGenerationNote, keyTypeOption } from "./option-values.js";

test("integerOption accepts whole numbers in range and names the flag otherwise", () => {
  assert.equal(integerOption("365", "--validity-days", 1, 36600), 365);
  assert.equal(integerOption(" 0 ", "--path-length", 0, 10), 0);
  const bad = ["0", "36601", "1.5", "-1", "abc", "", "1e3"];
  assert.equal(bad.length, 7);
  for (const v of bad)
    assert.throws(() => integerOption(v, "--validity-days", 1, 36600), {
      exitCode: 2,
      message: `--validity-days must be a whole number from 1 to 36600, got "${v}"`,
    });
});

test("keyTypeOption accepts the five types and common spellings", () => {
  const rows: readonly [string, string][] = [
    ["rsa2048", "rsa2048"],
    ["RSA4096", "rsa4096"],
    ["rsa-3072", "rsa3072"],
    ["p256", "p256"],
    ["P-384", "p384"],
    ["prime256v1", "p256"],
    ["secp384r1", "p384"],
  ];
  assert.equal(rows.length, 7);
  for (const [input, want] of rows) assert.equal(keyTypeOption(input), want, input);
  assert.throws(() => keyTypeOption("ed25519"), {
    exitCode: 2,
    message: /--key-type must be one of rsa2048, rsa3072, rsa4096, p256, p384/,
  });
});

test("only slow key types get a progress note", () => {
  assert.match(keyGenerationNote("rsa4096", "the CA") ?? "", /RSA 4096-bit key for the CA/);
  assert.match(keyGenerationNote("rsa3072", "x") ?? "", /RSA 3072-bit/);
  assert.equal(keyGenerationNote("p256", "x"), undefined);
  assert.equal(keyGenerationNote("rsa2048", "x"), undefined);
});
