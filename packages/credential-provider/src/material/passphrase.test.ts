import assert from "node:assert/strict";
import test from "node:test";
import { MaterialError } from "./errors.js";
import { CLI_FLAG_NAMES } from "./input.js";
import { passphraseSources, unlock } from "./passphrase.js";
import type { PassphraseOptions, Prompt } from "./passphrase.js";

const files: Record<string, string> = {
  "/pw/good": "from-file\nsecond line is ignored\n",
  "/pw/crlf": "from-file\r\n",
  "/pw/empty": "\nnot-the-first-line\n",
};
const readFile = async (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
  return Buffer.from(text);
};
const options = (o: Partial<PassphraseOptions>): PassphraseOptions => ({
  passphraseEnv: "ANCHORAGE_PASSPHRASE",
  env: {},
  readFile,
  prompt: undefined,
  interactive: () => true,
  flags: CLI_FLAG_NAMES,
  ...o,
});

const PRECEDENCE: readonly [string, Partial<PassphraseOptions>, string | undefined, string | undefined][] = [
  [
    "value wins over all",
    { passphrase: "v", passphraseFile: "/pw/good", env: { ANCHORAGE_PASSPHRASE: "e" } },
    "v",
    "value",
  ],
  [
    "file wins over env",
    { passphraseFile: "/pw/good", env: { ANCHORAGE_PASSPHRASE: "e" } },
    "from-file",
    "file",
  ],
  ["CRLF line end stripped", { passphraseFile: "/pw/crlf" }, "from-file", "file"],
  ["env alone", { env: { ANCHORAGE_PASSPHRASE: "e" } }, "e", "env"],
  [
    "custom env variable",
    { passphraseEnv: "MY_PW", env: { MY_PW: "m", ANCHORAGE_PASSPHRASE: "e" } },
    "m",
    "env",
  ],
  ["empty value falls through", { passphrase: "", passphraseFile: "/pw/good" }, "from-file", "file"],
  [
    "empty first line falls through",
    { passphraseFile: "/pw/empty", env: { ANCHORAGE_PASSPHRASE: "e" } },
    "e",
    "env",
  ],
  ["empty env is none", { env: { ANCHORAGE_PASSPHRASE: "" } }, undefined, undefined],
  ["nothing", {}, undefined, undefined],
];

test("configured(): value > file (first line) > environment; zero-length counts as absent", async () => {
  for (const [name, o, value, origin] of PRECEDENCE) {
    const got = await passphraseSources(options(o)).configured();
    assert.equal(got?.value, value, name);
    assert.equal(got?.origin, origin, name);
  }
  assert.equal(PRECEDENCE.length, 9);
});

test("labels name the source the way the CLI spells it", async () => {
  const label = async (o: Partial<PassphraseOptions>) =>
    (await passphraseSources(options(o)).configured())?.label;
  assert.equal(await label({ passphrase: "v" }), "--pkcs8-password");
  assert.equal(await label({ passphraseFile: "/pw/good" }), "--passphrase-file /pw/good");
  assert.equal(await label({ env: { ANCHORAGE_PASSPHRASE: "e" } }), "ANCHORAGE_PASSPHRASE");
  assert.equal(
    passphraseSources(options({})).hint,
    "pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE",
  );
});

test("the passphrase file is read once, and a missing one is reported by name", async () => {
  let reads = 0;
  const counting = async (p: string) => {
    reads++;
    return readFile(p);
  };
  const sources = passphraseSources(options({ passphraseFile: "/pw/good", readFile: counting }));
  await sources.configured();
  await sources.configured();
  assert.equal(reads, 1);
  await assert.rejects(passphraseSources(options({ passphraseFile: "/pw/nope" })).configured(), {
    name: "MaterialError",
    code: "FileNotFound",
    message: "passphrase file /pw/nope does not exist; check the --passphrase-file path",
  });
});

const errors = {
  missing: () => new MaterialError("EncryptedKeyNeedsPassphrase", "missing"),
  wrong: (p: { label: string }) => new MaterialError("WrongPassphrase", `wrong from ${p.label}`),
};
const opensWith = (right: string) => (candidate: string) =>
  candidate === right ? `opened:${candidate}` : undefined;

test("unlock: a configured passphrase is tried once; the prompt is not used", async () => {
  const asked: string[] = [];
  const prompt: Prompt = async (q) => (asked.push(q), "right");
  const ok = await unlock(
    passphraseSources(options({ passphrase: "right", prompt })),
    "k.pem",
    "Q? ",
    errors,
    opensWith("right"),
  );
  assert.deepEqual([ok.result, ok.passphrase.origin], ["opened:right", "value"]);
  await assert.rejects(
    unlock(
      passphraseSources(options({ passphrase: "bad", prompt })),
      "k.pem",
      "Q? ",
      errors,
      opensWith("right"),
    ),
    {
      code: "WrongPassphrase",
      message: "wrong from --pkcs8-password",
    },
  );
  assert.deepEqual(asked, []);
});

test("unlock: without a configured passphrase, prompts up to three times", async () => {
  const answers = ["no", "still no", "right", "never asked"];
  const asked: string[] = [];
  const prompt: Prompt = async (q) => (asked.push(q), answers[asked.length - 1]!);
  const ok = await unlock(
    passphraseSources(options({ prompt })),
    "k.pem",
    "Passphrase for k.pem: ",
    errors,
    opensWith("right"),
  );
  assert.deepEqual(
    [ok.result, ok.passphrase.origin, ok.passphrase.label],
    ["opened:right", "prompt", "the prompt"],
  );
  assert.deepEqual(asked, ["Passphrase for k.pem: ", "Passphrase for k.pem: ", "Passphrase for k.pem: "]);

  let count = 0;
  const alwaysWrong: Prompt = async () => `wrong${count++}`;
  await assert.rejects(
    unlock(passphraseSources(options({ prompt: alwaysWrong })), "k.pem", "Q? ", errors, opensWith("right")),
    {
      code: "WrongPassphrase",
      message: "wrong from the prompt",
    },
  );
  assert.equal(count, 3);
});

test("unlock: no source → missing; an empty answer → missing; a failing prompt → PromptFailed", async () => {
  await assert.rejects(unlock(passphraseSources(options({})), "k.pem", "Q? ", errors, opensWith("x")), {
    code: "EncryptedKeyNeedsPassphrase",
  });
  await assert.rejects(
    unlock(passphraseSources(options({ prompt: async () => "" })), "k.pem", "Q? ", errors, opensWith("x")),
    {
      code: "EncryptedKeyNeedsPassphrase",
    },
  );
  const broken: Prompt = () => Promise.reject(new Error("cancelled with Ctrl-C"));
  await assert.rejects(
    unlock(passphraseSources(options({ prompt: broken })), "k.pem", "Q? ", errors, opensWith("x")),
    {
      code: "PromptFailed",
      message:
        "the passphrase prompt for k.pem failed; pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE instead",
    },
  );
});
