import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import * as api from "./index.js";

const SURFACE = [
  "ACCEPTED_BODY_CONTENT_TYPES",
  "ALGORITHM_ECDSA",
  "ALGORITHM_RSA",
  "DEFAULT_MAX_CLOCK_SKEW_MS",
  "EMPTY_PAYLOAD_HASH",
  "HEADER_AUTHORIZATION",
  "HEADER_CONTENT_TYPE",
  "HEADER_DATE",
  "HEADER_HOST",
  "HEADER_X509",
  "HEADER_X509_CHAIN",
  "JSON_CONTENT_TYPE",
  "MAX_ARN_LENGTH",
  "MAX_AUTHORIZATION_LENGTH",
  "MAX_CERTIFICATE_BYTES",
  "MAX_CHAIN_CERTS",
  "MAX_CREATE_SESSION_BODY_BYTES",
  "MAX_DURATION_SECONDS",
  "MAX_HEADER_COUNT",
  "MAX_INSTANCE_PROPERTIES",
  "MAX_INSTANCE_PROPERTY_LENGTH",
  "MAX_ROLE_SESSION_NAME_LENGTH",
  "MAX_SIGNATURE_BYTES",
  "MAX_SIGNED_HEADERS",
  "MAX_SIGNED_HEADER_VALUE_LENGTH",
  "MAX_URL_LENGTH",
  "MIN_DURATION_SECONDS",
  "MIN_ROLE_SESSION_NAME_LENGTH",
  "NodeSha256",
  "REQUIRED_SIGNED_HEADERS",
  "SCOPE_TERMINATOR",
  "SERVICE",
  "SESSIONS_PATH",
  "UNSIGNED_HEADERS",
  "WIRE_HEADER_NAMES",
  "X509CertificateCache",
  "X509RequestError",
  "X509_ALGORITHMS",
  "X509_REQUEST_ERRORS",
  "algorithmForKey",
  "buildCreateSessionRequest",
  "canonicalHeaderValue",
  "canonicalHeaders",
  "canonicalQuery",
  "canonicalRequest",
  "canonicalUri",
  "describeKey",
  "formatAmzDate",
  "formatAuthorization",
  "formatChainHeader",
  "formatCredential",
  "formatCredentialScope",
  "formatX509Header",
  "isX509RequestError",
  "normalizePath",
  "parseAlgorithm",
  "parseAmzDate",
  "parseAuthorization",
  "parseChainHeader",
  "parseCreateSessionParams",
  "parseCredential",
  "parseCredentialScope",
  "parseRawQuery",
  "parseSerialDecimal",
  "parseSignedHeaders",
  "parseX509Header",
  "parseX509Request",
  "payloadHash",
  "serialHexToDecimal",
  "sha256Hex",
  "signX509Request",
  "signX509RequestAsync",
  "signedHeaderList",
  "signedHeaderNames",
  "stringToSign",
  "uriEncode",
  "verifyX509Request",
];

test("the public surface is exactly the deliberate list", () => {
  assert.deepEqual(Object.keys(api).sort(), SURFACE);
});

test("runtime code imports only node:crypto and its own modules (no npm dependency)", () => {
  const dir = fileURLToPath(new URL(".", import.meta.url));
  const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !/\.(test|fixture)\.ts$/.test(f));
  assert.ok(sources.length >= 20, `found ${sources.length} source files`);
  let imports = 0;
  for (const file of sources) {
    const text = readFileSync(`${dir}${file}`, "utf8");
    for (const [, specifier] of text.matchAll(/^(?:import|export)[^;]*? from "([^"]+)";/gms)) {
      assert.match(specifier ?? "", /^(\.\/[a-z0-9-]+\.js|node:crypto)$/, `${file} imports ${specifier}`);
      imports++;
    }
  }
  assert.ok(imports >= 50, `found only ${imports} import statements; is the pattern still right?`);
});

test("package.json declares no dependencies", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.peerDependencies, undefined);
});
