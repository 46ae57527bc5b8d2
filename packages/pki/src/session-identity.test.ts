import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCertificate } from "./certificate.js";
import { defaultRoleSessionName, sourceIdentity } from "./session-identity.js";
import { forge } from "./test-support/forge.js";
import { fixtureDer } from "./test-support/fixtures.js";

test("fixtures: CN= source identity and the serial as session name", () => {
  const c = parseCertificate(fixtureDer("client-rsa.cert.pem"));
  assert.equal(sourceIdentity(c), "CN=test-client");
  assert.equal(defaultRoleSessionName(c), "1002");
  const big = parseCertificate(fixtureDer("client-rsa-bigserial.cert.pem"));
  assert.equal(defaultRoleSessionName(big), "5C0A1B2C3D4E5F60718293A4B5C6D7E8F9010203");
});

// spec §5.9: CN ≤ 61 → "CN=" + CN; 62..64 → CN; absent → "ID=" + even-length hex serial.
const CASES: [subject: string, serialHex: string, want: string][] = [
  [`CN=${"a".repeat(61)}`, "0123", `CN=${"a".repeat(61)}`],
  [`CN=${"b".repeat(62)}`, "0123", "b".repeat(62)],
  [`CN=${"c".repeat(64)}`, "0123", "c".repeat(64)],
  [`CN=${"d".repeat(65)}`, "0123", "ID=0123"],
  ["O=No CN here", "0123", "ID=0123"],
  ["O=No CN here", "4567", "ID=4567"],
  ["CN=two words", "0AFF", "ID=0AFF"],
  ["CN=user@example.com", "01", "CN=user@example.com"],
];
test("sourceIdentity rules", async () => {
  for (const [subject, serialHex, want] of CASES) {
    const c = parseCertificate((await forge({ subject, serialHex })).der);
    assert.equal(sourceIdentity(c), want, subject.slice(0, 30));
  }
  assert.equal(CASES.length, 8);
});

test("decimal 291 and 17767 render as 0123 and 4567 (the spec's examples)", async () => {
  for (const [dec, hex] of [
    [291, "0123"],
    [17767, "4567"],
  ] as const) {
    const c = parseCertificate((await forge({ subject: "O=x", serialHex: dec.toString(16) })).der);
    assert.equal(defaultRoleSessionName(c), hex);
    assert.equal(sourceIdentity(c), `ID=${hex}`);
  }
});
