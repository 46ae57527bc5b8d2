import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { fixture, pki } from "./fixture-files.js";
import { formatPem, looksLikePem, parsePem, PemError } from "./pem.js";

test("formatPem and parsePem round-trip label and bytes", () => {
  const der = Buffer.from(Array.from({ length: 200 }, (_, i) => i));
  const text = formatPem("CERTIFICATE", der);
  assert.match(
    text,
    /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n){4}[A-Za-z0-9+/=]{12}\n-----END CERTIFICATE-----\n$/,
  );
  const [block, ...rest] = parsePem(text);
  assert.equal(rest.length, 0);
  assert.equal(block?.label, "CERTIFICATE");
  assert.deepEqual(block?.der, der);
  assert.equal(block?.text, text);
});

test("parses every block of a bundle in order, ignoring text around them, with CRLF line ends", () => {
  const bundle = readFileSync(fixture("bundle-with-text.pem"), "utf8").replace(/\n/g, "\r\n");
  const blocks = parsePem(bundle);
  assert.deepEqual(
    blocks.map((b) => b.label),
    ["CERTIFICATE", "CERTIFICATE"],
  );
  const intermediate = parsePem(readFileSync(pki("intermediate-ca.cert.pem"), "utf8"))[0];
  assert.deepEqual(blocks[0]?.der, intermediate?.der);
});

test("keeps RFC 1421 headers of a legacy encrypted key; re-encoding gives openssl's text back", () => {
  const text = readFileSync(fixture("client-rsa.key.legacy-enc.pem"), "utf8");
  const [block] = parsePem(text);
  assert.equal(block?.label, "RSA PRIVATE KEY");
  assert.equal(block?.headers["Proc-Type"], "4,ENCRYPTED");
  assert.match(block?.headers["DEK-Info"] ?? "", /^AES-256-CBC,[0-9A-F]{32}$/);
  assert.equal(block?.text, text);
});

test("indented PEM (pasted from YAML) parses to the canonical text", () => {
  const text = readFileSync(pki("client-rsa.key.pem"), "utf8");
  const indented = text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");
  const [block] = parsePem(`key: |\n${indented}`);
  assert.equal(block?.text, text);
});

test("reads an EC PARAMETERS block and the key after it", () => {
  const blocks = parsePem(readFileSync(fixture("client-ec-p256.key.ecparam.pem"), "utf8"));
  assert.deepEqual(
    blocks.map((b) => b.label),
    ["EC PARAMETERS", "EC PRIVATE KEY"],
  );
});

const BAD: readonly [string, string, RegExp, number][] = [
  [
    "no END line",
    readFileSync(fixture("bundle-truncated.pem"), "utf8"),
    /CERTIFICATE block has no END line/,
    1,
  ],
  [
    "mismatched END",
    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n",
    /ends with END PRIVATE KEY/,
    1,
  ],
  [
    "damaged base64",
    readFileSync(fixture("bundle-garbage.pem"), "utf8"),
    /CERTIFICATE block is not valid base64/,
    2,
  ],
  ["empty body", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", /not valid base64/, 1],
  [
    "a BEGIN inside a block",
    "-----BEGIN A-----\nAAAA\n-----BEGIN B-----\nAAAA\n-----END B-----\n",
    /A block has no END line/,
    1,
  ],
  ["malformed BEGIN line", "x -----BEGIN CERTIFICATE-----\nAAAA\n", /malformed BEGIN line/, 1],
];
test("rejects malformed PEM with the block number", () => {
  let checked = 0;
  for (const [name, text, message, block] of BAD) {
    assert.throws(
      () => parsePem(text),
      (e: unknown) => e instanceof PemError && message.test(e.message) && e.block === block,
      name,
    );
    checked++;
  }
  assert.equal(checked, 6);
});

test("looksLikePem tells PEM content from paths and DER", () => {
  const cases: [string | Uint8Array, boolean][] = [
    ["-----BEGIN CERTIFICATE-----\n", true],
    [Buffer.from("junk\n-----BEGIN PRIVATE KEY-----\n"), true],
    ["pki/client.cert.pem", false],
    [readFileSync(fixture("client-rsa.cert.der")), false],
  ];
  for (const [content, expected] of cases) assert.equal(looksLikePem(content), expected);
  assert.equal(cases.length, 4);
});
