import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fixture, pki, readPki } from "./fixture-files.js";
import { loadSigningMaterial } from "./load-signing-material.js";
import type { SigningMaterialInit } from "./load-signing-material.js";

const RIGHT = "test-password";
const WRONG = "not-the-password";
const ENCRYPTED = {
  certificate: pki("client-rsa.cert.pem"),
  privateKey: pki("client-rsa.key.enc-pkcs8.pem"),
} as const;

/** In-memory passphrase files; any other path is read from disk. */
function withPassphraseFiles(files: Record<string, string>): Pick<SigningMaterialInit, "readFile"> {
  return {
    readFile: async (path) => {
      const text = files[path];
      return text === undefined ? readFile(path) : Buffer.from(text);
    },
  };
}

/** A prompt seam that records its questions and answers from a script. */
function scriptedPrompt(...answers: string[]) {
  const questions: string[] = [];
  return {
    questions,
    prompt: async (question: string) => {
      questions.push(question);
      return answers[questions.length - 1] ?? "";
    },
  };
}

test("each passphrase source on its own decrypts the key and is reported", async () => {
  const tty = scriptedPrompt(RIGHT);
  const cases: [string, Partial<SigningMaterialInit>, string][] = [
    ["value", { passphrase: RIGHT, env: {} }, "value"],
    [
      "file",
      { passphraseFile: "/secrets/pw", ...withPassphraseFiles({ "/secrets/pw": `${RIGHT}\n` }), env: {} },
      "file",
    ],
    ["environment", { env: { ANCHORAGE_PASSPHRASE: RIGHT } }, "env"],
    ["custom environment variable", { passphraseEnv: "KEY_PW", env: { KEY_PW: RIGHT } }, "env"],
    ["prompt on a terminal", { env: {}, prompt: tty.prompt, stdinIsTTY: () => true }, "prompt"],
  ];
  for (const [name, sources, origin] of cases) {
    const m = await loadSigningMaterial({ ...ENCRYPTED, stdinIsTTY: () => false, ...sources });
    assert.equal(m.source.passphraseFrom, origin, name);
    assert.equal(m.source.privateKeyFormat, "encrypted PKCS#8", name);
  }
  assert.equal(cases.length, 5);
  assert.deepEqual(tty.questions, [`Passphrase for ${pki("client-rsa.key.enc-pkcs8.pem")}: `]);
});

test("precedence is value > file > environment > prompt, and a wrong higher source is not skipped", async () => {
  const files = withPassphraseFiles({ "/pw/right": RIGHT, "/pw/wrong": WRONG });
  const tty = scriptedPrompt(RIGHT);
  const base = { ...ENCRYPTED, ...files, prompt: tty.prompt, stdinIsTTY: () => true };
  const cases: [Partial<SigningMaterialInit>, string | RegExp][] = [
    [{ passphrase: RIGHT, passphraseFile: "/pw/wrong", env: { ANCHORAGE_PASSPHRASE: WRONG } }, "value"],
    [{ passphraseFile: "/pw/right", env: { ANCHORAGE_PASSPHRASE: WRONG } }, "file"],
    [{ passphrase: "", passphraseFile: "/pw/right", env: { ANCHORAGE_PASSPHRASE: WRONG } }, "file"],
    [{ env: { ANCHORAGE_PASSPHRASE: RIGHT } }, "env"],
    [
      { passphrase: WRONG, passphraseFile: "/pw/right", env: {} },
      /^the passphrase from --pkcs8-password does not decrypt private key .*client-rsa\.key\.enc-pkcs8\.pem; check the passphrase$/,
    ],
    [
      { passphraseFile: "/pw/wrong", env: { ANCHORAGE_PASSPHRASE: RIGHT } },
      /^the passphrase from --passphrase-file \/pw\/wrong does not decrypt/,
    ],
    [{ env: { ANCHORAGE_PASSPHRASE: WRONG } }, /^the passphrase from ANCHORAGE_PASSPHRASE does not decrypt/],
  ];
  for (const [sources, expected] of cases) {
    const run = loadSigningMaterial({ ...base, ...sources });
    if (typeof expected === "string") assert.equal((await run).source.passphraseFrom, expected);
    else await assert.rejects(run, { name: "MaterialError", code: "WrongPassphrase", message: expected });
  }
  assert.equal(cases.length, 7);
  assert.deepEqual(tty.questions, [], "a configured source, right or wrong, means no prompt");
});

test("the prompt is used only when stdin is a terminal, and never when disabled", async () => {
  const cases: [string, boolean, boolean][] = [
    ["not a terminal", false, true],
    ["terminal, prompt disabled", true, false],
  ];
  for (const [name, isTTY, enabled] of cases) {
    const tty = scriptedPrompt(RIGHT);
    let consulted = 0;
    await assert.rejects(
      loadSigningMaterial({
        ...ENCRYPTED,
        env: {},
        prompt: enabled ? tty.prompt : false,
        stdinIsTTY: () => (consulted++, isTTY),
      }),
      {
        code: "EncryptedKeyNeedsPassphrase",
        message: `${pki("client-rsa.key.enc-pkcs8.pem")} is an encrypted PKCS#8 key; pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE`,
      },
      name,
    );
    assert.deepEqual(tty.questions, [], name);
    assert.equal(consulted, enabled ? 1 : 0, name);
  }
  assert.equal(cases.length, 2);
});

test("stdin is not even looked at unless a prompt is the only way left (touching it costs milliseconds)", async () => {
  let consulted = 0;
  const stdinIsTTY = () => (consulted++, false);
  await loadSigningMaterial({
    certificate: pki("client-rsa.cert.pem"),
    privateKey: pki("client-rsa.key.pem"),
    env: {},
    stdinIsTTY,
  });
  await loadSigningMaterial({ ...ENCRYPTED, passphrase: RIGHT, env: {}, stdinIsTTY });
  await loadSigningMaterial({ certificate: fixture("client-rsa.nopass.p12"), env: {}, stdinIsTTY });
  assert.equal(consulted, 0);
  await assert.rejects(loadSigningMaterial({ ...ENCRYPTED, env: {}, stdinIsTTY }), {
    code: "EncryptedKeyNeedsPassphrase",
  });
  assert.equal(consulted, 1);
});

test("the prompt gets three tries, then WrongPassphrase; a PKCS#12 bundle asks for its password", async () => {
  const three = scriptedPrompt("a", "b", "c", RIGHT);
  await assert.rejects(
    loadSigningMaterial({ ...ENCRYPTED, env: {}, prompt: three.prompt, stdinIsTTY: () => true }),
    {
      code: "WrongPassphrase",
      message: /^the passphrase from the prompt does not decrypt/,
    },
  );
  assert.equal(three.questions.length, 3);

  const second = scriptedPrompt("typo", RIGHT);
  const m = await loadSigningMaterial({
    certificate: fixture("client-rsa.p12"),
    env: {},
    prompt: second.prompt,
    stdinIsTTY: () => true,
  });
  assert.equal(m.source.passphraseFrom, "prompt");
  assert.deepEqual(
    second.questions,
    Array(2).fill(`Password for PKCS#12 bundle ${fixture("client-rsa.p12")}: `),
  );
});

test("messages use the caller's option names (fromRolesAnywhere passes its own)", async () => {
  await assert.rejects(
    loadSigningMaterial({
      ...ENCRYPTED,
      env: {},
      stdinIsTTY: () => false,
      passphraseEnv: "MY_KEY_PASSPHRASE",
      flagNames: { passphrase: "passphrase", passphraseFile: "passphraseFile" },
    }),
    { message: /; pass passphrase, passphraseFile or set MY_KEY_PASSPHRASE$/ },
  );
});

test("real files: default reader, passphrase file, and one PEM holding both certificate and key", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "anchorage-material-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = (name: string) => join(dir, name);
  await writeFile(path("cert.pem"), readPki("client-ec-p384.cert.pem"));
  await writeFile(path("key.pem"), readPki("client-ec-p384.key.pem"));
  await writeFile(path("chain.pem"), readPki("chain-intermediate-root.pem"));
  await writeFile(path("enc.pem"), readPki("client-rsa.key.enc-pkcs8.pem"));
  await writeFile(path("pw.txt"), `${RIGHT}\r\nignored\n`, { mode: 0o600 });
  await writeFile(
    path("combined.pem"),
    Buffer.concat([readPki("client-rsa.key.pkcs1.pem"), readPki("client-rsa.cert.pem")]),
  );

  const ec = await loadSigningMaterial({
    certificate: path("cert.pem"),
    privateKey: path("key.pem"),
    intermediates: path("chain.pem"),
    env: {},
  });
  assert.deepEqual(
    [ec.certificate.curve, ec.chain.length, ec.source.certificate],
    ["P-384", 2, path("cert.pem")],
  );

  const enc = await loadSigningMaterial({
    certificate: pki("client-rsa.cert.pem"),
    privateKey: path("enc.pem"),
    passphraseFile: path("pw.txt"),
    env: {},
  });
  assert.equal(enc.source.passphraseFrom, "file");

  const combined = await loadSigningMaterial({
    certificate: path("combined.pem"),
    privateKey: path("combined.pem"),
    env: {},
  });
  assert.deepEqual(
    [combined.source.privateKeyFormat, combined.certificate.serialDecimal],
    ["PKCS#1", "4098"],
  );
});
