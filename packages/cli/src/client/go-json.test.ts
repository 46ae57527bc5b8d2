import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { goJsonString } from "./go-json.js";

const cases: [string, string][] = [
  ["plain", '"plain"'],
  ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zz=", '"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zz="'],
  ["secret<with>&specials/+=", '"secret\\u003cwith\\u003e\\u0026specials/+="'],
  ['token<&>"quoted"\\backé', '"token\\u003c\\u0026\\u003e\\"quoted\\"\\\\backé"'],
  ["\n\r\t\b\f\u0000\u001f\u007f", '"\\n\\r\\t\\u0008\\u000c\\u0000\\u001f\u007f"'],
  ["\u2028\u2029", '"\\u2028\\u2029"'],
  ["lone \ud800 surrogate", '"lone \ufffd surrogate"'],
  ["emoji 😀", '"emoji 😀"'],
];

test("8 strings escaped as Go 1.19's encoding/json does", () => {
  for (const [input, expected] of cases) assert.equal(goJsonString(input), expected, JSON.stringify(input));
  assert.equal(cases.length, 8);
});

test("the helper's rsa-escape-response output is reproduced from the recorded response", () => {
  const vectors = JSON.parse(
    readFileSync(new URL("../../../../test/fixtures/createsession/vectors.json", import.meta.url), "utf8"),
  ) as {
    cases: { id: string; result: { stdoutUtf8: string }; requests: { mockResponse: { body: string } }[] }[];
  };
  const c = vectors.cases.find((v) => v.id === "rsa-escape-response")!;
  const creds = (
    JSON.parse(c.requests[0]!.mockResponse.body) as {
      credentialSet: [{ credentials: Record<string, string> }];
    }
  ).credentialSet[0].credentials;
  assert.ok(c.result.stdoutUtf8.includes(`"SecretAccessKey":${goJsonString(creds.secretAccessKey!)}`));
  assert.ok(c.result.stdoutUtf8.includes(`"SessionToken":${goJsonString(creds.sessionToken!)}`));
});
