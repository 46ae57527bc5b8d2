import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import { parseIni } from "../aws/ini.js";
import { mergeCredentials } from "./credentials-file.js";

const C = {
  accessKeyId: "ASIAEXAMPLEACCESSKEY",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zz=",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN/abc+def==",
  expiration: "2045-01-01T00:00:00Z",
};
const BLOCK = `aws_access_key_id = ${C.accessKeyId}\naws_secret_access_key = ${C.secretAccessKey}\naws_session_token = ${C.sessionToken}\n`;

interface Scenario {
  id: string;
  argv: string[];
  preContent: string | null;
  postContent: string;
}
const FIXTURE = join(import.meta.dirname, "../../../../test/fixtures/createsession/update.json");
const scenarios = (JSON.parse(readFileSync(FIXTURE, "utf8")) as { scenarios: Scenario[] }).scenarios;
const profileOf = (argv: string[]) =>
  argv.includes("--profile") ? argv[argv.indexOf("--profile") + 1]! : "default";

/**
 * What we write for each of update.json's starting files. Where the helper v1.4 differs, the
 * difference is the fix: it drops the profile's last line when the profile is last, adds keys past a
 * blank line or into the next section's place, and ends a new profile with an extra blank line.
 */
const OURS: Record<string, string> = {
  "fresh-home-default-once": `[default]\n${BLOCK}`,
  "fresh-env-file-named-profile-once": `[rolesanywhere]\n${BLOCK}`,
  "existing-target-last-once":
    "[default]\naws_access_key_id = OLDKEY\nregion = us-west-2\n\n[rolesanywhere]\noutput = json\n" +
    `aws_session_token = ${C.sessionToken}\naws_access_key_id = ${C.accessKeyId}\naws_secret_access_key = ${C.secretAccessKey}\n`,
  "existing-target-first-once":
    `[default]\naws_access_key_id = ${C.accessKeyId}\nregion = us-west-2\naws_secret_access_key = ${C.secretAccessKey}\naws_session_token = ${C.sessionToken}\n\n` +
    "[rolesanywhere]\noutput = json\naws_session_token = OLDTOKEN\naws_access_key_id = OLDKEY2\n",
  "existing-target-last-line-unmanaged-once": `[other]\naws_access_key_id = X\n\n[rolesanywhere]\naws_access_key_id = ${C.accessKeyId}\nregion = eu-west-1\naws_secret_access_key = ${C.secretAccessKey}\naws_session_token = ${C.sessionToken}\n`,
  "existing-no-trailing-newline-once": `[default]\n${BLOCK}`,
  "new-profile-appended-once": `[other]\naws_access_key_id = X\n\n[rolesanywhere]\naws_access_key_id = OLD\nregion = eu-west-1\n\n[brand-new]\n${BLOCK}`,
  "long-running-killed": `[default]\n${BLOCK}`,
};

test("update.json's 8 starting files: the same credentials as the helper wrote, every other line kept", () => {
  assert.equal(scenarios.length, 8);
  for (const s of scenarios) {
    const profile = profileOf(s.argv);
    const ours = mergeCredentials(s.preContent ?? undefined, profile, C);
    assert.equal(ours, OURS[s.id], s.id);
    const theirs = parseIni(s.postContent).get(profile)!;
    const mine = parseIni(ours).get(profile)!;
    for (const key of ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"])
      assert.equal(mine.get(key), theirs.get(key), `${s.id}: ${key} as the helper wrote it`);
    // Every unmanaged setting of the original file survives (the helper loses `region` in one case).
    for (const [name, section] of parseIni(s.preContent ?? "")) {
      for (const [key, value] of section) {
        if (name === profile && key.startsWith("aws_")) continue;
        assert.equal(parseIni(ours).get(name)?.get(key), value, `${s.id}: [${name}] ${key} kept`);
      }
    }
  }
});

test("comments, blank lines, other profiles and CRLF are byte-preserved", () => {
  const before = [
    "# managed by hand",
    "[dev]",
    "aws_access_key_id = AKIADEV ; not a comment in a value",
    "",
    "; the next profile is ours",
    "[ ci ]   # spaces around the name",
    "region = us-east-2",
    "aws_session_token = OLD",
    "   continued-line-of-old-token",
    "aws_session_token = DUPLICATE",
    "# trailing comment of ci",
    "",
    "[prod]",
    "aws_access_key_id = AKIAPROD",
  ].join("\r\n");
  const after = mergeCredentials(before, "ci", C);
  assert.equal(
    after,
    [
      "# managed by hand",
      "[dev]",
      "aws_access_key_id = AKIADEV ; not a comment in a value",
      "",
      "; the next profile is ours",
      "[ ci ]   # spaces around the name",
      "region = us-east-2",
      `aws_session_token = ${C.sessionToken}`,
      `aws_access_key_id = ${C.accessKeyId}`,
      `aws_secret_access_key = ${C.secretAccessKey}`,
      "# trailing comment of ci",
      "",
      "[prod]",
      "aws_access_key_id = AKIAPROD",
    ].join("\r\n"),
  );
  assert.equal(mergeCredentials(after, "ci", C), after, "idempotent");
});

test("values that would break a line are refused; keys are matched case-insensitively", () => {
  assert.throws(() => mergeCredentials("", "default", { ...C, sessionToken: "a\nb" }), /cannot be written/);
  assert.equal(mergeCredentials("[default]\nAWS_ACCESS_KEY_ID=old\n", "default", C), `[default]\n${BLOCK}`);
  assert.equal(mergeCredentials("[a]\nx = 1", "b", C), `[a]\nx = 1\n\n[b]\n${BLOCK}`);
});
