// Two REAL `anchorage server` processes on one PostgreSQL database see each other's writes at
// once: create through one, read, list, update, tag, paginate and delete through the other, with
// the REAL AWS CLI.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadIssuance } from "@anchorage/pki";
import {
  AWS_CLI_MISSING,
  POSTGRES_MISSING,
  awsCli,
  freshPostgresUrl,
  startServerProcess,
  tempDir,
} from "./server-process.fixture.js";

test(
  "two server processes on one PostgreSQL database see each other's writes immediately",
  { skip: AWS_CLI_MISSING || POSTGRES_MISSING },
  async (t) => {
    const dir = await tempDir(t, "anchorage-replicas-");
    const database = await freshPostgresUrl(t);
    const one = await startServerProcess(t, join(dir, "one"), ["--database", database]);
    const two = await startServerProcess(t, join(dir, "two"), ["--database", database]);
    assert.match(one.stderr(), /Created account (\d{12})/);
    assert.doesNotMatch(two.stderr(), /Created account/, "the second replica joins the same account");
    assert.equal(existsSync(two.credentialsFile), false);
    const accountId = /account (\d{12})/.exec(two.stderr())?.[1];
    assert.equal(accountId, /Created account (\d{12})/.exec(one.stderr())?.[1]);

    const viaOne = awsCli(one.url, one.credentialsFile);
    const viaTwo = awsCli(two.url, one.credentialsFile);
    const { createCa } = await loadIssuance();
    const ca = await createCa({
      keyType: "p256",
      subject: { CN: "Replica CA" },
      validityDays: 30,
      now: new Date(),
    });
    const source = join(dir, "source.json");
    await writeFile(
      source,
      JSON.stringify({ sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: ca.certPem } }),
    );
    const ok = async (run: typeof viaOne, args: readonly string[]) => {
      const r = await run(args);
      assert.equal(r.code, 0, r.stderr);
      return r.json;
    };

    const created = (
      await ok(viaOne, ["create-trust-anchor", "--name", "made on one", "--source", `file://${source}`])
    ).trustAnchor as { trustAnchorId: string; trustAnchorArn: string };
    const id = created.trustAnchorId;
    const seen = (await ok(viaTwo, ["get-trust-anchor", "--trust-anchor-id", id])).trustAnchor;
    assert.deepEqual(seen, created);
    const listed = (await ok(viaTwo, ["list-trust-anchors"])).trustAnchors as { trustAnchorId: string }[];
    assert.deepEqual(
      listed.map((a) => a.trustAnchorId),
      [id],
    );

    await ok(viaTwo, ["update-trust-anchor", "--trust-anchor-id", id, "--name", "renamed on two"]);
    await ok(viaTwo, ["enable-trust-anchor", "--trust-anchor-id", id]);
    const after = (await ok(viaOne, ["get-trust-anchor", "--trust-anchor-id", id])).trustAnchor as Record<
      string,
      unknown
    >;
    assert.deepEqual([after.name, after.enabled], ["renamed on two", true]);

    await ok(viaOne, [
      "tag-resource",
      "--resource-arn",
      created.trustAnchorArn,
      "--tags",
      "key=team,value=red",
    ]);
    assert.deepEqual(
      (await ok(viaTwo, ["list-tags-for-resource", "--resource-arn", created.trustAnchorArn])).tags,
      [{ key: "team", value: "red" }],
    );

    await ok(viaTwo, ["create-trust-anchor", "--name", "made on two", "--source", `file://${source}`]);
    const firstPage = await ok(viaOne, ["list-trust-anchors", "--page-size", "1", "--max-items", "1"]);
    const secondPage = await ok(viaTwo, [
      "list-trust-anchors",
      "--page-size",
      "1",
      "--starting-token",
      String(firstPage.NextToken),
    ]);
    assert.deepEqual(
      (secondPage.trustAnchors as { name: string }[]).map((a) => a.name),
      ["made on two"],
    );

    const deleted = (await ok(viaTwo, ["delete-trust-anchor", "--trust-anchor-id", id])).trustAnchor as {
      name: string;
    };
    assert.equal(deleted.name, "renamed on two");
    const gone = await viaOne(["get-trust-anchor", "--trust-anchor-id", id]);
    assert.equal(gone.error?.type, "ResourceNotFoundException");
    assert.deepEqual(await Promise.all([one.stop(), two.stop()]), [
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  },
);
