import assert from "node:assert/strict";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@anchorage/sigv4-x509";
import type { ServicePlugin } from "./service-context.js";
import { callerOf } from "./principal.js";
import { startServer } from "./start.js";

/** A test-only service answering who signed the request. */
const whoAmI: ServicePlugin = {
  name: "who-am-i",
  register(app, context) {
    app.get(
      "/test/whoami",
      { config: { protocol: "rest-json", auth: { services: ["rolesanywhere"] } } },
      async (request) => {
        const caller = callerOf(request.auth);
        await context.authorize({ caller, action: "rolesanywhere:ListTrustAnchors", resource: "*" });
        return { arn: caller.arn };
      },
    );
  },
};

function parseIni(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^(\w+) = (.*)$/gm)].map((m) => [m[1], m[2]]));
}

async function signedGet(url: string, key: { id: string; secret: string }) {
  const target = new URL("/test/whoami", url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
    region: "us-east-1",
    service: "rolesanywhere",
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: "GET",
    protocol: "http:",
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    headers: { host: target.host },
  });
  return fetch(target, { headers: signed.headers as Record<string, string> });
}

test("first start writes the root credentials (0600) that authenticate; a restart keeps the account", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "anchorage-start-"));
  const lines: string[] = [];
  const options = {
    dataDir,
    port: 0,
    services: [whoAmI],
    log: { level: "silent" },
    out: (l: string) => lines.push(l),
    handleSignals: false,
  };
  const first = await startServer(options);
  let accountId: string;
  try {
    accountId = first.bootstrap.accountId;
    assert.equal((await stat(first.adminCredentialsFile)).mode & 0o777, 0o600);
    const ini = await readFile(first.adminCredentialsFile, "utf8");
    assert.match(
      ini,
      /^\[default\]\naws_access_key_id = AKIA[A-Z2-7]{16}\naws_secret_access_key = \S{40}\n$/,
    );
    const creds = parseIni(ini);
    const ok = await signedGet(first.url, {
      id: creds.aws_access_key_id ?? "",
      secret: creds.aws_secret_access_key ?? "",
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { arn: `arn:aws:iam::${accountId}:root` });
    const bad = await signedGet(first.url, { id: creds.aws_access_key_id ?? "", secret: "x".repeat(40) });
    assert.equal(bad.status, 403);
    assert.equal(bad.headers.get("x-amzn-errortype"), "InvalidSignatureException");
    assert.ok(
      lines.some((l) => l.includes(`aws rolesanywhere list-trust-anchors --endpoint-url ${first.url}`)),
    );
    assert.ok(
      lines.every((l) => !l.includes(creds.aws_secret_access_key ?? "<none>")),
      "the secret is never printed",
    );
  } finally {
    await first.close();
  }
  await first.stopped;
  const second = await startServer(options);
  try {
    assert.equal(second.bootstrap.accountId, accountId);
    assert.equal(second.bootstrap.createdRootKey, undefined);
  } finally {
    await second.close();
  }
});
