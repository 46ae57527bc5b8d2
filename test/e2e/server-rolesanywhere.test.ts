// End to end: the REAL `anchorage server` process (the built CLI), driven by the REAL AWS CLI with
// the credentials the server wrote to <data-dir>/admin-credentials, on SQLite and on PostgreSQL:
// all 30 operations of rolesanywhere 2018-05-10, pagination with --max-items / --starting-token,
// every error type, and bad input over raw HTTP (4xx with a message, never a 5xx, nothing written).
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadIssuance } from "@anchorage/pki";
import { defaultStoreUrl, openStore } from "@anchorage/server";
import { eventually } from "./eventually.js";
import {
  AWS_CLI_MISSING,
  POSTGRES_MISSING,
  awsCli,
  freshPostgresUrl,
  readCredentials,
  signedRequest,
  startServerProcess,
  tempDir,
  type AccessKey,
  type CliResult,
  type ServerProcess,
} from "./server-process.fixture.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN_ID = "0b7d0c6e-1111-4222-8333-444455556666";
const SESSION_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
});

/** `create-trust-anchor` → `CreateTrustAnchor`. */
const operationOf = (command: string) =>
  command
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");

interface Files {
  readonly source: string;
  readonly twoCertSource: string;
  readonly leafSource: string;
  readonly crlPem: string;
  readonly crlPemBytes: Buffer;
  readonly crl2Der: string;
  readonly crl2DerBytes: Buffer;
  readonly garbage: string;
  readonly tooManyTags: string;
}

async function writeFiles(dir: string): Promise<Files> {
  const { createCa, issueCertificate, createCrl } = await loadIssuance();
  const now = new Date();
  const root = await createCa({
    keyType: "p256",
    subject: { CN: "E2E Root CA", O: "Anchorage" },
    validityDays: 365,
    now,
  });
  const other = await createCa({
    keyType: "p256",
    subject: { CN: "E2E Other CA", O: "Anchorage" },
    validityDays: 365,
    now,
  });
  const ca = { certPem: root.certPem, keyPem: root.keyPem };
  const leaf = await issueCertificate({
    ca,
    subject: { CN: "client" },
    keyType: "p256",
    validityDays: 30,
    now,
  });
  const crl = (n: number) =>
    createCrl({
      ca,
      entries: [{ serialHex: leaf.serialHex, revokedAt: now }],
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
      crlNumber: n,
    });
  const [first, second] = [await crl(1), await crl(2)];
  const source = (pem: string) =>
    JSON.stringify({ sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: pem } });
  const files: Files = {
    source: join(dir, "source.json"),
    twoCertSource: join(dir, "two-certs.json"),
    leafSource: join(dir, "leaf-source.json"),
    crlPem: join(dir, "crl.pem"),
    crlPemBytes: Buffer.from(first.pem),
    crl2Der: join(dir, "crl2.der"),
    crl2DerBytes: Buffer.from(second.der),
    garbage: join(dir, "garbage.crl"),
    tooManyTags: join(dir, "tags.json"),
  };
  await writeFile(files.source, source(root.certPem));
  await writeFile(files.twoCertSource, source(root.certPem + other.certPem));
  await writeFile(files.leafSource, source(leaf.certPem));
  await writeFile(files.crlPem, files.crlPemBytes);
  await writeFile(files.crl2Der, files.crl2DerBytes);
  await writeFile(files.garbage, "this is not a CRL at all");
  await writeFile(
    files.tooManyTags,
    JSON.stringify(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }))),
  );
  return files;
}

const BACKENDS = [
  { name: "sqlite", skip: AWS_CLI_MISSING },
  { name: "postgres", skip: AWS_CLI_MISSING || POSTGRES_MISSING },
] as const;

for (const backend of BACKENDS) {
  describe(
    `anchorage server + the AWS CLI, all 30 Roles Anywhere operations (${backend.name})`,
    { skip: backend.skip },
    () => {
      const cleanups: (() => unknown)[] = [];
      const t = { after: (fn: () => unknown) => void cleanups.push(fn) };
      after(async () => {
        for (const fn of cleanups.reverse()) await fn();
      });
      let server: ServerProcess;
      let files: Files;
      let database: string;
      let root: AccessKey;
      let accountId: string;
      let aws: (args: readonly string[]) => Promise<CliResult>;
      const exercised = new Set<string>();

      /** An AWS CLI call that must succeed; records the operation. */
      const ok = async (args: readonly string[]): Promise<Record<string, unknown>> => {
        const r = await aws(args);
        assert.equal(r.code, 0, `aws rolesanywhere ${args.join(" ")} failed:\n${r.stderr}`);
        exercised.add(operationOf(args[0] ?? ""));
        return r.json;
      };
      /** An AWS CLI call that must fail with `type`; returns the message the CLI printed. */
      const refused = async (args: readonly string[], type: string, run = aws): Promise<string> => {
        const r = await run(args);
        assert.notEqual(r.code, 0, `aws rolesanywhere ${args.join(" ")} succeeded`);
        assert.equal(r.error?.type, type, r.stderr);
        assert.equal(r.error?.operation, operationOf(args[0] ?? ""));
        return r.error?.message ?? "";
      };

      before(async () => {
        const dir = await tempDir(t, "anchorage-e2e-");
        const dataDir = join(dir, "data");
        files = await writeFiles(dir);
        database = backend.name === "postgres" ? await freshPostgresUrl(t) : defaultStoreUrl(dataDir);
        server = await startServerProcess(
          t,
          dataDir,
          backend.name === "postgres" ? ["--database", database] : [],
        );
        aws = awsCli(server.url, server.credentialsFile);
        root = await readCredentials(server.credentialsFile);
        accountId = /account (\d{12})/.exec(server.stderr())?.[1] ?? assert.fail(server.stderr());
      });

      test("trust anchors and notification settings", async () => {
        const created = (
          await ok([
            "create-trust-anchor",
            "--name",
            "E2E root",
            "--source",
            `file://${files.source}`,
            "--enabled",
            "--tags",
            "key=team,value=blue",
          ])
        ).trustAnchor as Record<string, unknown>;
        const id = String(created.trustAnchorId);
        assert.match(id, UUID);
        assert.equal(
          created.trustAnchorArn,
          `arn:aws:rolesanywhere:us-east-1:${accountId}:trust-anchor/${id}`,
        );
        assert.equal(created.enabled, true);
        assert.deepEqual(created.notificationSettings, [
          {
            enabled: true,
            event: "CA_CERTIFICATE_EXPIRY",
            threshold: 45,
            channel: "ALL",
            configuredBy: "rolesanywhere.amazonaws.com",
          },
          {
            enabled: true,
            event: "END_ENTITY_CERTIFICATE_EXPIRY",
            threshold: 45,
            channel: "ALL",
            configuredBy: "rolesanywhere.amazonaws.com",
          },
        ]);
        assert.deepEqual((await ok(["get-trust-anchor", "--trust-anchor-id", id])).trustAnchor, created);
        const updated = (
          await ok([
            "update-trust-anchor",
            "--trust-anchor-id",
            id,
            "--name",
            "E2E root renamed",
            "--source",
            `file://${files.twoCertSource}`,
          ])
        ).trustAnchor as Record<string, unknown>;
        assert.equal(updated.name, "E2E root renamed");
        assert.equal(
          (
            (await ok(["disable-trust-anchor", "--trust-anchor-id", id])).trustAnchor as Record<
              string,
              unknown
            >
          ).enabled,
          false,
        );
        assert.equal(
          (
            (await ok(["enable-trust-anchor", "--trust-anchor-id", id])).trustAnchor as Record<
              string,
              unknown
            >
          ).enabled,
          true,
        );
        const put = (
          await ok([
            "put-notification-settings",
            "--trust-anchor-id",
            id,
            "--notification-settings",
            "enabled=true,event=CA_CERTIFICATE_EXPIRY,threshold=30",
          ])
        ).trustAnchor as { notificationSettings: unknown[] };
        assert.deepEqual(put.notificationSettings[0], {
          enabled: true,
          event: "CA_CERTIFICATE_EXPIRY",
          threshold: 30,
          channel: "ALL",
          configuredBy: accountId,
        });
        const reset = (
          await ok([
            "reset-notification-settings",
            "--trust-anchor-id",
            id,
            "--notification-setting-keys",
            "event=CA_CERTIFICATE_EXPIRY",
          ])
        ).trustAnchor as { notificationSettings: unknown[] };
        assert.deepEqual(reset.notificationSettings, created.notificationSettings);
      });

      test("profiles and attribute mappings", async () => {
        const role = `arn:aws:iam::${accountId}:role/app`;
        const profile = (await ok(["create-profile", "--name", "app", "--role-arns", role]))
          .profile as Record<string, unknown>;
        const id = String(profile.profileId);
        assert.deepEqual(
          [
            profile.enabled,
            profile.durationSeconds,
            profile.acceptRoleSessionName,
            profile.createdBy,
            profile.roleArns,
          ],
          [false, 3600, false, `arn:aws:iam::${accountId}:root`, [role]],
        );
        assert.equal((profile.attributeMappings as unknown[]).length, 3);
        assert.deepEqual((await ok(["get-profile", "--profile-id", id])).profile, profile);
        const updated = (
          await ok([
            "update-profile",
            "--profile-id",
            id,
            "--duration-seconds",
            "7200",
            "--session-policy",
            SESSION_POLICY,
            "--accept-role-session-name",
          ])
        ).profile as Record<string, unknown>;
        assert.deepEqual(
          [updated.durationSeconds, updated.sessionPolicy, updated.acceptRoleSessionName],
          [7200, SESSION_POLICY, true],
        );
        assert.equal(
          ((await ok(["enable-profile", "--profile-id", id])).profile as Record<string, unknown>).enabled,
          true,
        );
        assert.equal(
          ((await ok(["disable-profile", "--profile-id", id])).profile as Record<string, unknown>).enabled,
          false,
        );
        const mapped = (
          await ok([
            "put-attribute-mapping",
            "--profile-id",
            id,
            "--certificate-field",
            "x509SAN",
            "--mapping-rules",
            "specifier=DNS",
            "specifier=Name/",
          ])
        ).profile as { attributeMappings: { certificateField: string; mappingRules: unknown[] }[] };
        assert.deepEqual(
          mapped.attributeMappings.find((m) => m.certificateField === "x509SAN")?.mappingRules,
          [{ specifier: "DNS" }, { specifier: "Name/*" }],
        );
        const unmapped = (
          await ok([
            "delete-attribute-mapping",
            "--profile-id",
            id,
            "--certificate-field",
            "x509SAN",
            "--specifiers",
            "Name",
          ])
        ).profile as { attributeMappings: { certificateField: string; mappingRules: unknown[] }[] };
        assert.deepEqual(
          unmapped.attributeMappings.find((m) => m.certificateField === "x509SAN")?.mappingRules,
          [{ specifier: "DNS" }],
        );
        const message = await refused(
          [
            "delete-attribute-mapping",
            "--profile-id",
            id,
            "--certificate-field",
            "x509SAN",
            "--specifiers",
            "URI",
          ],
          "ValidationException",
        );
        assert.match(message, /'URI'.*no x509SAN mapping rule/);
        const list = (await ok(["list-profiles"])).profiles as { profileId: string }[];
        assert.ok(list.some((p) => p.profileId === id));
      });

      test("CRLs (PEM and DER, stored exactly), tags, subjects", async () => {
        const anchors = (await ok(["list-trust-anchors"])).trustAnchors as { trustAnchorArn: string }[];
        const anchorArn = anchors[0]?.trustAnchorArn ?? assert.fail("no trust anchor");
        const crl = (
          await ok([
            "import-crl",
            "--name",
            "e2e-crl",
            "--crl-data",
            `fileb://${files.crlPem}`,
            "--trust-anchor-arn",
            anchorArn,
            "--enabled",
          ])
        ).crl as Record<string, unknown>;
        const crlId = String(crl.crlId);
        assert.equal(crl.crlData, files.crlPemBytes.toString("base64"), "the PEM bytes, exactly");
        assert.deepEqual([crl.enabled, crl.trustAnchorArn], [true, anchorArn]);
        assert.deepEqual((await ok(["get-crl", "--crl-id", crlId])).crl, crl);
        const updated = (
          await ok([
            "update-crl",
            "--crl-id",
            crlId,
            "--name",
            "renamed",
            "--crl-data",
            `fileb://${files.crl2Der}`,
          ])
        ).crl as Record<string, unknown>;
        assert.deepEqual([updated.name, updated.crlData], ["renamed", files.crl2DerBytes.toString("base64")]);
        assert.equal(
          ((await ok(["disable-crl", "--crl-id", crlId])).crl as Record<string, unknown>).enabled,
          false,
        );
        assert.equal(
          ((await ok(["enable-crl", "--crl-id", crlId])).crl as Record<string, unknown>).enabled,
          true,
        );
        assert.deepEqual(
          ((await ok(["list-crls"])).crls as { crlId: string }[]).map((c) => c.crlId),
          [crlId],
        );
        const garbage = await refused(
          [
            "import-crl",
            "--name",
            "bad",
            "--crl-data",
            `fileb://${files.garbage}`,
            "--trust-anchor-arn",
            anchorArn,
          ],
          "ValidationException",
        );
        assert.match(garbage, /'crlData'.*not a CRL/);

        const profileArn =
          ((await ok(["list-profiles"])).profiles as { profileArn: string }[])[0]?.profileArn ?? "";
        const tagged = [anchorArn, profileArn, String(crl.crlArn)];
        await Promise.all(
          tagged.map(async (resourceArn) => {
            await ok([
              "tag-resource",
              "--resource-arn",
              resourceArn,
              "--tags",
              "key=a,value=1",
              "key=b,value=2",
            ]);
            await ok(["untag-resource", "--resource-arn", resourceArn, "--tag-keys", "a"]);
            const tags = (await ok(["list-tags-for-resource", "--resource-arn", resourceArn])).tags as {
              key: string;
            }[];
            assert.ok(
              tags.some((tag) => tag.key === "b") && !tags.some((tag) => tag.key === "a"),
              resourceArn,
            );
          }),
        );
        assert.equal(tagged.length, 3);
        const tooMany = await refused(
          ["tag-resource", "--resource-arn", profileArn, "--tags", `file://${files.tooManyTags}`],
          "TooManyTagsException",
        );
        assert.match(tooMany, /at most 50 tags/);

        // Subjects are written by CreateSession; here straight into the server's database.
        const store = await openStore(database, { clock: () => new Date() });
        const subjectId = "5ab1ec70-0000-4000-8000-000000000001";
        try {
          await store.subjects.recordAuthentication({
            x509Subject: "CN=client",
            newSubject: {
              id: subjectId,
              arn: `arn:aws:rolesanywhere:us-east-1:${accountId}:subject/${subjectId}`,
            },
            seenAt: new Date(),
            failed: false,
            certificate: {
              serialNumber: "01",
              issuer: "CN=E2E Root CA,O=Anchorage",
              x509CertificateData: "-",
            },
          });
        } finally {
          await store.close();
        }
        const subjects = (await ok(["list-subjects"])).subjects as { subjectId: string }[];
        assert.deepEqual(
          subjects.map((s) => s.subjectId),
          [subjectId],
        );
        const subject = (await ok(["get-subject", "--subject-id", subjectId])).subject as Record<
          string,
          unknown
        >;
        assert.equal(subject.x509Subject, "CN=client");
        assert.equal((subject.credentials as unknown[]).length, 1);
      });

      test("pagination: --page-size pages, --max-items cuts, --starting-token resumes", async () => {
        await Promise.all(
          [2, 3, 4, 5].map((i) =>
            ok(["create-trust-anchor", "--name", `page ${i}`, "--source", `file://${files.source}`]),
          ),
        );
        const all = (await ok(["list-trust-anchors", "--page-size", "2"])).trustAnchors as {
          trustAnchorId: string;
        }[];
        assert.equal(all.length, 5, "the CLI follows nextToken over three pages");
        const first = await ok(["list-trust-anchors", "--page-size", "2", "--max-items", "3"]);
        const firstItems = first.trustAnchors as { trustAnchorId: string }[];
        assert.equal(firstItems.length, 3);
        assert.equal(typeof first.NextToken, "string");
        const rest = await ok([
          "list-trust-anchors",
          "--page-size",
          "2",
          "--max-items",
          "3",
          "--starting-token",
          String(first.NextToken),
        ]);
        const restItems = rest.trustAnchors as { trustAnchorId: string }[];
        assert.equal(restItems.length, 2);
        assert.equal(rest.NextToken, undefined);
        assert.deepEqual(
          [...firstItems, ...restItems].map((a) => a.trustAnchorId),
          all.map((a) => a.trustAnchorId),
        );
        assert.equal(new Set(all.map((a) => a.trustAnchorId)).size, 5);
        const bad = await refused(
          ["list-profiles", "--starting-token", "not-a-token"],
          "ValidationException",
        );
        assert.match(bad, /'nextToken'/);
      });

      test("every error type, as the AWS CLI shows it", async () => {
        const name = await refused(
          ["create-profile", "--name", "bad:name", "--role-arns", `arn:aws:iam::${accountId}:role/app`],
          "ValidationException",
        );
        assert.match(name, /Value 'bad:name' at 'name' failed to satisfy constraint/);
        const notCa = await refused(
          ["create-trust-anchor", "--name", "leaf", "--source", `file://${files.leafSource}`],
          "ValidationException",
        );
        assert.match(notCa, /'source\.sourceData\.x509CertificateData'/);
        const missing = await refused(
          ["get-profile", "--profile-id", UNKNOWN_ID],
          "ResourceNotFoundException",
        );
        assert.match(missing, new RegExp(UNKNOWN_ID));
        await refused(["get-crl", "--crl-id", UNKNOWN_ID], "ResourceNotFoundException");

        // A user without permissions (created straight in the store): AccessDeniedException.
        const store = await openStore(database, { clock: () => new Date() });
        const alice = {
          accessKeyId: "AKIAE2EALICE00000001",
          secretAccessKey: "e2e-alice-secret-e2e-alice-secret-00000",
        };
        try {
          await store.users.create({
            id: "AIDAE2EALICE00000001",
            name: "alice",
            path: "/",
            arn: `arn:aws:iam::${accountId}:user/alice`,
          });
          await store.accessKeys.create({
            id: alice.accessKeyId,
            userName: "alice",
            secretAccessKey: alice.secretAccessKey,
            status: "Active",
          });
        } finally {
          await store.close();
        }
        const aliceFile = join(server.dataDir, "..", "alice-credentials");
        await writeFile(
          aliceFile,
          `[default]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
        );
        const denied = await refused(
          ["list-trust-anchors"],
          "AccessDeniedException",
          awsCli(server.url, aliceFile),
        );
        assert.match(denied, /user\/alice is not authorized to perform: rolesanywhere:ListTrustAnchors/);

        // A wrong secret is an authentication error, not AccessDenied.
        const wrongFile = join(server.dataDir, "..", "wrong-credentials");
        await writeFile(
          wrongFile,
          `[default]\naws_access_key_id = ${root.accessKeyId}\naws_secret_access_key = ${"x".repeat(40)}\n`,
        );
        await refused(["list-trust-anchors"], "InvalidSignatureException", awsCli(server.url, wrongFile));
      });

      test("bad input over raw HTTP: a 4xx with a message, never a 5xx, nothing written", async () => {
        const counts = async () =>
          Promise.all(
            ["/trustanchors", "/profiles", "/crls"].map(async (path) => {
              const reply = await signedRequest(server.url, root, {
                method: "GET",
                path,
                query: { pageSize: "100" },
              });
              const body = JSON.parse(reply.text) as Record<string, unknown[]>;
              return Object.values(body).find(Array.isArray)?.length ?? 0;
            }),
          );
        const before = await counts();
        const json = { "content-type": "application/json" };
        const cases = [
          {
            name: "malformed JSON",
            method: "POST",
            path: "/trustanchors",
            headers: json,
            body: '{"name":',
            status: 400,
          },
          {
            name: "wrong types",
            method: "POST",
            path: "/profiles",
            headers: json,
            body: '{"name":1,"roleArns":"x"}',
            status: 400,
          },
          {
            name: "an oversized body",
            method: "POST",
            path: "/profiles",
            headers: json,
            body: "x".repeat(2 * 1024 * 1024),
            status: 413,
          },
          { name: "an unknown id", method: "GET", path: `/trustanchor/${UNKNOWN_ID}`, status: 404 },
          { name: "a malformed id", method: "DELETE", path: "/profile/12345", status: 400 },
          {
            name: "an invalid ARN",
            method: "GET",
            path: "/ListTagsForResource",
            query: { resourceArn: "arn:nope" },
            status: 400,
          },
          {
            name: "a non-CA certificate",
            method: "POST",
            path: "/trustanchors",
            headers: json,
            body: JSON.stringify({
              name: "leaf",
              source: JSON.parse(await readFile(files.leafSource, "utf8")) as unknown,
            }),
            status: 400,
          },
          {
            name: "a garbage CRL",
            method: "POST",
            path: "/crls",
            headers: json,
            body: JSON.stringify({
              name: "bad",
              crlData: Buffer.from("garbage").toString("base64"),
              trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${accountId}:trust-anchor/${UNKNOWN_ID}`,
            }),
            status: 400,
          },
        ];
        for (const c of cases) {
          const reply = await signedRequest(server.url, root, c);
          assert.equal(reply.status, c.status, `${c.name}: ${reply.text}`);
          assert.equal(typeof reply.headers["x-amzn-errortype"], "string", c.name);
          assert.ok(String((JSON.parse(reply.text) as { message?: string }).message).length > 10, c.name);
          assert.equal(typeof reply.headers["x-amzn-requestid"], "string", c.name);
          assert.deepEqual(await counts(), before, `${c.name}: nothing was written`);
        }
        assert.equal(cases.length, 8);
      });

      test("deletes return the deleted resource; then the 30 operations have all been exercised", async () => {
        const crls = (await ok(["list-crls"])).crls as { crlId: string }[];
        for (const c of crls)
          assert.equal(
            ((await ok(["delete-crl", "--crl-id", c.crlId])).crl as { crlId: string }).crlId,
            c.crlId,
          );
        const profiles = (await ok(["list-profiles"])).profiles as { profileId: string }[];
        for (const p of profiles) await ok(["delete-profile", "--profile-id", p.profileId]);
        const anchors = (await ok(["list-trust-anchors"])).trustAnchors as {
          trustAnchorId: string;
          name: string;
        }[];
        const deleted = (
          await ok(["delete-trust-anchor", "--trust-anchor-id", anchors[0]?.trustAnchorId ?? ""])
        ).trustAnchor as {
          name: string;
        };
        assert.equal(deleted.name, anchors[0]?.name);
        await refused(
          ["get-trust-anchor", "--trust-anchor-id", anchors[0]?.trustAnchorId ?? ""],
          "ResourceNotFoundException",
        );
        assert.equal(exercised.size, 30, `exercised: ${[...exercised].sort().join(", ")}`);
      });

      test("logs are JSON lines on stdout with the request id; the secret is never printed; SIGTERM exits 0", async () => {
        const reply = await signedRequest(server.url, root, { method: "GET", path: "/subjects" });
        const requestId = String(reply.headers["x-amzn-requestid"]);
        // The log line is written after the response; wait for it (up to 10 s) rather than a fixed time.
        const completed = () =>
          server
            .stdout()
            .split("\n")
            .slice(0, -1) // whole lines only
            .filter((l) => l.trim() !== "")
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .some((l) => l.requestId === requestId && l.msg === "request completed");
        await eventually(completed, 10_000, "the request's completion logged with its id");
        assert.ok(
          !server.stdout().includes(root.secretAccessKey) && !server.stderr().includes(root.secretAccessKey),
        );
        const ended = await server.stop("SIGTERM");
        assert.deepEqual(ended, { code: 0, signal: null });
        assert.match(server.stderr(), /Received SIGTERM/);
      });
    },
  );
}
