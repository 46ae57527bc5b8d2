// `anchorage cert verify` end to end: exit 0 valid (the path), 1 invalid (one line), 2 bad usage.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, test } from "node:test";
import { BIN, OPENSSL_MISSING, anchorage, cleanEnv, oneLine, openssl, tempDir } from "./pki-cli.js";

let cwd: string;
let notBefore: Date;
let notAfter: Date;
let revokedSerial: string;

before(() => {
  cwd = tempDir("verify");
  const ok = (args: string[]) => {
    const r = anchorage(cwd, args);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    return r;
  };
  ok(["ca", "init", "--cn", "Root"]);
  ok(["ca", "init", "--out-dir", "other", "--cn", "Other Root"]);
  ok(["ca", "init", "--out-dir", "issuing", "--parent-dir", "anchorage-ca", "--cn", "Issuing"]);
  const leaf = ok(["cert", "issue", "--ca-dir", "issuing", "--cn", "app-1", "--out", "app"]);
  notAfter = new Date(/valid until ([^)]+)\)/.exec(leaf.stdout)![1]!);
  notBefore = new Date(notAfter.getTime() - 365 * 86_400_000);
  const revoked = ok(["cert", "issue", "--ca-dir", "issuing", "--cn", "app-2", "--out", "revoked"]);
  revokedSerial = /serial ([0-9A-F]+)/.exec(revoked.stdout)![1]!;
  ok(["crl", "revoke", "revoked.cert.pem", "--ca-dir", "issuing", "--reason", "keyCompromise"]);
  ok(["crl", "create", "--ca-dir", "issuing"]);
  ok(["crl", "create", "--ca-dir", "issuing", "--der", "--out", "issuing.crl.der"]);
});

const verify = (...args: string[]) => anchorage(cwd, ["cert", "verify", ...args]);

test("cert verify --help", () => {
  const r = verify("--help");
  assert.equal(r.code, 0);
  for (const flag of ["--anchor", "--chain", "--crl", "--at", "--profile", "--max-depth", "--json"])
    assert.match(r.stdout, new RegExp(`${flag}\\b`), flag);
});

test("a valid path: exit 0 and the path from the leaf to the anchor", () => {
  const r = verify("--anchor", "anchorage-ca/ca.cert.pem", "--chain", "app.chain.pem", "app.cert.pem");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const lines = r.stdout.trimEnd().split("\n");
  assert.match(lines[0]!, /^valid \(roles-anywhere profile, at \d{4}-.*Z\):$/);
  assert.deepEqual(
    lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 2).join(" ")),
    ['leaf "CN=app-1"', 'intermediate "CN=Issuing"', 'anchor "CN=Root"'],
  );
  // The intermediate itself as the anchor (Roles Anywhere allows it), and the chain inside the leaf's file.
  assert.equal(verify("--anchor", "issuing/ca.cert.pem", "app.cert.pem").code, 0);
  writeFileSync(
    join(cwd, "full.pem"),
    readFileSync(join(cwd, "app.cert.pem"), "utf8") + readFileSync(join(cwd, "app.chain.pem"), "utf8"),
  );
  assert.equal(verify("--anchor", "anchorage-ca/ca.cert.pem", "full.pem").code, 0);
  assert.equal(
    verify(
      "--anchor",
      "anchorage-ca/ca.cert.pem",
      "--chain",
      "app.chain.pem",
      "--profile",
      "rfc5280",
      "app.cert.pem",
    ).code,
    0,
  );
});

test("--json describes the path", () => {
  const at = new Date(notBefore.getTime() + 30 * 86_400_000).toISOString();
  const r = verify(
    "--json",
    "--anchor",
    "anchorage-ca/ca.cert.pem",
    "--chain",
    "app.chain.pem",
    "--at",
    at,
    "app.cert.pem",
  );
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as {
    valid: boolean;
    profile: string;
    time: string;
    path: { role: string; subject: string; serial: string; sha256: string }[];
  };
  assert.equal(json.valid, true);
  assert.equal(json.profile, "roles-anywhere");
  assert.equal(json.time, at);
  assert.deepEqual(
    json.path.map((p) => [p.role, p.subject]),
    [
      ["leaf", "CN=app-1"],
      ["intermediate", "CN=Issuing"],
      ["anchor", "CN=Root"],
    ],
  );
  for (const p of json.path) assert.match(p.sha256, /^[0-9a-f]{64}$/);
  const bad = verify("--json", "--anchor", "other/ca.cert.pem", "app.cert.pem");
  assert.equal(bad.code, 1);
  assert.deepEqual(Object.keys(JSON.parse(bad.stdout) as object), ["valid", "code", "reason", "notes"]);
});

test("invalid: exit 1 and the reason on stderr, one line", () => {
  const rows: readonly [string[], RegExp][] = [
    [
      ["--anchor", "anchorage-ca/ca.cert.pem", "app.cert.pem"],
      /^invalid \(NoPathToAnchor\): no path to the trust anchor: the issuer of leaf "CN=app-1" .* is "CN=Issuing"/,
    ],
    [
      ["--anchor", "other/ca.cert.pem", "--chain", "app.chain.pem", "app.cert.pem"],
      /^invalid \(NoPathToAnchor\): /,
    ],
    [
      [
        "--anchor",
        "issuing/ca.cert.pem",
        "--at",
        new Date(notAfter.getTime() + 1000).toISOString(),
        "app.cert.pem",
      ],
      /^invalid \(Expired\): leaf "CN=app-1" .*expired/,
    ],
    [
      [
        "--anchor",
        "issuing/ca.cert.pem",
        "--at",
        new Date(notBefore.getTime() - 86_400_000).toISOString(),
        "app.cert.pem",
      ],
      /^invalid \(NotYetValid\): /,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--crl", "issuing/crl.pem", "revoked.cert.pem"],
      new RegExp(
        `^invalid \\(Revoked\\): leaf "CN=app-2" \\(serial ${revokedSerial}\\) is revoked by the CRL of "CN=Issuing".*reason keyCompromise`,
      ),
    ],
    [
      [
        "--anchor",
        "anchorage-ca/ca.cert.pem",
        "--chain",
        "app.chain.pem",
        "--crl",
        "issuing.crl.der",
        "revoked.cert.pem",
      ],
      /^invalid \(Revoked\): /,
    ],
    [["--anchor", "app.cert.pem", "app.cert.pem"], /^invalid \(/],
    [
      [
        "--anchor",
        "anchorage-ca/ca.cert.pem",
        "--chain",
        "app.chain.pem",
        "--max-depth",
        "0",
        "app.cert.pem",
      ],
      /^invalid \(PathLengthExceeded\): /,
    ],
  ];
  assert.equal(rows.length, 8);
  for (const [args, reason] of rows) {
    const r = verify(...args);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.match(oneLine(r), reason, args.join(" "));
  }
  // Notes join the one line: a leaf given as the anchor would also be refused as a trust anchor.
  assert.match(
    oneLine(verify("--anchor", "app.cert.pem", "app.cert.pem")),
    /\(also: Roles Anywhere would refuse "CN=app-1" as a trust anchor: basicConstraints cA is not TRUE/,
  );
  // The revoked leaf without the CRL is valid: revocation comes only from imported CRLs.
  assert.equal(verify("--anchor", "issuing/ca.cert.pem", "revoked.cert.pem").code, 0);
  assert.equal(verify("--anchor", "issuing/ca.cert.pem", "--crl", "issuing/crl.pem", "app.cert.pem").code, 0);
});

test("openssl agrees about the revoked leaf and the CRL", { skip: OPENSSL_MISSING }, () => {
  const crl = openssl(cwd, ["crl", "-in", "issuing/crl.pem", "-noout", "-CAfile", "issuing/ca.cert.pem"]);
  assert.equal(crl.code, 0, crl.stderr);
  assert.match(crl.stderr + crl.stdout, /verify OK/);
  const r = openssl(cwd, [
    "verify",
    "-crl_check",
    "-CRLfile",
    "issuing/crl.pem",
    "-CAfile",
    "issuing/ca.cert.pem",
    "-partial_chain",
    "revoked.cert.pem",
  ]);
  assert.notEqual(r.code, 0);
  assert.match(r.stdout + r.stderr, /certificate revoked/);
});

test("bad usage: exit 2 with one line", () => {
  writeFileSync(join(cwd, "empty.pem"), "");
  const rows: readonly [string[], RegExp][] = [
    [["app.cert.pem"], /give the trust anchor: --anchor FILE/],
    [["--anchor", "missing.pem", "app.cert.pem"], /--anchor: cannot read missing\.pem: no such file/],
    [["--anchor", "empty.pem", "app.cert.pem"], /--anchor empty\.pem holds no certificate/],
    [
      ["--anchor", "issuing/ca.cert.pem", "missing.pem"],
      /certificate: cannot read missing\.pem: no such file/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--chain", "nope.pem", "app.cert.pem"],
      /--chain: cannot read nope\.pem/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--crl", "app.cert.pem", "app.cert.pem"],
      /--crl app\.cert\.pem: expected CRLs, found a CERTIFICATE PEM block/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--crl", "none.crl", "app.cert.pem"],
      /--crl: cannot read none\.crl/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--at", "next week", "app.cert.pem"],
      /--at "next week" is not a time/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--profile", "x509", "app.cert.pem"],
      /--profile must be roles-anywhere or rfc5280/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--max-depth", "-1", "app.cert.pem"],
      /--max-depth must be a whole number/,
    ],
    [
      ["--anchor", "issuing/ca.cert.pem", "--anchor", "issuing/ca.key.pem", "app.cert.pem"],
      /found a PRIVATE KEY PEM block \(never pass a private key here\)/,
    ],
  ];
  assert.equal(rows.length, 11);
  for (const [args, message] of rows) {
    const r = verify(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(oneLine(r), message, args.join(" "));
  }
  const noArg = verify("--anchor", "issuing/ca.cert.pem");
  assert.equal(noArg.code, 2);
  assert.match(noArg.stderr, /missing required argument 'cert'/);
});

test("verifying and linting load neither @peculiar/x509 (issuance only) nor the SigV4 signer", () => {
  const hooks = join(cwd, "deny-hooks.mjs");
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
  if (/^(@peculiar\\/x509|reflect-metadata|@smithy\\/)/.test(specifier)) throw new Error("must not load " + specifier);
  return next(specifier, context);
}
`,
  );
  writeFileSync(
    join(cwd, "deny.mjs"),
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", join(cwd, "deny.mjs"), BIN, ...args], {
      cwd,
      env: cleanEnv(),
      encoding: "utf8",
    });
  const verify = run([
    "cert",
    "verify",
    "--anchor",
    "issuing/ca.cert.pem",
    "--crl",
    "issuing/crl.pem",
    "app.cert.pem",
  ]);
  assert.equal(verify.status, 0, verify.stderr);
  assert.equal(run(["cert", "lint", "app.cert.pem"]).status, 0);
  assert.equal(run(["crl", "revoke", "--help"]).status, 0);
  // The hook works: issuing needs @peculiar/x509 and is refused under it.
  const issue = run(["cert", "issue", "--ca-dir", "issuing", "--cn", "denied", "--out", "denied"]);
  assert.notEqual(issue.status, 0);
  assert.match(issue.stderr, /must not load (@peculiar\/x509|reflect-metadata)/);
});
