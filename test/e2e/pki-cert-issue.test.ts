// `anchorage cert issue` end to end: new keys, CSRs, intermediates, bad input.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import {
  OPENSSL_MISSING,
  anchorage,
  anchorageAsync,
  flipPemByte,
  oneLine,
  openssl,
  tempDir,
} from "./pki-cli.js";

const mode = (path: string) => statSync(path).mode & 0o777;
let cwd: string;

before(() => {
  cwd = tempDir("issue");
  const root = anchorage(cwd, ["ca", "init", "--cn", "Root", "--o", "Example"]);
  assert.equal(root.code, 0, root.stderr);
  const issuing = anchorage(cwd, [
    "ca",
    "init",
    "--out-dir",
    "issuing",
    "--parent-dir",
    "anchorage-ca",
    "--cn",
    "Issuing",
  ]);
  assert.equal(issuing.code, 0, issuing.stderr);
  // A third level, so the chain file holds more than the issuing CA.
  const deep = anchorage(cwd, ["ca", "init", "--out-dir", "deep", "--parent-dir", "issuing", "--cn", "Deep"]);
  assert.equal(deep.code, 0, deep.stderr);
});

test("cert issue --help lists the flags", () => {
  const r = anchorage(cwd, ["cert", "issue", "--help"]);
  assert.equal(r.code, 0);
  for (const flag of [
    "--ca-dir",
    "--ca-cert",
    "--ca-key",
    "--cn",
    "--ou",
    "--o",
    "--c",
    "--dns",
    "--uri",
    "--email",
    "--key-type",
    "--validity-days",
    "--csr",
    "--out",
    "--key-passphrase-file",
  ])
    assert.match(r.stdout, new RegExp(`${flag}\\b`), flag);
});

test("cert issue: a client certificate with SANs, recorded in the index, clean for cert lint and cert verify", () => {
  const r = anchorage(cwd, [
    "cert",
    "issue",
    "--cn",
    "app-1",
    "--ou",
    "payments",
    "--ou",
    "eu",
    "--o",
    "Example",
    "--c",
    "US",
    "--dns",
    "app-1.example.com",
    "--dns",
    "app-1.internal",
    "--uri",
    "spiffe://example.org/app-1",
    "--email",
    "ops@example.com",
    "--out",
    "app1",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const serial = /serial ([0-9A-F]+)/.exec(r.stdout)![1]!;
  assert.equal(serial.length, 32, "16 random bytes");
  assert.ok(parseInt(serial.slice(0, 2), 16) < 0x80, "positive");
  assert.match(
    r.stdout,
    /^issued "CN=app-1,OU=eu,OU=payments,O=Example,C=US" \(serial [0-9A-F]{32}, valid until .*\) by "CN=Root,O=Example"/,
  );
  assert.match(r.stdout, /anchorage cert verify --anchor anchorage-ca\/ca\.cert\.pem app1\.cert\.pem/);
  assert.equal(mode(join(cwd, "app1.key.pem")), 0o600);
  assert.equal(mode(join(cwd, "app1.cert.pem")), 0o644);
  assert.equal(existsSync(join(cwd, "app1.chain.pem")), false, "no chain under a root");
  const index = JSON.parse(readFileSync(join(cwd, "anchorage-ca", "index.json"), "utf8")) as {
    issued: { serial: string; subject: string; kind: string }[];
  };
  assert.ok(
    index.issued.some((e) => e.serial === serial && e.kind === "leaf" && e.subject.startsWith("CN=app-1,")),
  );
  assert.equal(anchorage(cwd, ["cert", "lint", "app1.cert.pem"]).code, 0);
  const v = anchorage(cwd, ["cert", "verify", "--anchor", "anchorage-ca/ca.cert.pem", "app1.cert.pem"]);
  assert.equal(v.code, 0, v.stderr);
});

test(
  "issued certificates pass openssl verify -x509_strict, with the client extensions",
  { skip: OPENSSL_MISSING },
  () => {
    const r = anchorage(cwd, [
      "cert",
      "issue",
      "--cn",
      "app-2",
      "--dns",
      "app-2.example.com",
      "--uri",
      "spiffe://e/app-2",
      "--key-type",
      "rsa2048",
      "--out",
      "app2",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const v = openssl(cwd, [
      "verify",
      "-x509_strict",
      "-purpose",
      "sslclient",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
      "app2.cert.pem",
    ]);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.trim(), "app2.cert.pem: OK");
    const text = openssl(cwd, ["x509", "-in", "app2.cert.pem", "-noout", "-text"]).stdout;
    assert.match(text, /Basic Constraints: critical\s+CA:FALSE/);
    assert.match(text, /Key Usage: critical\s+Digital Signature/);
    assert.match(text, /Extended Key Usage: \s*TLS Web Client Authentication/);
    assert.match(text, /DNS:app-2\.example\.com, URI:spiffe:\/\/e\/app-2/);
    // The key matches the certificate.
    const certKey = openssl(cwd, ["x509", "-in", "app2.cert.pem", "-noout", "-pubkey"]).stdout;
    const key = openssl(cwd, ["pkey", "-in", "app2.key.pem", "-pubout"]).stdout;
    assert.equal(certKey, key);
  },
);

test("under an intermediate CA, <out>.chain.pem holds the CA and the chain above it; openssl and cert verify accept", () => {
  const r = anchorage(cwd, ["cert", "issue", "--ca-dir", "deep", "--cn", "deep-app", "--out", "deepapp"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /chain {8}deepapp\.chain\.pem \(send it as --intermediates\)/);
  const chain = readFileSync(join(cwd, "deepapp.chain.pem"), "utf8");
  assert.equal(chain.match(/BEGIN CERTIFICATE/g)?.length, 2, "Deep and Issuing");
  const v = anchorage(cwd, [
    "cert",
    "verify",
    "--anchor",
    "anchorage-ca/ca.cert.pem",
    "--chain",
    "deepapp.chain.pem",
    "deepapp.cert.pem",
  ]);
  assert.equal(v.code, 0, v.stderr);
  assert.match(
    v.stdout,
    /leaf {9}"CN=deep-app"[\s\S]*intermediate "CN=Deep"[\s\S]*intermediate "CN=Issuing"[\s\S]*anchor {7}"CN=Root,O=Example"/,
  );
  if (OPENSSL_MISSING === false) {
    const o = openssl(cwd, [
      "verify",
      "-x509_strict",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
      "-untrusted",
      "deepapp.chain.pem",
      "deepapp.cert.pem",
    ]);
    assert.equal(o.code, 0, o.stderr);
  }
});

test(
  "cert issue --csr certifies the CSR's key and subject; a CSR with a flipped signature byte is one clear line",
  { skip: OPENSSL_MISSING },
  () => {
    const req = openssl(cwd, [
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "csr.key",
      "-subj",
      "/O=Example/CN=from-csr",
      "-out",
      "app.csr",
    ]);
    assert.equal(req.code, 0, req.stderr);
    const r = anchorage(cwd, ["cert", "issue", "--csr", "app.csr", "--out", "fromcsr"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^issued "CN=from-csr,O=Example"/);
    assert.match(r.stdout, /key {10}the CSR's \(app\.csr\)/);
    assert.equal(existsSync(join(cwd, "fromcsr.key.pem")), false);
    const certKey = openssl(cwd, ["x509", "-in", "fromcsr.cert.pem", "-noout", "-pubkey"]).stdout;
    assert.equal(certKey, openssl(cwd, ["pkey", "-in", "csr.key", "-pubout"]).stdout);
    // Subject flags override the CSR's subject.
    const named = anchorage(cwd, [
      "cert",
      "issue",
      "--csr",
      "app.csr",
      "--cn",
      "renamed",
      "--out",
      "renamed",
    ]);
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /^issued "CN=renamed"/);
    // DER CSRs are read too.
    assert.equal(openssl(cwd, ["req", "-in", "app.csr", "-outform", "DER", "-out", "app.csr.der"]).code, 0);
    assert.equal(anchorage(cwd, ["cert", "issue", "--csr", "app.csr.der", "--out", "fromder"]).code, 0);

    flipPemByte(join(cwd, "app.csr"), join(cwd, "bad.csr"), 3); // inside the ECDSA signature value
    const bad = anchorage(cwd, ["cert", "issue", "--csr", "bad.csr", "--out", "bad"]);
    assert.equal(bad.code, 1);
    assert.equal(
      oneLine(bad),
      'anchorage: bad.csr: the CSR for "O=Example, CN=from-csr" has a bad signature: it was altered or not signed by its own key',
    );
    assert.equal(existsSync(join(cwd, "bad.cert.pem")), false);
    writeFileSync(
      join(cwd, "garbage.csr"),
      "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    );
    const garbage = anchorage(cwd, ["cert", "issue", "--csr", "garbage.csr", "--out", "garbage"]);
    assert.equal(garbage.code, 1);
    assert.match(
      oneLine(garbage),
      /^anchorage: garbage\.csr: the CSR is not a PEM\/DER PKCS#10 certificate request$/,
    );
  },
);

test("--ca-cert/--ca-key issue without an index, and say so; the client key can be encrypted", () => {
  writeFileSync(join(cwd, "leafpw.txt"), "leaf secret\n");
  const r = anchorage(cwd, [
    "cert",
    "issue",
    "--ca-cert",
    "anchorage-ca/ca.cert.pem",
    "--ca-key",
    "anchorage-ca/ca.key.pem",
    "--cn",
    "loose",
    "--key-passphrase-file",
    "leafpw.txt",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /no --ca-dir: the serial is not recorded; `crl revoke` will need --force/);
  assert.match(r.stdout, /encrypted with the passphrase from --key-passphrase-file leafpw\.txt/);
  assert.match(readFileSync(join(cwd, "loose.key.pem"), "utf8"), /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
});

test("cert issue refuses to overwrite, and refuses bad input with one line and the right exit code", () => {
  assert.equal(anchorage(cwd, ["cert", "issue", "--cn", "dup"]).code, 0);
  const again = anchorage(cwd, ["cert", "issue", "--cn", "dup"]);
  assert.equal(again.code, 1);
  assert.equal(
    oneLine(again),
    "anchorage: dup.cert.pem, dup.key.pem already exist; pass --force to overwrite or choose another --out",
  );
  assert.equal(anchorage(cwd, ["cert", "issue", "--cn", "dup", "--force"]).code, 0);

  const rows: readonly [string[], number, RegExp][] = [
    [
      ["--ca-dir", "nowhere", "--cn", "x"],
      2,
      /^anchorage: no CA in nowhere \(nowhere\/ca\.cert\.pem: no such file\); create one with `anchorage ca init --out-dir nowhere`/,
    ],
    [["--ca-cert", "anchorage-ca/ca.cert.pem", "--cn", "x"], 2, /give --ca-cert and --ca-key together/],
    [
      ["--ca-cert", "missing.pem", "--ca-key", "anchorage-ca/ca.key.pem", "--cn", "x"],
      2,
      /CA certificate: cannot read missing\.pem: no such file/,
    ],
    [
      ["--ca-cert", "app1.cert.pem", "--ca-key", "app1.key.pem", "--cn", "x"],
      1,
      /app1\.cert\.pem \("CN=app-1,.*"\) is not a CA certificate/,
    ],
    [
      ["--ca-cert", "anchorage-ca/ca.cert.pem", "--ca-key", "app1.key.pem", "--cn", "x"],
      1,
      /the CA private key does not belong to the CA certificate/,
    ],
    [[], 2, /give the subject: --cn NAME/],
    [["--cn", "x", "--key-type", "dsa"], 2, /--key-type must be one of/],
    [["--cn", "x", "--csr", "app.csr", "--key-type", "p256"], 2, /give --csr .* or --key-type .*, not both/],
    [["--csr", "missing.csr"], 2, /--csr: cannot read missing\.csr: no such file/],
    [["--cn", "x", "--dns", "a b"], 2, /--dns "a b" is empty or contains spaces/],
    [["--cn", "x", "--validity-days", "forever"], 2, /--validity-days must be a whole number/],
    [["--cn", "x", "--validity-days", "5000"], 1, /after the CA "CN=Root,O=Example" expires/],
    [["--cn", "x", "--out", "no/such/dir/x"], 2, /the directory no\/such\/dir does not exist/],
    [["--cn", "x", "--bogus"], 2, /unknown option '--bogus'/],
  ];
  assert.equal(rows.length, 14);
  for (const [args, code, message] of rows) {
    const r = anchorage(cwd, ["cert", "issue", ...args]);
    assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
    assert.doesNotMatch(r.stderr, /^\s+at /m, args.join(" "));
  }
  assert.equal(existsSync(join(cwd, "x.cert.pem")), false);
});

test("concurrent cert issue runs on one CA directory lose no serial in the index", async () => {
  const runs = await Promise.all(
    ["p1", "p2", "p3", "p4", "p5"].map((cn) => anchorageAsync(cwd, ["cert", "issue", "--cn", cn])),
  );
  const serials = runs.map((r) => {
    assert.equal(r.code, 0, r.stderr);
    return /serial ([0-9A-F]+)/.exec(r.stdout)![1]!;
  });
  assert.equal(serials.length, 5);
  const index = JSON.parse(readFileSync(join(cwd, "anchorage-ca", "index.json"), "utf8")) as {
    issued: { serial: string }[];
  };
  for (const s of serials)
    assert.ok(
      index.issued.some((e) => e.serial === s),
      s,
    );
  assert.equal(existsSync(join(cwd, "anchorage-ca", ".anchorage.lock")), false);
});
