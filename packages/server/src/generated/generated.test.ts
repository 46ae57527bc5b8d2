// The committed modules must be what scripts/generate-models.mjs makes from the botocore on this
// machine: a newer botocore that changes a model fails here until `npm run generate:models` is run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { IAM_MODEL } from "./iam.js";
import { ROLESANYWHERE_MODEL } from "./rolesanywhere.js";
import { STS_MODEL } from "./sts.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const GENERATOR = join(ROOT, "scripts/generate-models.mjs");
const EXIT_NO_BOTOCORE = 3;
const MODULES = ["rolesanywhere", "iam", "sts"].map((s) => `packages/server/src/generated/${s}.ts`);

const run = spawnSync(process.execPath, [GENERATOR, "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const noBotocore = run.status === EXIT_NO_BOTOCORE;
const skip = noBotocore && `botocore was not found (${run.stderr.trim()}); the committed modules are used as they are`;

test("the generator runs", { skip }, () => {
  assert.equal(run.status, 0, run.stderr);
});

const generated: { botocoreVersion: string; files: Record<string, string> } =
  run.status === 0 ? JSON.parse(run.stdout) : { botocoreVersion: "", files: {} };

test("the generator writes exactly the three committed modules", { skip }, () => {
  assert.deepEqual(Object.keys(generated.files).sort(), [...MODULES].sort());
});

for (const path of MODULES) {
  test(`${path} is current with the botocore models`, { skip }, () => {
    const committed = readFileSync(join(ROOT, path), "utf8");
    const fresh = generated.files[path];
    assert.ok(fresh !== undefined, `the generator produced no ${path}`);
    const version = /from botocore (\S+) —/.exec(committed)?.[1];
    if (version === generated.botocoreVersion) {
      assert.equal(committed, fresh, `${path} is stale: run npm run generate:models`);
    } else {
      // Another botocore release: the tables must still be identical, only the version may differ.
      const neutral = (text: string, v: string | undefined) => (v ? text.split(`"${v}"`).join('"*"').replace(` ${v} `, " * ") : text);
      assert.equal(
        neutral(committed, version),
        neutral(fresh, generated.botocoreVersion),
        `botocore ${generated.botocoreVersion} changes ${path} (generated from ${version}): run npm run generate:models`,
      );
    }
  });
}

test("the committed tables carry the facts the server depends on", () => {
  const models = [ROLESANYWHERE_MODEL, IAM_MODEL, STS_MODEL];
  assert.deepEqual(
    models.map((m) => [m.service, m.metadata.protocol, m.metadata.apiVersion, m.metadata.xmlNamespace]),
    [
      ["rolesanywhere", "rest-json", "2018-05-10", undefined],
      ["iam", "query", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/"],
      ["sts", "query", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/"],
    ],
  );
  assert.equal(Object.keys(ROLESANYWHERE_MODEL.operations).length, 30);
  assert.deepEqual(ROLESANYWHERE_MODEL.operations.CreateProfile.http, {
    method: "POST",
    requestUri: "/profiles",
    responseCode: 201,
  });
  assert.equal(IAM_MODEL.operations.CreateRole.resultWrapper, "CreateRoleResult");
  assert.deepEqual(STS_MODEL.operations.AssumeRoleWithWebIdentity.auth, ["smithy.api#noAuth"]);
  assert.deepEqual(IAM_MODEL.shapes.NoSuchEntityException, {
    type: "structure",
    exception: true,
    error: { code: "NoSuchEntity", httpStatusCode: 404, senderFault: true },
    members: { message: { shape: "noSuchEntityMessage" } },
  });
});

test("every pattern is anchored and compiled with the u flag", () => {
  let patterns = 0;
  for (const model of [ROLESANYWHERE_MODEL, IAM_MODEL, STS_MODEL]) {
    for (const shape of Object.values(model.shapes)) {
      if (shape.type !== "string" || shape.pattern === undefined) continue;
      patterns += 1;
      assert.ok(shape.regex, `${shape.pattern} has no regex`);
      assert.equal(shape.regex.flags, "u");
      assert.ok(shape.regex.source.startsWith("^(?:") && shape.regex.source.endsWith(")$"), shape.regex.source);
    }
  }
  // 7 rolesanywhere + 55 iam + 14 sts patterns in the committed tables (botocore 1.43.11).
  assert.equal(patterns, 76);
});
