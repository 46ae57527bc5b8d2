import assert from "node:assert/strict";
import { test } from "node:test";
import { stringToSign } from "./string-to-sign.js";

test("algorithm, date, scope, then the hex SHA-256 of the canonical request", () => {
  assert.equal(
    stringToSign(
      "AWS4-X509-RSA-SHA256",
      "20260115T120000Z",
      "20260115/us-east-1/rolesanywhere/aws4_request",
      "abc",
    ),
    "AWS4-X509-RSA-SHA256\n20260115T120000Z\n20260115/us-east-1/rolesanywhere/aws4_request\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});
