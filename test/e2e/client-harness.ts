// Test support for the client end-to-end tests (test/e2e/client-*.test.ts): run the BUILT CLI as a
// child process, and stand up local endpoints that record the exact bytes they receive.
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(REPO, "packages/cli/bin/anchorage.js");
export const ALIAS_BIN = join(REPO, "node_modules/.bin/aws_signing_helper");
export const FIXTURES = join(REPO, "test/fixtures/createsession");
/** The instant every pinned helper vector was recorded at. */
export const PINNED = "2026-01-15T12:00:00Z";

export interface CliRun {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly ms: number;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Added to a minimal environment (PATH only): no proxy or AWS variable leaks in from the runner. */
  readonly env?: Record<string, string>;
  /** Written to stdin, which is then closed (stdin is always closed). */
  readonly input?: Buffer | string;
  /** Node options before the script, e.g. `--import` hooks. */
  readonly nodeArgs?: readonly string[];
  readonly bin?: string;
}

/**
 * Runs `node <bin> ...args` asynchronously (test endpoints live in this process, so the event loop
 * must keep running) and collects the exact stdout bytes.
 */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? FIXTURES,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d: Buffer) => err.push(d));
  child.stdin.end(options.input ?? "");
  const [status] = (await once(child, "close")) as [number | null];
  return {
    status,
    stdout: Buffer.concat(out),
    stderr: Buffer.concat(err).toString("utf8"),
    ms: performance.now() - started,
  };
}

/** One request as a test endpoint received it. */
export interface Received {
  readonly method: string;
  /** The raw request target. */
  readonly url: string;
  readonly rawHeaders: [string, string][];
  readonly body: Buffer;
  /** Every byte read from the socket for this request (head, chunk framing, body). */
  readonly raw: Buffer;
  readonly chunked: boolean;
  /** performance.now() when the request had been read. */
  readonly at: number;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string | Buffer;
}

/** A JSON answer; `errorType` becomes the rest-json `x-amzn-ErrorType` header. */
export const jsonAnswer = (status: number, body: unknown, errorType?: string): Answer => ({
  status,
  headers: {
    "Content-Type": "application/json",
    ...(errorType === undefined ? {} : { "x-amzn-ErrorType": errorType }),
  },
  body: JSON.stringify(body),
});

let testRoot: X509Certificate | undefined;

/**
 * Whether leaf → chain reaches a certificate the fixtures' trust-anchor root signed, each
 * certificate signed by the next: the chain check of the test CreateSession endpoints.
 */
export function chainsToTestRoot(leaf: X509Certificate, chain: readonly X509Certificate[]): boolean {
  testRoot ??= new X509Certificate(readFileSync(join(FIXTURES, "pki/trust-anchor-root.pem")));
  const path = [leaf, ...chain];
  for (let i = 0; i < path.length; i++) {
    if (path[i]!.verify(testRoot.publicKey)) return true;
    const next = path[i + 1];
    if (next === undefined || !path[i]!.verify(next.publicKey)) return false;
  }
  return false;
}

export interface Endpoint {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

/**
 * A node:http endpoint behind a raw TCP tap (as the vectors' mock-server.mjs): records each request's
 * exact bytes and answers with `answer(request)`. Listens on `port` when given and free, else on any
 * free port.
 */
export async function startEndpoint(
  answer: (request: Received, req: IncomingMessage) => Answer | Promise<Answer>,
  port = 0,
): Promise<Endpoint> {
  const received: Received[] = [];
  const taps = new WeakMap<Socket, Buffer[]>();
  const http = createHttpServer(
    { maxHeaderSize: 256 * 1024 },
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void (async () => {
          const tap = taps.get(req.socket) ?? [];
          const rawHeaders: [string, string][] = [];
          for (let i = 0; i < req.rawHeaders.length; i += 2)
            rawHeaders.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
          const record: Received = {
            method: req.method ?? "",
            url: req.url ?? "",
            rawHeaders,
            body: Buffer.concat(chunks),
            raw: Buffer.concat(tap.splice(0)),
            chunked: /chunked/i.test(req.headers["transfer-encoding"] ?? ""),
            at: performance.now(),
          };
          received.push(record);
          try {
            const a = await answer(record, req);
            const body = typeof a.body === "string" ? Buffer.from(a.body) : a.body;
            res.writeHead(a.status, { ...a.headers, "Content-Length": body.length });
            res.end(body);
          } catch (error) {
            res.writeHead(500, { "Content-Type": "text/plain" });
            res.end(error instanceof Error ? error.message : String(error));
          }
        })();
      });
    },
  );
  const front = createNetServer((socket) => {
    const tap: Buffer[] = [];
    taps.set(socket, tap);
    socket.on("data", (d: Buffer) => tap.push(Buffer.from(d)));
    http.emit("connection", socket);
    socket.on("data", () => undefined); // keep JS-level reads so the tap sees every byte
  });
  const bound = await listenOn(front, port).catch(() => listenOn(front, 0));
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        front.close(() => resolve());
      }),
  };
}

async function listenOn(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => {
      server.removeListener("listening", onListening);
      reject(e);
    };
    const onListening = () => {
      server.removeListener("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
  return (server.address() as AddressInfo).port;
}

/** Recorded cases of AWS's helper (vectors.json / errors.json). */
export interface HelperCase {
  id: string;
  binary: string;
  fixedTime: string | null;
  mockMode: string | null;
  argv: string[];
  result: { exitCode: number; stdoutBase64: string; stderrUtf8: string };
  requests: {
    method: string;
    url: string;
    rawHeaders: [string, string][];
    bodyUtf8: string;
    chunked: boolean;
    rawRequestBase64: string;
    mockResponse: { status: number; headers: Record<string, string>; body: string };
  }[];
  expect?: { canonicalRequest: string; stringToSign: string; authorizationHeader?: string | null };
}

export const helperCases = (file: "vectors.json" | "errors.json"): HelperCase[] =>
  (JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as { cases: HelperCase[] }).cases;

/** The value after `--name` in an argv, or undefined. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
}

/** The argv of a recorded helper run with `--endpoint` pointed at `endpoint` (argv[0] dropped). */
export function withEndpoint(argv: readonly string[], endpoint: string): string[] {
  const args = argv.slice(1);
  const i = args.indexOf("--endpoint");
  if (i !== -1) args[i + 1] = endpoint;
  return args;
}
