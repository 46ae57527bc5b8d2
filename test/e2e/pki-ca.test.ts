// `anchorage ca init` end to end: the real CLI in a temporary folder.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { BIN, OPENSSL_MISSING, anchorage, cleanEnv, oneLine, openssl, tempDir } from "./pki-cli.js";

const mode = (path: string) => statSync(path).mode & 0o777;

test("ca init --help lists the flags", () => {
  const r = anchorage(tempDir("ca"), ["ca", "init", "--help"]);
  assert.equal(r.code, 0);
  for (const flag of [
    "--key-type",
    "--subject",
    "--cn",
    "--validity-days",
    "--path-length",
    "--out-dir",
    "--passphrase-file",
    "--encrypt-key",
    "--parent-dir",
    "--force",
  ])
    assert.match(r.stdout, new RegExp(`${flag}\\b`), flag);
});

test("ca init creates a root CA: files and modes, the next command, a CA openssl and cert lint accept", () => {
  const cwd = tempDir("ca");
  const r = anchorage(cwd, [
    "ca",
    "init",
    "--cn",
    "Example Root CA",
    "--o",
    "Example",
    "--c",
    "US",
    "--path-length",
    "1",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^created root CA "CN=Example Root CA,O=Example,C=US" \(p256, serial [0-9A-F]{32}, valid until /,
  );
  assert.match(r.stdout, /anchorage cert issue --ca-dir anchorage-ca --cn my-client --out my-client/);
  const dir = join(cwd, "anchorage-ca");
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(join(dir, "ca.key.pem")), 0o600);
  assert.equal(mode(join(dir, "ca.cert.pem")), 0o644);
  assert.equal(mode(join(dir, "index.json")), 0o600);
  assert.match(readFileSync(join(dir, "ca.key.pem"), "utf8"), /^-----BEGIN PRIVATE KEY-----/);
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as Record<string, unknown>;
  assert.deepEqual(
    { ...index, caSerial: "x" },
    { version: 1, caSerial: "x", lastCrlNumber: 0, issued: [], revoked: [] },
  );
  const lint = anchorage(cwd, ["cert", "lint", "anchorage-ca/ca.cert.pem"]);
  assert.equal(lint.code, 0, lint.stdout);
  assert.match(lint.stdout, /as a trust anchor \/ CA, from basicConstraints: no findings/);
});

test(
  "the CA passes openssl verify -x509_strict and carries the Roles Anywhere CA extensions",
  { skip: OPENSSL_MISSING },
  () => {
    const cwd = tempDir("ca");
    assert.equal(anchorage(cwd, ["ca", "init", "--key-type", "rsa2048", "--path-length", "0"]).code, 0);
    const v = openssl(cwd, [
      "verify",
      "-x509_strict",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
      "anchorage-ca/ca.cert.pem",
    ]);
    assert.equal(v.code, 0, v.stderr);
    const text = openssl(cwd, ["x509", "-in", "anchorage-ca/ca.cert.pem", "-noout", "-text"]).stdout;
    assert.match(text, /Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    assert.match(text, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
    assert.match(text, /Subject: CN = Anchorage CA/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
  },
);

test("ca init refuses to replace a CA unless --force, which starts a new index", () => {
  const cwd = tempDir("ca");
  assert.equal(anchorage(cwd, ["ca", "init"]).code, 0);
  const first = readFileSync(join(cwd, "anchorage-ca", "ca.cert.pem"), "utf8");
  const again = anchorage(cwd, ["ca", "init"]);
  assert.equal(again.code, 1);
  assert.match(
    oneLine(again),
    /^anchorage: anchorage-ca already holds a CA \(ca\.cert\.pem, ca\.key\.pem\); pass --force/,
  );
  assert.equal(readFileSync(join(cwd, "anchorage-ca", "ca.cert.pem"), "utf8"), first);
  const forced = anchorage(cwd, ["ca", "init", "--force"]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /replaced the previous CA/);
  assert.notEqual(readFileSync(join(cwd, "anchorage-ca", "ca.cert.pem"), "utf8"), first);
});

test("an encrypted CA key: --passphrase-file, ANCHORAGE_PASSPHRASE, a wrong one, none, no terminal", () => {
  const cwd = tempDir("ca");
  writeFileSync(join(cwd, "pw.txt"), "correct horse\n");
  writeFileSync(join(cwd, "wrong.txt"), "wrong horse\n");
  const init = anchorage(cwd, ["ca", "init", "--out-dir", "enc", "--passphrase-file", "pw.txt"]);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /encrypted with the passphrase from --passphrase-file pw\.txt/);
  assert.doesNotMatch(init.stdout + init.stderr, /correct horse/);
  assert.match(
    readFileSync(join(cwd, "enc", "ca.key.pem"), "utf8"),
    /^-----BEGIN ENCRYPTED PRIVATE KEY-----/,
  );

  const none = anchorage(cwd, ["cert", "issue", "--ca-dir", "enc", "--cn", "a"]);
  assert.equal(none.code, 2);
  assert.equal(
    oneLine(none),
    "anchorage: enc/ca.key.pem is encrypted; pass --passphrase-file FILE or set ANCHORAGE_PASSPHRASE (or run in a terminal to be asked)",
  );
  const wrong = anchorage(cwd, [
    "cert",
    "issue",
    "--ca-dir",
    "enc",
    "--cn",
    "a",
    "--passphrase-file",
    "wrong.txt",
  ]);
  assert.equal(wrong.code, 1);
  assert.equal(
    oneLine(wrong),
    "anchorage: cannot decrypt enc/ca.key.pem with the passphrase from --passphrase-file wrong.txt: wrong passphrase",
  );
  assert.doesNotMatch(wrong.stderr, /wrong horse/);
  const env = anchorage(cwd, ["cert", "issue", "--ca-dir", "enc", "--cn", "a"], {
    ANCHORAGE_PASSPHRASE: "correct horse",
  });
  assert.equal(env.code, 0, env.stderr);

  const ask = anchorage(cwd, ["ca", "init", "--out-dir", "ask", "--encrypt-key"]);
  assert.equal(ask.code, 2);
  assert.match(
    oneLine(ask),
    /cannot ask for a passphrase for the new CA key: stdin is not a terminal; pass --passphrase-file FILE or set ANCHORAGE_PASSPHRASE/,
  );
  assert.equal(existsSync(join(cwd, "ask", "ca.key.pem")), false);
});

test("ca init --parent-dir makes an intermediate: chain file, recorded in the parent's index, verifiable", () => {
  const cwd = tempDir("ca");
  // The root lives 100 days, so the intermediate's default 3650 days is always shortened (to 99 or
  // 100 days, depending on whether the second command starts within the root's second).
  assert.equal(anchorage(cwd, ["ca", "init", "--cn", "Root", "--validity-days", "100"]).code, 0);
  const r = anchorage(cwd, [
    "ca",
    "init",
    "--out-dir",
    "issuing",
    "--parent-dir",
    "anchorage-ca",
    "--cn",
    "Issuing",
    "--path-length",
    "0",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^created intermediate CA "CN=Issuing" .*, signed by "CN=Root"/);
  // The default validity is shortened to end before the root's.
  assert.match(r.stderr, /^note: valid for (99|100) days instead of 3650: the issuing CA "CN=Root" expires/);
  const serial = /serial ([0-9A-F]+)/.exec(r.stdout)![1];
  const parent = JSON.parse(readFileSync(join(cwd, "anchorage-ca", "index.json"), "utf8")) as {
    issued: { serial: string; kind: string; subject: string }[];
  };
  assert.deepEqual(
    parent.issued.map((e) => [e.serial, e.kind, e.subject]),
    [[serial, "ca", "CN=Issuing"]],
  );
  // A root's chain is empty: no ca.chain.pem for an intermediate directly under a root.
  assert.equal(existsSync(join(cwd, "issuing", "ca.chain.pem")), false);
  const v = anchorage(cwd, [
    "cert",
    "verify",
    "--anchor",
    "anchorage-ca/ca.cert.pem",
    "--profile",
    "rfc5280",
    "issuing/ca.cert.pem",
  ]);
  assert.equal(v.code, 0, v.stderr);
  // pathLength 0 allows no CA below.
  const third = anchorage(cwd, [
    "ca",
    "init",
    "--out-dir",
    "third",
    "--parent-dir",
    "issuing",
    "--cn",
    "Third",
  ]);
  assert.equal(third.code, 1);
  assert.equal(
    oneLine(third),
    'anchorage: the parent CA "CN=Issuing" has pathLenConstraint 0: it may issue client certificates but no CA',
  );
  assert.equal(existsSync(join(cwd, "third")), false);
});

test("ca init refuses bad values with exit 2 and one line", () => {
  const cwd = tempDir("ca");
  const rows: readonly [string[], RegExp][] = [
    [["--key-type", "ed25519"], /--key-type must be one of rsa2048, rsa3072, rsa4096, p256, p384/],
    [["--validity-days", "0"], /--validity-days must be a whole number from 1 to 36600/],
    [["--path-length", "-1"], /--path-length must be a whole number/],
    [["--subject", "XX=1"], /unknown attribute type "XX"/],
    [["--subject", "CN=a", "--cn", "b"], /either --subject or the --cn/],
    [["--c", "USA"], /--c must be a two-letter country code/],
    [["--passphrase-file", "missing.txt"], /--passphrase-file: cannot read missing\.txt: no such file/],
    [["--parent-dir", "nowhere"], /no CA in nowhere \(nowhere\/ca\.cert\.pem: no such file\)/],
    [["--no-such-flag"], /unknown option '--no-such-flag'/],
  ];
  assert.equal(rows.length, 9);
  for (const [args, message] of rows) {
    const r = anchorage(cwd, ["ca", "init", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  }
  assert.equal(existsSync(join(cwd, "anchorage-ca")), false, "nothing was written");
});

test("RSA 3072 and 4096 key generation says so while it works", () => {
  const cwd = tempDir("ca");
  const r = anchorage(cwd, ["ca", "init", "--key-type", "rsa3072"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "generating an RSA 3072-bit key for the CA (this can take several seconds)…\n");
});

// A terminal: python3's pty module drives the CLI as a user would, answering each prompt.
const PTY_DRIVER = `
import json, os, pty, select, sys, time
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out, i = b"", 0
while True:
    r, _, _ = select.select([fd], [], [], 30)
    if not r:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if i < len(answers) and data.rstrip().endswith(b":"):
        time.sleep(0.05)
        os.write(fd, answers[i].encode() + b"\\r")
        i += 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({"out": out.decode("utf8", "replace"), "code": os.waitstatus_to_exitcode(status)}))
`;
const PYTHON_MISSING: string | false =
  spawnSync("python3", ["-c", "import pty"], { encoding: "utf8" }).status === 0
    ? false
    : "python3 (with pty) is not installed";

function inTerminal(
  cwd: string,
  args: readonly string[],
  answers: readonly string[],
): { out: string; code: number } {
  const driver = join(cwd, "pty-driver.py");
  writeFileSync(driver, PTY_DRIVER);
  const r = spawnSync(
    "python3",
    [driver, JSON.stringify([process.execPath, BIN, ...args]), JSON.stringify(answers)],
    {
      cwd,
      env: cleanEnv(),
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { out: string; code: number };
}

test(
  "in a terminal: --encrypt-key asks twice without echo; using the key asks again, three tries",
  { skip: PYTHON_MISSING },
  () => {
    const cwd = tempDir("ca-tty");
    const init = inTerminal(cwd, ["ca", "init", "--encrypt-key"], ["typed secret", "typed secret"]);
    assert.equal(init.code, 0, init.out);
    assert.match(init.out, /^New passphrase for the new CA key: \r\nRepeat it: \r\ncreated root CA/);
    assert.match(init.out, /encrypted with the passphrase from the prompt/);
    assert.doesNotMatch(init.out, /typed secret/, "no echo");
    assert.match(
      readFileSync(join(cwd, "anchorage-ca", "ca.key.pem"), "utf8"),
      /^-----BEGIN ENCRYPTED PRIVATE KEY-----/,
    );
    const issue = inTerminal(cwd, ["cert", "issue", "--cn", "app"], ["wrong", "typed secret"]);
    assert.equal(issue.code, 0, issue.out);
    assert.equal(issue.out.match(/Passphrase for anchorage-ca\/ca\.key\.pem: /g)?.length, 2);
    const giveUp = inTerminal(cwd, ["crl", "create"], ["a", "b", "c"]);
    assert.equal(giveUp.code, 1);
    assert.match(
      giveUp.out,
      /anchorage: cannot decrypt anchorage-ca\/ca\.key\.pem: wrong passphrase \(3 attempts\)/,
    );
    const differ = inTerminal(cwd, ["ca", "init", "--out-dir", "second", "--encrypt-key"], ["one", "two"]);
    assert.equal(differ.code, 1);
    assert.match(differ.out, /anchorage: the two passphrases differ; nothing was written/);
  },
);

test("two levels below the root, ca.chain.pem holds the intermediate above; --force with a root removes it", () => {
  const cwd = tempDir("ca");
  assert.equal(anchorage(cwd, ["ca", "init", "--cn", "Root"]).code, 0);
  assert.equal(
    anchorage(cwd, ["ca", "init", "--out-dir", "mid", "--parent-dir", "anchorage-ca", "--cn", "Mid"]).code,
    0,
  );
  const low = anchorage(cwd, ["ca", "init", "--out-dir", "low", "--parent-dir", "mid", "--cn", "Low"]);
  assert.equal(low.code, 0, low.stderr);
  assert.match(low.stdout, /chain {8}low\/ca\.chain\.pem/);
  assert.equal(
    readFileSync(join(cwd, "low", "ca.chain.pem"), "utf8"),
    readFileSync(join(cwd, "mid", "ca.cert.pem"), "utf8"),
  );
  const replaced = anchorage(cwd, ["ca", "init", "--out-dir", "low", "--force", "--cn", "New Root"]);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.equal(existsSync(join(cwd, "low", "ca.chain.pem")), false);
});
