// `anchorage cert lint` end to end: the findings table, --json, roles, exit codes.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { OPENSSL_MISSING, anchorage, oneLine, openssl, tempDir } from "./pki-cli.js";

let cwd: string;
let notAfter: Date;

interface Report {
  file: string;
  errors: number;
  warnings: number;
  certificates: {
    subject: string;
    role: string;
    roleFrom: string;
    findings: { id: string; severity: string; message: string; fix: string }[];
  }[];
}

before(() => {
  cwd = tempDir("lint");
  assert.equal(anchorage(cwd, ["ca", "init", "--cn", "Root"]).code, 0);
  const leaf = anchorage(cwd, ["cert", "issue", "--cn", "app-1", "--out", "app"]);
  assert.equal(leaf.code, 0, leaf.stderr);
  notAfter = new Date(/valid until ([^)]+)\)/.exec(leaf.stdout)![1]!);
});

test("cert lint --help", () => {
  const r = anchorage(cwd, ["cert", "lint", "--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--role <role>/);
  assert.match(r.stdout, /--json/);
  assert.match(r.stdout, /Exit codes: 0 no errors \(warnings allowed\), 1 at least one error, 2 bad usage/);
});

test("a certificate from cert issue has no findings (exit 0)", () => {
  const r = anchorage(cwd, ["cert", "lint", "app.cert.pem"]);
  assert.equal(r.code, 0);
  assert.match(
    r.stdout,
    /^app\.cert\.pem: "CN=app-1" \(serial [0-9A-F]+\) as a leaf \(signing certificate\), from basicConstraints: no findings, meets the Roles Anywhere requirements\n$/,
  );
});

test("a CA linted as a leaf: a findings table (errors first, each with its fix) and exit 1", () => {
  const r = anchorage(cwd, ["cert", "lint", "--role", "leaf", "anchorage-ca/ca.cert.pem"]);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split("\n");
  assert.match(
    lines[0]!,
    /^anchorage-ca\/ca\.cert\.pem: "CN=Root" \(serial [0-9A-F]+\) as a leaf \(signing certificate\): 2 errors, 1 warning$/,
  );
  assert.match(lines[1]!, /^ {2}SEVERITY RULE +FINDING$/);
  const severities = lines
    .slice(2)
    .filter((l) => /^ {2}(error|warning) /.test(l))
    .map((l) => l.trim().split(/\s+/).slice(0, 2).join(" "));
  assert.deepEqual(severities, ["error leaf-is-ca", "error leaf-key-usage", "warning validity-long"]);
  assert.equal(lines.filter((l) => /^\s+fix: /.test(l)).length, 3, "every finding has its fix");
  assert.equal(lines.length, 2 + 3 * 2, "a heading, the column names, and two lines per finding");
  assert.match(
    r.stdout,
    /fix: issue an end-entity certificate with `basicConstraints = critical, CA:FALSE` \(anchorage cert issue\)/,
  );
  assert.match(r.stdout, /fix: issue it with a shorter validity \(--validity-days 365\)/);
});

test("--json: every finding with id, severity, message and fix, and the counts", () => {
  const r = anchorage(cwd, ["cert", "lint", "--role", "leaf", "--json", "anchorage-ca/ca.cert.pem"]);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout) as Report;
  assert.equal(report.file, "anchorage-ca/ca.cert.pem");
  assert.equal(report.errors, 2);
  assert.equal(report.warnings, 1);
  assert.equal(report.certificates.length, 1);
  const [c] = report.certificates;
  assert.equal(c!.role, "leaf");
  assert.equal(c!.roleFrom, "flag");
  assert.deepEqual(c!.findings.map((f) => [f.id, f.severity]).sort(), [
    ["leaf-is-ca", "error"],
    ["leaf-key-usage", "error"],
    ["validity-long", "warning"],
  ]);
  for (const f of c!.findings) assert.ok(f.message.length > 0 && f.fix.length > 0, f.id);
});

test("--at: expiring soon is a warning (exit 0), expired an error (exit 1)", () => {
  const soon = new Date(notAfter.getTime() - 10 * 86_400_000).toISOString();
  const warn = anchorage(cwd, ["cert", "lint", "--json", "--at", soon, "app.cert.pem"]);
  assert.equal(warn.code, 0);
  assert.deepEqual(
    (JSON.parse(warn.stdout) as Report).certificates[0]!.findings.map((f) => f.id),
    ["validity-expiring"],
  );
  const late = new Date(notAfter.getTime() + 86_400_000).toISOString();
  const expired = anchorage(cwd, ["cert", "lint", "--at", late, "app.cert.pem"]);
  assert.equal(expired.code, 1);
  assert.match(expired.stdout, /error +validity-expired/);
});

test("a bundle is linted certificate by certificate, each role from its basicConstraints, with a total", () => {
  writeFileSync(
    join(cwd, "bundle.pem"),
    readFileSync(join(cwd, "app.cert.pem"), "utf8") +
      readFileSync(join(cwd, "anchorage-ca", "ca.cert.pem"), "utf8"),
  );
  const r = anchorage(cwd, ["cert", "lint", "bundle.pem"]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(
    r.stdout,
    /^bundle\.pem #1: "CN=app-1" .* as a leaf \(signing certificate\), from basicConstraints: no findings/m,
  );
  assert.match(
    r.stdout,
    /^bundle\.pem #2: "CN=Root" .* as a trust anchor \/ CA, from basicConstraints: no findings/m,
  );
  assert.match(r.stdout, /^bundle\.pem: 0 errors, 0 warnings in 2 certificates$/m);
});

test(
  "an openssl leaf without keyUsage, with a short serial and a long life: each requirement named",
  { skip: OPENSSL_MISSING },
  () => {
    const made = openssl(cwd, [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "plain.key",
      "-subj",
      "/CN=plain leaf",
      "-days",
      "1000",
      "-set_serial",
      "7",
      "-addext",
      "basicConstraints=CA:FALSE",
      "-out",
      "plain.pem",
    ]);
    assert.equal(made.code, 0, made.stderr);
    const r = anchorage(cwd, ["cert", "lint", "--json", "plain.pem"]);
    assert.equal(r.code, 1);
    const ids = (JSON.parse(r.stdout) as Report).certificates[0]!.findings.map((f) => f.id).sort();
    for (const id of ["leaf-key-usage", "serial-short", "validity-long", "cn-source-identity"])
      assert.ok(ids.includes(id), `${id} in ${ids.join(",")}`);
  },
);

test("bad usage exits 2 with one line", () => {
  writeFileSync(join(cwd, "junk.txt"), "not a certificate");
  const rows: readonly [string[], RegExp][] = [
    [["missing.pem"], /^anchorage: certificate: cannot read missing\.pem: no such file$/m],
    [
      ["app.key.pem"],
      /expected certificates, found a PRIVATE KEY PEM block \(never pass a private key here\)/,
    ],
    [["junk.txt"], /junk\.txt is neither PEM nor DER/],
    [["--role", "root", "app.cert.pem"], /--role must be anchor or leaf, got "root"/],
    [["--at", "tomorrow", "app.cert.pem"], /--at "tomorrow" is not a time/],
    [[], /missing required argument 'cert'/],
  ];
  assert.equal(rows.length, 6);
  for (const [args, message] of rows) {
    const r = anchorage(cwd, ["cert", "lint", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    if (args.length > 0) assert.match(oneLine(r), message);
  }
});
