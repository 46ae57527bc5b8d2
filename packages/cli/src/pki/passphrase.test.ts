import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  configuredPassphrase,
  newKeyPassphrase,
  unlockPrivateKey,
  type PassphraseInit,
} from "./passphrase.js";

const dir = mkdtempSync(join(tmpdir(), "anchorage-pass-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const PLAIN = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const ENCRYPTED = privateKey
  .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "right horse" })
  .toString();
const base: PassphraseInit = { fileFlag: "--passphrase-file", env: {} };
const answers = (...list: string[]) => {
  const asked: string[] = [];
  return { asked, prompt: async (q: string) => (asked.push(q), list.shift() ?? "") };
};

test("the file's first line wins over the environment; CRLF is stripped", async () => {
  const p = file("pw", "right horse\r\nsecond line\n");
  assert.deepEqual(await configuredPassphrase({ ...base, file: p, env: { ANCHORAGE_PASSPHRASE: "env" } }), {
    value: "right horse",
    label: `--passphrase-file ${p}`,
  });
  assert.deepEqual(await configuredPassphrase({ ...base, env: { ANCHORAGE_PASSPHRASE: "env" } }), {
    value: "env",
    label: "ANCHORAGE_PASSPHRASE",
  });
  assert.equal(await configuredPassphrase(base), undefined);
  await assert.rejects(configuredPassphrase({ ...base, file: file("empty", "\nx") }), {
    exitCode: 2,
    message: /first line is empty/,
  });
  await assert.rejects(configuredPassphrase({ ...base, file: join(dir, "missing") }), {
    exitCode: 2,
    message: /no such file/,
  });
});

test("unlockPrivateKey: plain keys need nothing; encrypted keys need the right passphrase", async () => {
  assert.equal(await unlockPrivateKey(PLAIN, "ca.key.pem", base), undefined);
  assert.equal(
    await unlockPrivateKey(ENCRYPTED, "ca.key.pem", {
      ...base,
      env: { ANCHORAGE_PASSPHRASE: "right horse" },
    }),
    "right horse",
  );
  await assert.rejects(
    unlockPrivateKey(ENCRYPTED, "ca.key.pem", { ...base, env: { ANCHORAGE_PASSPHRASE: "wrong" } }),
    {
      exitCode: 1,
      message: "cannot decrypt ca.key.pem with the passphrase from ANCHORAGE_PASSPHRASE: wrong passphrase",
    },
  );
  await assert.rejects(unlockPrivateKey(ENCRYPTED, "ca.key.pem", base), {
    exitCode: 2,
    message: /ca\.key\.pem is encrypted; pass --passphrase-file FILE or set ANCHORAGE_PASSPHRASE/,
  });
  await assert.rejects(
    unlockPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "k", base),
    {
      exitCode: 1,
      message: /k is not a private key anchorage can read/,
    },
  );
});

test("the prompt gets three attempts", async () => {
  const ok = answers("nope", "right horse");
  assert.equal(await unlockPrivateKey(ENCRYPTED, "k.pem", { ...base, prompt: ok.prompt }), "right horse");
  assert.deepEqual(ok.asked, ["Passphrase for k.pem: ", "Passphrase for k.pem: "]);
  const bad = answers("a", "b", "c", "right horse");
  await assert.rejects(unlockPrivateKey(ENCRYPTED, "k.pem", { ...base, prompt: bad.prompt }), {
    message: /wrong passphrase \(3 attempts\)/,
  });
  assert.equal(bad.asked.length, 3);
});

test("newKeyPassphrase: configured, asked twice, or none", async () => {
  assert.equal(await newKeyPassphrase(base, false, "the CA key"), undefined);
  assert.equal(
    (await newKeyPassphrase({ ...base, env: { ANCHORAGE_PASSPHRASE: "abcd" } }, false, "x"))?.label,
    "ANCHORAGE_PASSPHRASE",
  );
  const twice = answers("abcdef", "abcdef");
  assert.deepEqual(await newKeyPassphrase({ ...base, prompt: twice.prompt }, true, "the CA key"), {
    value: "abcdef",
    label: "the prompt",
  });
  assert.deepEqual(twice.asked, ["New passphrase for the CA key: ", "Repeat it: "]);
  await assert.rejects(newKeyPassphrase({ ...base, prompt: answers("abcdef", "abcdeX").prompt }, true, "k"), {
    message: /differ/,
  });
  await assert.rejects(newKeyPassphrase(base, true, "the CA key"), {
    exitCode: 2,
    message: /stdin is not a terminal/,
  });
  await assert.rejects(newKeyPassphrase({ ...base, env: { ANCHORAGE_PASSPHRASE: "abc" } }, false, "k"), {
    exitCode: 2,
    message: /shorter than 4 characters/,
  });
});
