import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, createServer as createNetServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import test from "node:test";
import { gzipSync } from "node:zlib";
import { readPki } from "../material/fixture-files.js";
import { TransportError } from "./http-request.js";
import type { HttpRequestOptions, WireRequest } from "./http-request.js";
import { nodeHttpRequest } from "./node-http-request.js";

const OPTIONS: HttpRequestOptions = {
  verifySsl: true,
  connectTimeoutMs: 2000,
  timeoutMs: 5000,
  maxResponseBytes: 64 * 1024,
};
const BODY = Buffer.from('{"durationSeconds":3600}');
const CREATED = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

function request(url: string, extra: [string, string][] = []): WireRequest {
  const u = new URL(url);
  return {
    method: "POST",
    url: u,
    headers: [
      ["Host", u.host],
      ["User-Agent", "anchorage-test"],
      ["Transfer-Encoding", "chunked"],
      ["Content-Type", "application/json"],
      ...extra,
      ["Accept-Encoding", "gzip"],
    ],
    body: BODY,
  };
}

const port = (server: { address(): AddressInfo | string | null }): number =>
  (server.address() as AddressInfo).port;

async function listen<T extends { listen(port: number, host: string): unknown }>(server: T): Promise<T> {
  server.listen(0, "127.0.0.1");
  await once(server as unknown as NodeJS.EventEmitter, "listening");
  return server;
}

/** A TCP server that records the raw bytes of each connection and answers with `answer` once the chunked body ends. */
async function rawServer(answer: (socket: Socket) => void) {
  const received: Buffer[] = [];
  const server = createNetServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on("error", () => socket.destroy()); // the client hanging up early is part of some tests
    socket.on("data", (d: Buffer) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      if (all.includes("\r\n0\r\n\r\n") || all.includes("\r\n\r\n")) {
        if (all.toString("latin1").endsWith("0\r\n\r\n") || !all.includes("chunked")) {
          received.push(all);
          answer(socket);
        }
      }
    });
  });
  await listen(server);
  return { server, received, url: `http://127.0.0.1:${port(server)}` };
}

test("sends the request line, the headers in the given order and case, no Connection header, and the body as one chunk", async (t) => {
  const { server, received, url } = await rawServer((s) => s.end(CREATED));
  t.after(() => server.close());
  const res = await nodeHttpRequest(
    request(`${url}/sessions?profileArn=a%3Ab`, [["X-Amz-Date", "20260115T120000Z"]]),
    OPTIONS,
  );
  assert.equal(res.status, 201);
  assert.equal(res.statusText, "Created");
  assert.equal(res.body.toString(), "{}");
  assert.equal(res.headers["content-type"], "application/json");
  assert.equal(
    received[0]!.toString("latin1"),
    `POST /sessions?profileArn=a%3Ab HTTP/1.1\r\nHost: 127.0.0.1:${port(server)}\r\nUser-Agent: anchorage-test\r\n` +
      "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\nX-Amz-Date: 20260115T120000Z\r\n" +
      'Accept-Encoding: gzip\r\n\r\n18\r\n{"durationSeconds":3600}\r\n0\r\n\r\n',
  );
});

test("without Transfer-Encoding the body goes with Content-Length", async (t) => {
  const { server, received, url } = await rawServer((s) => s.end(CREATED));
  t.after(() => server.close());
  const req = request(`${url}/sessions`);
  await nodeHttpRequest({ ...req, headers: req.headers.filter(([n]) => n !== "Transfer-Encoding") }, OPTIONS);
  assert.match(received[0]!.toString("latin1"), /\r\nContent-Length: 24\r\n\r\n\{"durationSeconds":3600\}$/);
});

test("the body is returned still encoded, with its Content-Encoding header (decoding is the caller's)", async (t) => {
  const gz = gzipSync('{"a":1}');
  const server = await listen(
    createHttpServer((req, res) => {
      req.resume();
      res.writeHead(201, { "Content-Encoding": "gzip", "Content-Length": gz.length });
      res.end(gz);
    }),
  );
  t.after(() => server.close());
  const res = await nodeHttpRequest(request(`http://127.0.0.1:${port(server)}/sessions`), OPTIONS);
  assert.equal(res.headers["content-encoding"], "gzip");
  assert.deepEqual(res.body, gz);
});

test("connection refused, a response that never comes, one that is too large, and one cut short", async (t) => {
  const closed = await listen(createNetServer());
  const closedPort = port(closed);
  await new Promise((r) => closed.close(r));
  await assert.rejects(
    nodeHttpRequest(request(`http://127.0.0.1:${closedPort}/sessions`), OPTIONS),
    (e: unknown) =>
      e instanceof TransportError && e.code === "ECONNREFUSED" && e.message.includes("ECONNREFUSED"),
  );

  const silent = await rawServer(() => undefined);
  const big = await rawServer((s) =>
    s.end(`HTTP/1.1 201 Created\r\nContent-Length: 300000\r\n\r\n${"x".repeat(300000)}`),
  );
  const short = await rawServer((s) => {
    s.write("HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\n{");
    setTimeout(() => s.destroy(), 20);
  });
  t.after(() => [silent, big, short].forEach((s) => s.server.close()));
  await assert.rejects(
    nodeHttpRequest(request(`${silent.url}/sessions`), { ...OPTIONS, timeoutMs: 200 }),
    (e: unknown) =>
      e instanceof TransportError && e.code === "ResponseTimeout" && /within 200 ms/.test(e.message),
  );
  await assert.rejects(
    nodeHttpRequest(request(`${big.url}/sessions`), { ...OPTIONS, maxResponseBytes: 1024 }),
    (e: unknown) => e instanceof TransportError && e.code === "ResponseTooLarge",
  );
  await assert.rejects(
    nodeHttpRequest(request(`${short.url}/sessions`), OPTIONS),
    (e: unknown) => e instanceof TransportError && ["PrematureClose", "ECONNRESET"].includes(e.code),
  );
});

const TLS = { key: readPki("client-rsa.key.pem"), cert: readPki("client-rsa.cert.pem") };

async function tlsServer(): Promise<Server> {
  return listen(
    createHttpsServer(TLS, (req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(201, { "Content-Length": 2 }).end("{}"));
    }),
  );
}

test("https: an untrusted certificate fails with its TLS code and a hint; --no-verify-ssl accepts it", async (t) => {
  const server = await tlsServer();
  t.after(() => server.close());
  const url = `https://127.0.0.1:${port(server)}/sessions`;
  await assert.rejects(
    nodeHttpRequest(request(url), OPTIONS),
    (e: unknown) =>
      e instanceof TransportError &&
      e.code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" &&
      /set NODE_EXTRA_CA_CERTS/.test(e.message),
  );
  const res = await nodeHttpRequest(request(url), { ...OPTIONS, verifySsl: false });
  assert.equal(res.status, 201);
});

/** An HTTP proxy: CONNECT tunnels to `tunnelTo` whatever the target; absolute-form requests are answered here. */
async function proxyServer(tunnelTo: number | "refuse" | "ignore") {
  const connects: string[] = [];
  const forms: { url: string; headers: string[] }[] = [];
  const server = createHttpServer((req: IncomingMessage, res) => {
    forms.push({ url: req.url ?? "", headers: req.rawHeaders });
    req.resume();
    req.on("end", () => res.writeHead(201, { "Content-Length": 2 }).end("{}"));
  });
  server.on("connect", (req: IncomingMessage, client: Socket) => {
    connects.push(`${req.method} ${req.url} HTTP/${req.httpVersion}|${req.rawHeaders.join("|")}`);
    if (tunnelTo === "ignore") return;
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
  await listen(server);
  return { server, connects, forms, proxy: new URL(`http://user:p%40ss@127.0.0.1:${port(server)}`) };
}

test("https through a proxy: a CONNECT tunnel like Go's, then TLS to the target", async (t) => {
  const target = await tlsServer();
  const { server, connects, proxy } = await proxyServer(port(target));
  t.after(() => {
    server.close();
    target.close();
  });
  const res = await nodeHttpRequest(request("https://rolesanywhere.us-east-1.amazonaws.com/sessions"), {
    ...OPTIONS,
    verifySsl: false,
    proxy,
  });
  assert.equal(res.status, 201);
  assert.deepEqual(connects, [
    `CONNECT rolesanywhere.us-east-1.amazonaws.com:443 HTTP/1.1|Host|rolesanywhere.us-east-1.amazonaws.com:443|Proxy-Authorization|Basic ${Buffer.from("user:p@ss").toString("base64")}`,
  ]);
});

test("http through a proxy: absolute-form request line, the target's Host", async (t) => {
  const { server, forms, proxy } = await proxyServer("refuse");
  t.after(() => server.close());
  const res = await nodeHttpRequest(request("http://ra.internal:8080/sessions?x=1"), { ...OPTIONS, proxy });
  assert.equal(res.status, 201);
  assert.equal(forms[0]!.url, "http://ra.internal:8080/sessions?x=1");
  assert.deepEqual(forms[0]!.headers.slice(0, 2), ["Host", "ra.internal:8080"]);
  assert.ok(forms[0]!.headers.includes("Proxy-Authorization"));
});

test("a proxy refusing CONNECT, or never answering it", async (t) => {
  const refusing = await proxyServer("refuse");
  const silent = await proxyServer("ignore");
  t.after(() => {
    refusing.server.close();
    silent.server.close();
    silent.server.closeAllConnections();
  });
  const url = "https://rolesanywhere.us-east-1.amazonaws.com/sessions";
  await assert.rejects(
    nodeHttpRequest(request(url), { ...OPTIONS, proxy: refusing.proxy }),
    (e: unknown) =>
      e instanceof TransportError &&
      e.code === "ProxyConnectFailed" &&
      e.message ===
        "the proxy answered CONNECT rolesanywhere.us-east-1.amazonaws.com:443 with 502 Bad Gateway",
  );
  await assert.rejects(
    nodeHttpRequest(request(url), { ...OPTIONS, proxy: silent.proxy, connectTimeoutMs: 200 }),
    (e: unknown) =>
      e instanceof TransportError && e.code === "ConnectTimeout" && !e.message.includes("p%40ss"),
  );
});
