import assert from "node:assert/strict";
import { test } from "node:test";
import { keyStep } from "./key.js";
import { testContext, testPki } from "./steps.fixture.js";

const readable = { filesReadable: true } as const;

test("the certificate's own key passes and is kept for CreateSession", async () => {
  const pki = await testPki();
  const context = testContext({
    files: { "leaf.pem": pki.leaf.certPem, "leaf.key": pki.leaf.keyPem },
    facts: { ...readable },
  });
  const outcome = await keyStep.run(context);
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", 'the private key (EC P-256, PKCS#8) is the key of "CN=app,O=Test"'],
  );
  assert.ok(context.facts.material !== undefined);
});

test("failures: mismatch, encrypted without passphrase, wrong passphrase — each with its fix", async () => {
  const pki = await testPki();
  const cases: [string, Record<string, string>, Record<string, string>, RegExp, RegExp][] = [
    [
      "another key",
      { "leaf.key": pki.stranger.keyPem },
      {},
      /does not match certificate leaf\.pem/,
      /the key the certificate was issued for/,
    ],
    ["encrypted, no passphrase", { "leaf.key": pki.encrypted.keyPem }, {}, /encrypted/, /--passphrase-file/],
    [
      "wrong passphrase",
      { "leaf.key": pki.encrypted.keyPem, "pw.txt": "wrong\n" },
      { passphraseFile: "pw.txt" },
      /passphrase/,
      /give the key's passphrase/,
    ],
  ];
  assert.equal(cases.length, 3);
  for (const [name, files, flags, message, fix] of cases) {
    const context = testContext({
      files: { "leaf.pem": pki.leaf.certPem, ...files },
      flags,
      facts: { ...readable },
    });
    const outcome = await keyStep.run(context);
    assert.equal(outcome.status, "fail", name);
    assert.match(outcome.message, message, name);
    assert.match(outcome.fix ?? "", fix, name);
    assert.equal(context.facts.material, undefined, name);
  }
});

test("the right passphrase decrypts the key, and says where it came from (never the passphrase)", async () => {
  const pki = await testPki();
  const context = testContext({
    files: {
      "leaf.pem": pki.encrypted.certPem,
      "leaf.key": pki.encrypted.keyPem,
      "pw.txt": "correct horse\n",
    },
    flags: { passphraseFile: "pw.txt" },
    facts: { ...readable },
  });
  const outcome = await keyStep.run(context);
  assert.equal(outcome.status, "pass", outcome.message);
  assert.match(outcome.message, /decrypted with the passphrase from --passphrase-file/);
  assert.doesNotMatch(outcome.message, /correct horse/);
});

test("skipped when the files are not readable", async () => {
  assert.equal((await keyStep.run(testContext({ files: {} }))).status, "skip");
});
