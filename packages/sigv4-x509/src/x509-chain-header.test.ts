import assert from "node:assert/strict";
import { test } from "node:test";
import { expectX509Error } from "./expect-error.fixture.js";
import { certificateDer, fixtureFile, pemCertificates } from "./vectors.fixture.js";
import { formatChainHeader, parseChainHeader } from "./x509-chain-header.js";

const CHAIN = pemCertificates(fixtureFile("pki/chain-intermediate-root.pem").toString("utf8"));

test("the fixture chain has the intermediate then the root", () => assert.equal(CHAIN.length, 2));

test("chain header round-trips in file order, joined by ',' without spaces", () => {
  const header = formatChainHeader(CHAIN);
  assert.equal(header, CHAIN.map((d) => d.toString("base64")).join(","));
  assert.deepEqual(parseChainHeader(header), CHAIN);
});

test("spaces around commas are tolerated (node joins repeated headers with ', ')", () => {
  assert.deepEqual(parseChainHeader(CHAIN.map((d) => d.toString("base64")).join(", ")), CHAIN);
});

test("five certificates are allowed; six are not", () => {
  const five = Array.from({ length: 5 }, () => certificateDer("pki/intermediate-ca.cert.pem"));
  assert.equal(parseChainHeader(formatChainHeader(five)).length, 5);
  expectX509Error(
    () => formatChainHeader([...five, CHAIN[0] as Buffer]),
    "ChainTooLong",
    /6 certificates; the limit is 5/,
  );
  expectX509Error(
    () => parseChainHeader(`${formatChainHeader(five)},x`),
    "ChainTooLong",
    /X-Amz-X509-Chain has 6 certificates; the limit is 5: send only the CA certificates/,
  );
});

test("the count is checked before anything is decoded", () => {
  expectX509Error(() => parseChainHeader(",".repeat(100_000)), "ChainTooLong", /100001 certificates/);
});

test("an empty or blank chain header says to omit the header", () => {
  expectX509Error(
    () => parseChainHeader(""),
    "EmptyChainHeader",
    /is empty; omit the header when there are no intermediate certificates/,
  );
  expectX509Error(() => parseChainHeader(" \t"), "EmptyChainHeader", /omit the header/);
  expectX509Error(() => formatChainHeader([]), "EmptyChainHeader", /omit the header/);
});

test("an empty or malformed entry is named by position", () => {
  const one = (CHAIN[0] as Buffer).toString("base64");
  expectX509Error(() => parseChainHeader(`${one},,${one}`), "MalformedCertificate", /entry 2 is empty/);
  expectX509Error(
    () => parseChainHeader(`${one},${one}x`),
    "MalformedCertificate",
    /X-Amz-X509-Chain entry 2 is not standard padded base64/,
  );
});
