import assert from "node:assert/strict";
import { test } from "node:test";
import { filesStep } from "./files.js";
import { testContext, testPki } from "./steps.fixture.js";

test("readable files: passes, and the leaf is parsed for the later checks", async () => {
  const pki = await testPki();
  const context = testContext({ files: { "leaf.pem": pki.leaf.certPem, "leaf.key": pki.leaf.keyPem } });
  const outcome = await filesStep.run(context);
  assert.equal(outcome.status, "pass", outcome.message);
  assert.match(
    outcome.message,
    /certificate leaf\.pem \(\d+ bytes\), private key leaf\.key \(\d+ bytes\): readable/,
  );
  assert.deepEqual(
    [context.facts.filesReadable, context.facts.leaf?.parsed.subject.text],
    [true, "CN=app,O=Test"],
  );
});

test("every missing file is named, with the flags to check", async () => {
  const pki = await testPki();
  const context = testContext({
    files: { "leaf.pem": pki.leaf.certPem },
    flags: { intermediates: "chain.pem" },
  });
  const outcome = await filesStep.run(context);
  assert.deepEqual(
    [outcome.status, outcome.message, outcome.fix],
    [
      "fail",
      "private key file leaf.key does not exist; intermediates file chain.pem does not exist",
      "check the --private-key and --intermediates paths",
    ],
  );
  assert.equal(context.facts.filesReadable, undefined);
});

test("a certificate file that holds a key is refused", async () => {
  const pki = await testPki();
  const outcome = await filesStep.run(
    testContext({ files: { "leaf.pem": pki.leaf.keyPem, "leaf.key": pki.leaf.keyPem } }),
  );
  assert.deepEqual(
    [outcome.status, outcome.fix],
    ["fail", "pass the certificate file (PEM or DER) to --certificate"],
  );
  assert.match(outcome.message, /leaf\.pem holds a private key, not a certificate/);
});

test("PKCS#11 URIs are not files", async () => {
  const outcome = await filesStep.run(
    testContext({
      files: {},
      flags: { certificate: "pkcs11:token=t;object=c", privateKey: "pkcs11:token=t;object=k" },
    }),
  );
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", "certificate on a PKCS#11 token, private key on a PKCS#11 token: readable"],
  );
});
