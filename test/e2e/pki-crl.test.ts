// `anchorage crl revoke` and `crl create` end to end.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { OPENSSL_MISSING, anchorage, oneLine, openssl, tempDir } from "./pki-cli.js";

let cwd: string;
const serials: Record<string, string> = {};

interface Index {
  lastCrlNumber: number;
  revoked: { serial: string; reason?: string; revokedAt: string }[];
}
const index = (dir = "anchorage-ca") =>
  JSON.parse(readFileSync(join(cwd, dir, "index.json"), "utf8")) as Index;

before(() => {
  cwd = tempDir("crl");
  assert.equal(anchorage(cwd, ["ca", "init", "--cn", "Root"]).code, 0);
  assert.equal(anchorage(cwd, ["ca", "init", "--out-dir", "other", "--cn", "Other"]).code, 0);
  for (const name of ["a", "b", "c", "d"]) {
    const r = anchorage(cwd, ["cert", "issue", "--cn", name]);
    assert.equal(r.code, 0, r.stderr);
    serials[name] = /serial ([0-9A-F]+)/.exec(r.stdout)![1]!;
  }
  assert.equal(anchorage(cwd, ["cert", "issue", "--ca-dir", "other", "--cn", "foreign"]).code, 0);
});

test("crl revoke and crl create --help", () => {
  const revoke = anchorage(cwd, ["crl", "revoke", "--help"]);
  assert.equal(revoke.code, 0);
  assert.match(revoke.stdout, /--reason <reason> +CRL reason: unspecified, keyCompromise, cACompromise/);
  const create = anchorage(cwd, ["crl", "create", "--help"]);
  assert.equal(create.code, 0);
  for (const flag of [
    "--next-update-days",
    "--out",
    "--der",
    "--upload",
    "--trust-anchor-arn",
    "--endpoint",
    "--crl-arn",
  ])
    assert.match(create.stdout, new RegExp(`${flag}\\b`), flag);
});

test("crl revoke by serial (any spelling) and by certificate file records reason and date; again says so", () => {
  const bySerial = anchorage(cwd, [
    "crl",
    "revoke",
    serials.a!.toLowerCase().replace(/(..)(?!$)/g, "$1:"),
    "--reason",
    "keyCompromise",
  ]);
  assert.equal(bySerial.code, 0, bySerial.stderr);
  assert.match(
    bySerial.stdout,
    new RegExp(`^revoked serial ${serials.a} \\("CN=a"\\), reason keyCompromise, at `),
  );
  assert.match(bySerial.stdout, /anchorage crl create --ca-dir anchorage-ca/);
  const byFile = anchorage(cwd, ["crl", "revoke", "b.cert.pem", "--reason", "superseded"]);
  assert.equal(byFile.code, 0, byFile.stderr);
  const noReason = anchorage(cwd, ["crl", "revoke", serials.c!]);
  assert.equal(noReason.code, 0, noReason.stderr);
  assert.deepEqual(
    index().revoked.map((r) => [r.serial, r.reason]),
    [
      [serials.a, "keyCompromise"],
      [serials.b, "superseded"],
      [serials.c, undefined],
    ],
  );
  for (const r of index().revoked) assert.ok(Number.isFinite(Date.parse(r.revokedAt)));
  const again = anchorage(cwd, ["crl", "revoke", serials.a!, "--reason", "superseded"]);
  assert.equal(again.code, 0);
  assert.match(
    again.stdout,
    new RegExp(`^serial ${serials.a} is already revoked \\(keyCompromise, since .*\\); nothing changed`),
  );
  assert.equal(index().revoked.length, 3);
});

test("revoking an unknown serial is a clear error unless --force", () => {
  const unknown = anchorage(cwd, ["crl", "revoke", "0BADC0DE"]);
  assert.equal(unknown.code, 1);
  assert.equal(
    oneLine(unknown),
    "anchorage: serial 0BADC0DE is not in anchorage-ca's index of issued certificates; check the serial (`anchorage cert issue` prints it) or pass --force to revoke it anyway",
  );
  const forced = anchorage(cwd, ["crl", "revoke", "0BADC0DE", "--force", "--reason", "cessationOfOperation"]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /not in the index of issued certificates: revoked with --force/);
  const foreign = anchorage(cwd, ["crl", "revoke", "foreign.cert.pem"]);
  assert.equal(foreign.code, 1);
  assert.equal(
    oneLine(foreign),
    'anchorage: foreign.cert.pem ("CN=foreign") was issued by "CN=Other", not by this CA ("CN=Root")',
  );
});

test("crl revoke refuses bad input with exit 2", () => {
  const rows: readonly [string[], RegExp][] = [
    [["xyz"], /"xyz" is not a hexadecimal serial number or a certificate file/],
    [["missing.pem"], /missing\.pem: no such certificate file/],
    [[serials.d!, "--reason", "bored"], /--reason must be one of unspecified, keyCompromise/],
    [[serials.d!, "--reason", "removeFromCRL"], /--reason must be one of/],
    [[serials.d!, "--ca-dir", "nowhere"], /no CA in nowhere/],
  ];
  assert.equal(rows.length, 5);
  for (const [args, message] of rows) {
    const r = anchorage(cwd, ["crl", "revoke", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(oneLine(r), message);
  }
  assert.equal(
    index().revoked.some((r) => r.serial === serials.d),
    false,
  );
});

test("crl create: numbers increase, every revocation is listed, PEM or DER", () => {
  const first = anchorage(cwd, ["crl", "create"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /^wrote CRL number 1 of "CN=Root" listing 4 revoked serial\(s\), next update .*: anchorage-ca\/crl\.pem\n/,
  );
  assert.match(readFileSync(join(cwd, "anchorage-ca", "crl.pem"), "utf8"), /^-----BEGIN X509 CRL-----\n/);
  const second = anchorage(cwd, ["crl", "create", "--der", "--out", "root.crl", "--next-update-days", "30"]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /^wrote CRL number 2 .*: root\.crl \(DER\)/);
  assert.equal(readFileSync(join(cwd, "root.crl"))[0], 0x30);
  assert.equal(index().lastCrlNumber, 2);
});

test(
  "openssl reads and verifies the CRLs and refuses the revoked certificates",
  { skip: OPENSSL_MISSING },
  () => {
    assert.equal(anchorage(cwd, ["crl", "create"]).code, 0);
    const text = openssl(cwd, [
      "crl",
      "-in",
      "anchorage-ca/crl.pem",
      "-noout",
      "-text",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
    ]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stderr + text.stdout, /verify OK/);
    assert.match(text.stdout, /X509v3 CRL Number: \s*3\b/);
    assert.match(
      text.stdout,
      new RegExp(
        `Serial Number: ${serials.a}\\s+Revocation Date: .*\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`,
      ),
    );
    assert.match(text.stdout, /Superseded/);
    assert.match(text.stdout, /Cessation Of Operation/);
    const der = openssl(cwd, [
      "crl",
      "-inform",
      "DER",
      "-in",
      "root.crl",
      "-noout",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
    ]);
    assert.equal(der.code, 0, der.stderr);
    const revoked = openssl(cwd, [
      "verify",
      "-crl_check",
      "-CRLfile",
      "anchorage-ca/crl.pem",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
      "a.cert.pem",
    ]);
    assert.notEqual(revoked.code, 0);
    assert.match(revoked.stdout + revoked.stderr, /certificate revoked/);
    const fine = openssl(cwd, [
      "verify",
      "-crl_check",
      "-CRLfile",
      "anchorage-ca/crl.pem",
      "-CAfile",
      "anchorage-ca/ca.cert.pem",
      "d.cert.pem",
    ]);
    assert.equal(fine.code, 0, fine.stdout + fine.stderr);
    // And cert verify says the same with the same CRL.
    assert.equal(
      anchorage(cwd, [
        "cert",
        "verify",
        "--anchor",
        "anchorage-ca/ca.cert.pem",
        "--crl",
        "anchorage-ca/crl.pem",
        "a.cert.pem",
      ]).code,
      1,
    );
    assert.equal(
      anchorage(cwd, [
        "cert",
        "verify",
        "--anchor",
        "anchorage-ca/ca.cert.pem",
        "--crl",
        "anchorage-ca/crl.pem",
        "d.cert.pem",
      ]).code,
      0,
    );
  },
);

test("crl create with an encrypted CA key: the right, a wrong and no passphrase", () => {
  writeFileSync(join(cwd, "pw.txt"), "sesame open\n");
  writeFileSync(join(cwd, "bad.txt"), "sesame shut\n");
  assert.equal(anchorage(cwd, ["ca", "init", "--out-dir", "enc", "--passphrase-file", "pw.txt"]).code, 0);
  const ok = anchorage(cwd, ["crl", "create", "--ca-dir", "enc", "--passphrase-file", "pw.txt"]);
  assert.equal(ok.code, 0, ok.stderr);
  const wrong = anchorage(cwd, ["crl", "create", "--ca-dir", "enc", "--passphrase-file", "bad.txt"]);
  assert.equal(wrong.code, 1);
  assert.equal(
    oneLine(wrong),
    "anchorage: cannot decrypt enc/ca.key.pem with the passphrase from --passphrase-file bad.txt: wrong passphrase",
  );
  const none = anchorage(cwd, ["crl", "create", "--ca-dir", "enc"]);
  assert.equal(none.code, 2);
  assert.match(
    oneLine(none),
    /enc\/ca\.key\.pem is encrypted; pass --passphrase-file FILE or set ANCHORAGE_PASSPHRASE/,
  );
  assert.equal(index("enc").lastCrlNumber, 1, "failed runs take no CRL number");
});

test("crl create refuses bad input with exit 2", () => {
  const rows: readonly [string[], RegExp][] = [
    [["--next-update-days", "0"], /--next-update-days must be a whole number from 1 to 3660/],
    [
      ["--trust-anchor-arn", "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x"],
      /--trust-anchor-arn needs --upload/,
    ],
    [["--upload"], /--upload needs --trust-anchor-arn ARN/],
    [["--upload", "--trust-anchor-arn", "arn:aws:iam::123456789012:role/x"], /is not a trust anchor ARN/],
    [
      [
        "--upload",
        "--trust-anchor-arn",
        "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x",
        "--crl-arn",
        "nope",
      ],
      /--crl-arn "nope" is not a CRL ARN/,
    ],
    [
      [
        "--upload",
        "--trust-anchor-arn",
        "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x",
        "--endpoint",
        "ftp://x",
      ],
      /must be http\(s\)/,
    ],
    [
      [
        "--upload",
        "--trust-anchor-arn",
        "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x",
        "--crl-name",
        "bad/name",
      ],
      /--crl-name "bad\/name" must be/,
    ],
    [["--ca-dir", "nowhere"], /no CA in nowhere/],
    [["--out", "no/such/dir/crl.pem"], /cannot write no\/such\/dir\/crl\.pem: no such file/],
  ];
  assert.equal(rows.length, 9);
  const before = index().lastCrlNumber;
  for (const [args, message] of rows) {
    const r = anchorage(cwd, ["crl", "create", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(oneLine(r), message);
  }
  assert.equal(index().lastCrlNumber, before, "refused before taking a CRL number");
});
