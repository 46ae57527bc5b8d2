// Test support for the long-running client commands (serve-*, update-*): run `anchorage serve` /
// `update` as child processes, speak raw HTTP to them, and a CreateSession endpoint that VERIFIES the
// AWS4-X509 signature and chain (sigv4-x509) and mints credentials of a chosen lifetime, which can be
// taken down and brought back on the same port.
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { parseCreateSessionParams, parseX509Request, verifyX509Request } from "@anchorage/sigv4-x509";
import { BIN, chainsToTestRoot, FIXTURES, jsonAnswer, startEndpoint } from "./client-harness.js";
import type { Answer, Endpoint, Received } from "./client-harness.js";
import { trustPolicy } from "./trust-policy.fixture.js";

export const ACCOUNT = "123456789012";
export const ARN_ARGS = [
  "--trust-anchor-arn",
  `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/TA`,
  "--profile-arn",
  `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/PR`,
  "--role-arn",
  `arn:aws:iam::${ACCOUNT}:role/test-role`,
];
export const pki = (name: string): string => join(FIXTURES, "pki", name);
/** The RSA client's signing material as flags: its certificate and key, and the intermediate. */
export const RSA_MATERIAL: readonly string[] = [
  "--certificate",
  pki("client-rsa.cert.pem"),
  "--private-key",
  pki("client-rsa.key.pem"),
  "--intermediates",
  pki("chain-intermediate.pem"),
];

/** One credential set the endpoint minted. */
export interface MintedSet {
  readonly accessKeyId: string;
  readonly serial: string;
  readonly expiration: string;
}

export interface MintingEndpoint {
  readonly url: string;
  readonly minted: MintedSet[];
  /** Every CreateSession that arrived, verified or not. */
  readonly received: Received[];
  /** Credentials minted from now on last this long. */
  lifetimeMs: number;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A CreateSession endpoint that verifies each request and mints `lifetimeMs` credentials. */
export async function startMintingEndpoint(lifetimeMs = 3_600_000): Promise<MintingEndpoint> {
  const minted: MintedSet[] = [];
  const received: Received[] = [];
  const answer = (r: Received): Answer => {
    received.push(r);
    try {
      const parsed = parseX509Request({
        method: r.method,
        rawUrl: r.url,
        headers: r.rawHeaders,
        body: r.body,
      });
      const verified = verifyX509Request(parsed, { now: new Date(), region: "us-east-1" });
      if (!chainsToTestRoot(verified.certificate, verified.chain))
        return jsonAnswer(403, { message: "Untrusted signing certificate" }, "AccessDeniedException");
      const contentType = r.rawHeaders.find(([n]) => n.toLowerCase() === "content-type")?.[1];
      parseCreateSessionParams({ query: parsed.query, body: r.body, contentType });
      const set: MintedSet = {
        accessKeyId: `ASIA${randomBytes(8).toString("hex").toUpperCase()}`,
        serial: verified.serialNumber,
        expiration: iso(Date.now() + state.lifetimeMs),
      };
      minted.push(set);
      return jsonAnswer(201, {
        credentialSet: [
          {
            assumedRoleUser: {
              arn: `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/${set.serial}`,
              assumedRoleId: "AROA:x",
            },
            credentials: {
              accessKeyId: set.accessKeyId,
              secretAccessKey: randomBytes(30).toString("base64"),
              sessionToken: randomBytes(40).toString("base64"),
              expiration: set.expiration,
            },
            packedPolicySize: 0,
            roleArn: `arn:aws:iam::${ACCOUNT}:role/test-role`,
            sourceIdentity: "test",
          },
        ],
        subjectArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:subject/x`,
      });
    } catch (error) {
      return jsonAnswer(403, { message: (error as Error).message }, "AccessDeniedException");
    }
  };
  let endpoint: Endpoint = await startEndpoint(answer);
  const port = endpoint.port;
  const state = {
    url: endpoint.url,
    minted,
    received,
    lifetimeMs,
    down: async () => endpoint.close(),
    up: async () => {
      endpoint = await startEndpoint(answer, port);
      if (endpoint.port !== port) throw new Error(`port ${port} was taken meanwhile`);
    },
    close: async () => endpoint.close().catch(() => undefined),
  };
  return state;
}

/** A running `anchorage serve`. */
export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** `http://127.0.0.1:<port>` (or the IPv6 form). */
  readonly origin: string;
  stderr(): string;
  stdout(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `anchorage serve <args>` and waits for its "Local server started on port" and export lines. */
export async function startServe(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = FIXTURES,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let err = "";
  let out = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const m =
        /Local server started on port: (\d+)\n[^]*export AWS_EC2_METADATA_SERVICE_ENDPOINT=\S+\n/.exec(err);
      if (m) {
        child.stderr.off("data", onData);
        resolve(Number(m[1]));
      }
    };
    child.stderr.on("data", onData);
    child.once("close", (code) => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
  });
  const exported = /export AWS_EC2_METADATA_SERVICE_ENDPOINT=(http:\/\/\S+)\//.exec(err);
  return {
    child,
    port,
    origin: exported?.[1] ?? `http://127.0.0.1:${port}`,
    stderr: () => err,
    stdout: () => out,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const [code] = (await once(child, "close")) as [number | null]; // "close": output all read
      return code;
    },
  };
}

/** A raw HTTP/1.1 exchange: exactly the bytes of the response head and body. */
export interface RawResponse {
  readonly statusLine: string;
  readonly headers: [string, string][];
  readonly body: string;
  readonly raw: string;
}

/**
 * Sends one request as curl would (`Host`, `User-Agent`, `Accept`, then `headers`) on a fresh
 * connection and reads one response by its Content-Length.
 */
export async function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: readonly [string, string][] = [],
  host = "127.0.0.1",
): Promise<RawResponse> {
  const socket = connect({ host, port });
  await once(socket, "connect");
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${host.includes(":") ? `[${host}]` : host}:${port}`,
    "User-Agent: curl/7.88.1",
    "Accept: */*",
    ...headers.map(([n, v]) => `${n}: ${v}`),
  ];
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  let data = Buffer.alloc(0);
  return new Promise<RawResponse>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf("\r\n\r\n");
      if (end === -1) return;
      const head = data.subarray(0, end).toString("latin1").split("\r\n");
      const parsed = head
        .slice(1)
        .map((l): [string, string] => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]);
      const length = Number(parsed.find(([n]) => n.toLowerCase() === "content-length")?.[1] ?? "0");
      const body = data.subarray(end + 4);
      if (body.length < length) return;
      socket.destroy();
      resolve({
        statusLine: head[0]!,
        headers: parsed,
        body: body.subarray(0, length).toString("utf8"),
        raw: data.toString("utf8"),
      });
    });
    socket.on("error", reject);
  });
}

/** `PUT /latest/api/token` with a TTL; resolves to the token. */
export async function imdsToken(port: number, ttl = "21600", host?: string): Promise<string> {
  const r = await rawRequest(
    port,
    "PUT",
    "/latest/api/token",
    [["X-aws-ec2-metadata-token-ttl-seconds", ttl]],
    host,
  );
  if (!r.statusLine.includes(" 200 ")) throw new Error(`token: ${r.statusLine} ${r.body}`);
  return r.body;
}

/** The IMDS credentials of the role, parsed, with the status line. */
export async function imdsCredentials(
  port: number,
  token: string,
): Promise<{ status: string; json?: Record<string, string>; body: string }> {
  const r = await rawRequest(port, "GET", "/latest/meta-data/iam/security-credentials/test-role", [
    ["X-aws-ec2-metadata-token", token],
  ]);
  return {
    status: r.statusLine,
    body: r.body,
    ...(r.statusLine.includes(" 200 ") ? { json: JSON.parse(r.body) as Record<string, string> } : {}),
  };
}

/** A real `anchorage server` process seeded with a trust anchor (the test PKI's root), a profile and a role. */
export interface RealServer {
  readonly url: string;
  /** `--trust-anchor-arn … --profile-arn … --role-arn …` of the seeded account. */
  readonly arnArgs: string[];
  readonly account: string;
  readonly roleArn: string;
  /** CreateSession calls the server answered 201, from its request log. */
  sessionsCreated(): number;
  stop(): Promise<unknown>;
}

/** Starts `anchorage server` (SQLite in a temporary directory) and seeds it through its own APIs. */
export async function startAnchorageServer(): Promise<RealServer> {
  const [{ mkdtemp, rm }, { tmpdir }, serverFixture, ra, iam] = await Promise.all([
    import("node:fs/promises"),
    import("node:os"),
    import("./server-process.fixture.js"),
    import("@aws-sdk/client-rolesanywhere"),
    import("@aws-sdk/client-iam"),
  ]);
  const dir = await mkdtemp(join(tmpdir(), "anchorage-real-server-"));
  const cleanups: (() => unknown)[] = [() => rm(dir, { recursive: true, force: true })];
  // The fixture registers its clean-up (stopping the server) through a test context's `after`.
  const context = { after: (fn: () => unknown) => void cleanups.push(fn) } as unknown as Parameters<
    typeof serverFixture.startServerProcess
  >[0];
  const server = await serverFixture.startServerProcess(context, dir);
  const admin = await serverFixture.readCredentials(server.credentialsFile);
  const config = { region: "us-east-1", endpoint: server.url, credentials: admin, maxAttempts: 1 };
  const roles = new ra.RolesAnywhereClient(config);
  const anchor = await roles.send(
    new ra.CreateTrustAnchorCommand({
      name: "test-pki",
      enabled: true,
      source: {
        sourceType: "CERTIFICATE_BUNDLE",
        sourceData: { x509CertificateData: readFileSync(pki("trust-anchor-root.pem"), "utf8") },
      },
    }),
  );
  const role = await new iam.IAMClient(config).send(
    new iam.CreateRoleCommand({
      RoleName: "test-role",
      AssumeRolePolicyDocument: trustPolicy(),
    }),
  );
  const roleArn = role.Role!.Arn!;
  const profile = await roles.send(
    new ra.CreateProfileCommand({ name: "test-profile", enabled: true, roleArns: [roleArn] }),
  );
  return {
    url: server.url,
    account: roleArn.split(":")[4]!,
    roleArn,
    arnArgs: [
      "--trust-anchor-arn",
      anchor.trustAnchor!.trustAnchorArn!,
      "--profile-arn",
      profile.profile!.profileArn!,
      "--role-arn",
      roleArn,
    ],
    sessionsCreated: () =>
      server
        .stdout()
        .split("\n")
        .filter((l) => l.includes('"route":"/sessions"') && l.includes('"statusCode":201')).length,
    stop: async () => {
      for (const c of cleanups.reverse()) await c();
    },
  };
}
