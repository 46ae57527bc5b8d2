// `credential-process --with-proxy` through the REAL CLI binary: the default endpoint reached through
// HTTPS_PROXY with a CONNECT tunnel, as AWS's helper does (default-endpoint.json), and TLS inside it.
import assert from "node:assert/strict";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseX509Request, verifyX509Request } from "@anchorage/sigv4-x509";
import { FIXTURES, helperCases, PINNED, runCli } from "./client-harness.js";

interface Probe {
  argv: string[];
  env: Record<string, string>;
  connectRequests: string[];
  connectAttempts: number;
}
const probe = JSON.parse(readFileSync(join(FIXTURES, "default-endpoint.json"), "utf8")) as Probe;
const ok = helperCases("vectors.json").find((c) => c.id === "rsa-no-chain")!;
const pki = (name: string) => readFileSync(join(FIXTURES, "pki", name));

/** CONNECT requests as raw text, like the recorder of default-endpoint.json saw them. */
const connects: string[] = [];
let tunnelTo: number | "refuse" = "refuse";
const proxy = createHttpServer();
proxy.on("connect", (req: IncomingMessage, client: Socket) => {
  const head = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    head.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  connects.push(`${head.join("\r\n")}\r\n\r\n`);
  if (tunnelTo === "refuse") {
    client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
    return;
  }
  const upstream = connect(tunnelTo, "127.0.0.1", () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    upstream.pipe(client);
    client.pipe(upstream);
  });
});
/** The "real" endpoint behind the proxy: TLS with a certificate nobody trusts (hence --no-verify-ssl). */
const seen: { host?: string; verified?: string } = {};
const target = createHttpsServer(
  { key: pki("client-rsa.key.pem"), cert: pki("client-rsa.cert.pem") },
  (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      seen.host = req.headers.host;
      const parsed = parseX509Request({
        method: req.method!,
        rawUrl: req.url!,
        headers,
        body: Buffer.concat(chunks),
      });
      seen.verified = verifyX509Request(parsed, { now: new Date(PINNED), region: "us-east-1" }).serialNumber;
      const r = ok.requests[0]!.mockResponse;
      res.writeHead(r.status, r.headers).end(r.body);
    });
  },
);

before(async () => {
  proxy.listen(0, "127.0.0.1");
  target.listen(0, "127.0.0.1");
  await Promise.all([once(proxy, "listening"), once(target, "listening")]);
});
after(() => {
  proxy.close();
  target.close();
});
const proxyUrl = () => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

test("default endpoint through HTTPS_PROXY: the helper's CONNECT, 4 attempts when the proxy refuses, one line", async () => {
  assert.equal(probe.connectAttempts, 4);
  connects.length = 0;
  tunnelTo = "refuse";
  const run = await runCli(probe.argv.slice(1), { env: { HTTPS_PROXY: proxyUrl() } });
  assert.equal(run.status, 1);
  assert.equal(
    run.stderr,
    `anchorage credential-process: cannot connect to https://rolesanywhere.us-east-1.amazonaws.com through proxy ${proxyUrl()}: the proxy answered CONNECT rolesanywhere.us-east-1.amazonaws.com:443 with 502 Bad Gateway (after 4 attempts)\n`,
  );
  assert.equal(connects.length, 4, "retried like the helper");
  // Same request line and Host as Go's; Go adds its own User-Agent to CONNECT, we send none.
  const firstTwoLines = (s: string) => s.split("\r\n").slice(0, 2).join("\r\n");
  for (const c of connects) assert.equal(firstTwoLines(c), firstTwoLines(probe.connectRequests[0]!));
});

test("through the tunnel, TLS to the endpoint (--no-verify-ssl warns), the request verifies, credentials printed", async () => {
  tunnelTo = (target.address() as AddressInfo).port;
  connects.length = 0;
  const argv = ok.argv.slice(1).filter((_, i, a) => a[i] !== "--endpoint" && a[i - 1] !== "--endpoint");
  const run = await runCli([...argv, "--with-proxy", "--no-verify-ssl"], {
    env: { HTTPS_PROXY: proxyUrl(), ANCHORAGE_FAKE_NOW: PINNED },
  });
  assert.equal(
    run.stderr,
    "anchorage credential-process: warning: --no-verify-ssl: the TLS certificate of https://rolesanywhere.us-east-1.amazonaws.com is not checked\n",
  );
  assert.equal(run.status, 0);
  assert.deepEqual(run.stdout, Buffer.from(ok.result.stdoutBase64, "base64"));
  assert.equal(connects.length, 1);
  assert.equal(seen.host, "rolesanywhere.us-east-1.amazonaws.com");
  assert.equal(seen.verified, "4098");
});

test("without --with-proxy, HTTPS_PROXY is ignored (as the helper ignores it)", async () => {
  connects.length = 0;
  const argv = ok.argv.slice(1).filter((_, i, a) => a[i] !== "--endpoint" && a[i - 1] !== "--endpoint");
  const run = await runCli([...argv, "--endpoint", "https://rolesanywhere.invalid"], {
    env: { HTTPS_PROXY: proxyUrl() },
  });
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    /^anchorage credential-process: cannot connect to https:\/\/rolesanywhere\.invalid: /,
  );
  assert.equal(connects.length, 0);
});
