// `anchorage crl create --upload`: ImportCrl / UpdateCrl signed with SigV4, against an in-test
// endpoint that checks the signature with the server's own authenticateSigV4, and against the real
// `anchorage server` (its Roles Anywhere API, driven by the AWS SDK as a peer).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateTrustAnchorCommand, GetCrlCommand, RolesAnywhereClient } from "@aws-sdk/client-rolesanywhere";
import { AnchorageError, ERRORS, authenticateSigV4 } from "@anchorage/server";
import { BIN, anchorage, anchorageAsync, cleanEnv, oneLine, tempDir } from "./pki-cli.js";

const KEY = { id: "AKIAUPLOADTEST000001", secret: "upload/secret+key" };
const TEMP = { id: "ASIAUPLOADTEST000002", secret: "temp-secret", token: "session+token/==" };
const ANCHOR_ARN =
  "arn:aws:rolesanywhere:eu-west-3:123456789012:trust-anchor/0f6c8c2e-5f63-4d8f-9a43-3c1d7f6a2b10";
const CRL_ID = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const CRL_ARN = `arn:aws:rolesanywhere:eu-west-3:123456789012:crl/${CRL_ID}`;

interface Received {
  method: string;
  url: string;
  accessKeyId: string;
  region: string;
  json: Record<string, unknown>;
}

describe("against an in-test endpoint that verifies SigV4", () => {
  let server: Server;
  let endpoint: string;
  let cwd: string;
  const received: Received[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const headers: Record<string, string[]> = {};
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
          (headers[req.rawHeaders[i]!.toLowerCase()] ??= []).push(req.rawHeaders[i + 1]!);
        authenticateSigV4(
          { method: req.method ?? "", rawUrl: req.url ?? "", headers, body },
          {
            now: new Date(),
            region: "eu-west-3",
            service: "rolesanywhere",
            resolveCredentials: async ({ accessKeyId, sessionToken }) =>
              accessKeyId === KEY.id && sessionToken === undefined
                ? { secretAccessKey: KEY.secret, principal: "root" }
                : accessKeyId === TEMP.id && sessionToken === TEMP.token
                  ? { secretAccessKey: TEMP.secret, principal: "temp" }
                  : undefined,
          },
        ).then(
          (who) => {
            const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
            received.push({
              method: req.method ?? "",
              url: req.url ?? "",
              accessKeyId: who.accessKeyId,
              region: who.region,
              json,
            });
            const crlId = req.method === "POST" ? CRL_ID : (req.url ?? "").split("/").pop();
            res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" }).end(
              JSON.stringify({
                crl: {
                  crlId,
                  crlArn: `arn:aws:rolesanywhere:eu-west-3:123456789012:crl/${crlId}`,
                  name: json.name ?? "kept",
                  enabled: true,
                  trustAnchorArn: ANCHOR_ARN,
                },
              }),
            );
          },
          (e: unknown) => {
            const row =
              e instanceof AnchorageError ? ERRORS[e.code] : { status: 500, json: "InternalFailure" };
            res
              .writeHead(row.status, { "x-amzn-errortype": row.json, "x-amzn-requestid": "req-test" })
              .end(JSON.stringify({ message: e instanceof Error ? e.message : String(e) }));
          },
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cwd = tempDir("upload");
    const ca = anchorage(cwd, ["ca", "init", "--cn", "Upload Root CA"]);
    assert.equal(ca.code, 0, ca.stderr);
    assert.equal(anchorage(cwd, ["cert", "issue", "--cn", "app"]).code, 0);
    assert.equal(anchorage(cwd, ["crl", "revoke", "app.cert.pem", "--reason", "keyCompromise"]).code, 0);
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const envKeys = { AWS_ACCESS_KEY_ID: KEY.id, AWS_SECRET_ACCESS_KEY: KEY.secret };
  const upload = (extra: string[], env: NodeJS.ProcessEnv = envKeys) =>
    anchorageAsync(
      cwd,
      ["crl", "create", "--upload", "--endpoint", endpoint, "--trust-anchor-arn", ANCHOR_ARN, ...extra],
      env,
    );

  test("ImportCrl: POST /crls, signed with the environment's keys, carrying the PEM CRL enabled", async () => {
    const r = await upload([]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `^wrote CRL number 1 .*\\nimported into ${endpoint.replace(/\./g, "\\.")} as ${CRL_ARN} \\(enabled\\)\\nnext time, replace it in place: --upload --crl-arn ${CRL_ARN} --trust-anchor-arn ${ANCHOR_ARN}\\n$`,
      ),
    );
    const last = received.at(-1)!;
    assert.deepEqual(
      [last.method, last.url, last.accessKeyId, last.region],
      ["POST", "/crls", KEY.id, "eu-west-3"],
    );
    assert.deepEqual(Object.keys(last.json).sort(), ["crlData", "enabled", "name", "trustAnchorArn"]);
    assert.equal(last.json.name, "Upload Root CA CRL");
    assert.equal(last.json.enabled, true);
    assert.equal(last.json.trustAnchorArn, ANCHOR_ARN);
    assert.equal(
      Buffer.from(last.json.crlData as string, "base64").toString("utf8"),
      readFileSync(join(cwd, "anchorage-ca", "crl.pem"), "utf8"),
    );
  });

  test("UpdateCrl with --crl-arn: PATCH /crl/{id}; temporary credentials from a shared credentials file profile", async () => {
    const file = join(cwd, "credentials");
    writeFileSync(
      file,
      `[default]\naws_access_key_id = AKIAWRONGWRONGWRONG1\naws_secret_access_key = nope\n[ops]\naws_access_key_id = ${TEMP.id}\naws_secret_access_key = ${TEMP.secret}\naws_session_token = ${TEMP.token}\n`,
    );
    const r = await upload(["--crl-arn", CRL_ARN, "--der", "--out", "crl.der"], {
      AWS_SHARED_CREDENTIALS_FILE: file,
      AWS_PROFILE: "ops",
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`updated ${CRL_ARN} at ${endpoint.replace(/\./g, "\\.")}\\n$`));
    const last = received.at(-1)!;
    assert.deepEqual([last.method, last.url, last.accessKeyId], ["PATCH", `/crl/${CRL_ID}`, TEMP.id]);
    assert.deepEqual(Object.keys(last.json), ["crlData"], "the name is kept unless --crl-name");
    // The file is DER (--der); the upload is PEM, as ImportCrl documents.
    assert.match(
      Buffer.from(last.json.crlData as string, "base64").toString("utf8"),
      /^-----BEGIN X509 CRL-----\n/,
    );
    // --aws-profile picks a profile explicitly, over environment keys.
    const explicit = await upload(
      ["--crl-arn", CRL_ID, "--crl-name", "renamed CRL", "--aws-profile", "ops"],
      { ...envKeys, AWS_SHARED_CREDENTIALS_FILE: file },
    );
    assert.equal(explicit.code, 0, explicit.stderr);
    assert.equal(received.at(-1)!.accessKeyId, TEMP.id);
    assert.equal(received.at(-1)!.json.name, "renamed CRL");
  });

  test("a wrong secret is the endpoint's signature error, in one line, without the secret", async () => {
    const r = await upload([], { AWS_ACCESS_KEY_ID: KEY.id, AWS_SECRET_ACCESS_KEY: "not-the-secret" });
    assert.equal(r.code, 1);
    assert.match(
      oneLine(r),
      /^anchorage: ImportCrl failed \(the CRL file was written\): InvalidSignatureException: The request signature we calculated does not match .*\(HTTP 403, request id req-test\)$/,
    );
    assert.doesNotMatch(r.stderr, /not-the-secret/);
  });

  test("no credentials, or an unreachable endpoint: exit 1 with one line; no credentials takes no CRL number", async () => {
    const before = (
      JSON.parse(readFileSync(join(cwd, "anchorage-ca", "index.json"), "utf8")) as { lastCrlNumber: number }
    ).lastCrlNumber;
    const none = await upload([], {
      AWS_SHARED_CREDENTIALS_FILE: join(cwd, "missing"),
      AWS_CONFIG_FILE: join(cwd, "missing"),
    });
    assert.equal(none.code, 1);
    assert.match(
      oneLine(none),
      /^anchorage: --upload: no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
    assert.equal(
      (JSON.parse(readFileSync(join(cwd, "anchorage-ca", "index.json"), "utf8")) as { lastCrlNumber: number })
        .lastCrlNumber,
      before,
    );
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = await anchorageAsync(
      cwd,
      [
        "crl",
        "create",
        "--upload",
        "--endpoint",
        `http://127.0.0.1:${port}`,
        "--trust-anchor-arn",
        ANCHOR_ARN,
      ],
      envKeys,
    );
    assert.equal(down.code, 1);
    assert.match(
      oneLine(down),
      new RegExp(
        `^anchorage: ImportCrl failed \\(the CRL file was written\\): POST http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`,
      ),
    );
  });
});

const SERVER_MISSING: string | false = (() => {
  const r = anchorage(tempDir("srv-help"), ["server", "--help"]);
  return r.code === 0 ? false : "`anchorage server` is not available in this build";
})();

describe("against the real anchorage server", { skip: SERVER_MISSING }, () => {
  let child: ChildProcess;
  let endpoint: string;
  let credentialsFile: string;
  let cwd: string;

  before(async () => {
    cwd = tempDir("upload-server");
    child = spawn(
      process.execPath,
      [BIN, "server", "--data-dir", join(cwd, "data"), "--port", "0", "--log-level", "warn"],
      {
        cwd,
        env: cleanEnv(),
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stderr}`)), 30_000);
      child.stderr!.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on("close", (code) => reject(new Error(`the server exited (${code}):\n${stderr}`)));
    });
    credentialsFile = join(cwd, "data", "admin-credentials");
    assert.equal(anchorage(cwd, ["ca", "init", "--cn", "Server Root"]).code, 0);
    assert.equal(anchorage(cwd, ["ca", "init", "--out-dir", "other", "--cn", "Other Root"]).code, 0);
    assert.equal(anchorage(cwd, ["cert", "issue", "--cn", "app"]).code, 0);
    assert.equal(anchorage(cwd, ["crl", "revoke", "app.cert.pem"]).code, 0);
  });
  after(() => {
    child.kill("SIGTERM");
  });

  test("ImportCrl then UpdateCrl; the server stores exactly the PEM; a CRL of another CA is refused", async () => {
    const sdk = new RolesAnywhereClient({
      endpoint,
      region: "us-east-1",
      credentials: (() => {
        const ini = readFileSync(credentialsFile, "utf8");
        return {
          accessKeyId: /aws_access_key_id\s*=\s*(\S+)/.exec(ini)![1]!,
          secretAccessKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(ini)![1]!,
        };
      })(),
    });
    const anchor = await sdk.send(
      new CreateTrustAnchorCommand({
        name: "upload-test",
        enabled: true,
        source: {
          sourceType: "CERTIFICATE_BUNDLE",
          sourceData: { x509CertificateData: readFileSync(join(cwd, "anchorage-ca", "ca.cert.pem"), "utf8") },
        },
      }),
    );
    const anchorArn = anchor.trustAnchor!.trustAnchorArn!;
    const env = { AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
    const imported = await anchorageAsync(
      cwd,
      ["crl", "create", "--upload", "--endpoint", endpoint, "--trust-anchor-arn", anchorArn],
      env,
    );
    assert.equal(imported.code, 0, imported.stderr);
    const crlArn = /imported into .* as (arn:aws:rolesanywhere:\S+:crl\/\S+) \(enabled\)/.exec(
      imported.stdout,
    )![1]!;
    const stored = await sdk.send(new GetCrlCommand({ crlId: crlArn.split("/").pop()! }));
    assert.equal(stored.crl!.enabled, true);
    assert.equal(stored.crl!.name, "Server Root CRL");
    assert.equal(
      Buffer.from(stored.crl!.crlData!).toString("utf8"),
      readFileSync(join(cwd, "anchorage-ca", "crl.pem"), "utf8"),
    );

    const updated = await anchorageAsync(
      cwd,
      [
        "crl",
        "create",
        "--upload",
        "--endpoint",
        endpoint,
        "--trust-anchor-arn",
        anchorArn,
        "--crl-arn",
        crlArn,
      ],
      env,
    );
    assert.equal(updated.code, 0, updated.stderr);
    const after = await sdk.send(new GetCrlCommand({ crlId: crlArn.split("/").pop()! }));
    assert.match(Buffer.from(after.crl!.crlData!).toString("utf8"), /^-----BEGIN X509 CRL-----/);
    assert.equal(
      Buffer.from(after.crl!.crlData!).toString("utf8"),
      readFileSync(join(cwd, "anchorage-ca", "crl.pem"), "utf8"),
    );

    const foreign = await anchorageAsync(
      cwd,
      [
        "crl",
        "create",
        "--ca-dir",
        "other",
        "--upload",
        "--endpoint",
        endpoint,
        "--trust-anchor-arn",
        anchorArn,
      ],
      env,
    );
    assert.equal(foreign.code, 1);
    assert.match(
      oneLine(foreign),
      /^anchorage: ImportCrl failed \(the CRL file was written\): ValidationException: /,
    );
  });
});
