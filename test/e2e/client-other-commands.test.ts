// `sign-string` and `read-certificate-data` through the REAL CLI binary, against the outputs of AWS's
// helper v1.4 (other-commands.json).
import assert from "node:assert/strict";
import { createPrivateKey, sign, verify, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FIXTURES, runCli } from "./client-harness.js";

interface SignRecord {
  key: string;
  digest: string;
  format: string;
  note?: string;
  argv: string[];
  exitCode: number;
  stdoutBase64: string;
  stderrUtf8: string;
  fixedMessageHex?: string;
}
interface CertRecord {
  cert: string;
  argv: string[];
  exitCode: number;
  stdoutBase64: string;
}
const recorded = JSON.parse(readFileSync(join(FIXTURES, "other-commands.json"), "utf8")) as {
  signString: SignRecord[];
  readCertificateData: CertRecord[];
};
const HASH: Record<string, string> = {
  SHA256: "sha256",
  SHA384: "sha384",
  SHA512: "sha512",
  default: "sha256",
};

test("other-commands.json holds 21 sign-string and 7 read-certificate-data records", () => {
  assert.equal(recorded.signString.length, 21);
  assert.equal(recorded.readCertificateData.length, 7);
});

for (const r of recorded.signString) {
  const name = `sign-string ${r.key} --digest ${r.digest} --format ${r.format}${r.note ? ` (${r.note})` : ""}`;
  test(name, async () => {
    const run = await runCli(r.argv.slice(1));
    assert.equal(run.status, r.exitCode, run.stderr);
    if (r.exitCode !== 0) {
      assert.equal(run.stdout.length, 0);
      assert.equal(
        run.stderr,
        "anchorage sign-string: cannot load the signing material: no certificate given; pass --certificate\n",
      );
      return;
    }
    assert.equal(run.stderr, "");
    const expected = Buffer.from(r.stdoutBase64, "base64");
    if (r.key === "rsa") {
      assert.deepEqual(run.stdout, expected, "RSA PKCS#1 v1.5 is deterministic: byte-identical");
      return;
    }
    // ECDSA is randomised: same format and length class, and the signature verifies over the fixed message.
    const format = r.format === "default" ? "json" : r.format;
    const signature =
      format === "bin"
        ? run.stdout
        : Buffer.from(
            format === "json" ? (JSON.parse(run.stdout.toString()) as string) : run.stdout.toString(),
            "hex",
          );
    if (format === "json") assert.match(run.stdout.toString(), /^"[0-9a-f]+"$/);
    if (format === "text") assert.match(run.stdout.toString(), /^[0-9a-f]+$/);
    assert.ok(Math.abs(signature.length - (format === "bin" ? expected.length : expected.length / 2)) <= 3);
    const cert = new X509Certificate(
      readFileSync(join(FIXTURES, r.argv[r.argv.indexOf("--certificate") + 1]!)),
    );
    assert.ok(verify(HASH[r.digest]!, Buffer.from(r.fixedMessageHex!, "hex"), cert.publicKey, signature));
  });
}

test("sign-string signs bytes piped to stdin (v1.4 ignores stdin); an empty stdin means the test message", async () => {
  const key = createPrivateKey(readFileSync(join(FIXTURES, "pki/client-rsa.key.pem")));
  const args = [
    "sign-string",
    "--certificate",
    "pki/client-rsa.cert.pem",
    "--private-key",
    "pki/client-rsa.key.pem",
  ];
  const piped = await runCli([...args, "--format", "text", "--digest", "SHA384"], {
    input: "hello, world\n",
  });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(piped.stdout.toString(), sign("sha384", Buffer.from("hello, world\n"), key).toString("hex"));
  const empty = await runCli([...args, "--format", "text"], { input: "" });
  const testMessage = recorded.signString.find(
    (r) => r.key === "rsa" && r.digest === "SHA256" && r.format === "text",
  )!;
  assert.deepEqual(empty.stdout, Buffer.from(testMessage.stdoutBase64, "base64"));
  const tooMuch = await runCli(args, { input: Buffer.alloc(1024 * 1024 + 1, 0x61) });
  assert.equal(tooMuch.status, 1);
  assert.equal(
    tooMuch.stderr,
    "anchorage sign-string: stdin holds more than 1048576 bytes; sign-string signs at most 1 MiB\n",
  );
});

test("sign-string refuses an unknown --digest or --format in one line", async () => {
  const args = [
    "sign-string",
    "--certificate",
    "pki/client-rsa.cert.pem",
    "--private-key",
    "pki/client-rsa.key.pem",
  ];
  const run = await runCli([...args, "--digest", "MD5"]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /argument 'MD5' is invalid. Allowed choices are SHA256, SHA384, SHA512/);
});

for (const r of recorded.readCertificateData) {
  test(`read-certificate-data ${r.cert}`, async () => {
    const run = await runCli(r.argv.slice(1));
    assert.equal(run.status, r.exitCode);
    if (r.exitCode === 0) {
      assert.equal(run.stderr, "");
      assert.deepEqual(
        run.stdout,
        Buffer.from(r.stdoutBase64, "base64"),
        "byte-identical, no trailing newline",
      );
    } else {
      // The helper exits 1 silently; Anchorage says why, in one line naming the file.
      assert.equal(run.stdout.length, 0);
      assert.equal(
        run.stderr,
        "anchorage read-certificate-data: cannot load the signing material: certificate file pki/nope.pem does not exist; check the --certificate path\n",
      );
    }
  });
}

test("every client command has --help", async () => {
  for (const command of ["credential-process", "sign-string", "read-certificate-data", "version"]) {
    const run = await runCli([command, "--help"]);
    assert.equal(run.status, 0, command);
    assert.match(run.stdout.toString(), new RegExp(`^Usage: anchorage ${command} \\[options\\]`), command);
  }
});
