import assert from "node:assert/strict";
import test from "node:test";
import { isPkcs11Uri, parsePkcs11Uri, Pkcs11UriError, redactPkcs11Uri } from "./pkcs11-uri.js";

test("path and query attributes, percent-decoded; id stays bytes", () => {
  const uri = parsePkcs11Uri(
    "pkcs11:token=My%20Token;manufacturer=SoftHSM;object=client;id=%01%ff;type=private;x-vendor=1?pin-source=file:/run/pin&module-path=/usr/lib/softhsm/libsofthsm2.so",
  );
  assert.equal(uri.path.get("token")?.toString(), "My Token");
  assert.deepEqual(uri.path.get("id"), Buffer.from([0x01, 0xff]));
  assert.equal(uri.path.get("type")?.toString(), "private");
  assert.equal(uri.query.get("pin-source"), "file:/run/pin");
  assert.equal(uri.query.get("module-path"), "/usr/lib/softhsm/libsofthsm2.so");
  assert.equal(uri.path.size, 5, "x- attributes are ignored");
  assert.equal(parsePkcs11Uri("pkcs11:").path.size, 0);
  assert.equal(parsePkcs11Uri("PKCS11:object=a").path.get("object")?.toString(), "a");
  assert.equal(parsePkcs11Uri("pkcs11:object=caf%C3%A9").path.get("object")?.toString(), "café");
});

const BAD: readonly [string, RegExp][] = [
  ["file:/x", /is not a pkcs11: URI/],
  ["pkcs11:token", /"token" has no value/],
  ["pkcs11:label=x", /unknown path attribute "label"/],
  ["pkcs11:object=a;object=b", /"object" is given twice/],
  ["pkcs11:id=%zz", /bad percent-encoding/],
  ["pkcs11:type=key", /type "key" is not one of/],
  ["pkcs11:object=a?pin=1", /unknown query attribute "pin"/],
  ["pkcs11:object=a?pin-value=1&pin-source=/f", /pin-value or pin-source, not both/],
];

test("malformed URIs are refused with the problem, never the PIN", () => {
  for (const [text, message] of BAD) {
    assert.throws(
      () => parsePkcs11Uri(text),
      (e: unknown) => e instanceof Pkcs11UriError && message.test(e.message),
      text,
    );
  }
  assert.throws(
    () => parsePkcs11Uri("pkcs11:bogus=1?pin-value=SECRET-PIN"),
    (e: unknown) => !(e as Error).message.includes("SECRET-PIN"),
  );
  assert.equal(BAD.length, 8);
});

test("the display form masks pin-value", () => {
  assert.equal(
    redactPkcs11Uri("pkcs11:object=a?pin-value=1234&module-path=/m"),
    "pkcs11:object=a?pin-value=***&module-path=/m",
  );
  assert.equal(parsePkcs11Uri("pkcs11:object=a?pin-value=1234").display, "pkcs11:object=a?pin-value=***");
  assert.deepEqual(["pkcs11:x", "Pkcs11:", "/etc/key.pem", 3].map(isPkcs11Uri), [true, true, false, false]);
});
