// Helpers of the CreateSession end-to-end tests: an in-process server (createServer, a real store,
// a clock the test moves) seeded with a trust anchor, a profile and a role; raw request bytes
// replayed over a socket; and the recorded vectors of AWS's helper (test/fixtures/createsession).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { createServer, sessionsRuntime, type AnchorageServer } from "@anchorage/server";
import { pino, type Logger } from "pino";
import { Writable } from "node:stream";
import { trustPolicy } from "./trust-policy.fixture.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/createsession/", import.meta.url));
export const ACCOUNT = "123456789012";
export const ROLE_NAME = "test-role";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`;
export const anchorArn = (region: string, id = "TA") =>
  `arn:aws:rolesanywhere:${region}:${ACCOUNT}:trust-anchor/${id}`;
export const profileArn = (region: string, id = "PR") =>
  `arn:aws:rolesanywhere:${region}:${ACCOUNT}:profile/${id}`;

export { trustPolicy };

export const DEFAULT_MAPPINGS = [
  { certificateField: "x509Issuer" as const, mappingRules: [{ specifier: "*" }] },
  {
    certificateField: "x509SAN" as const,
    mappingRules: [{ specifier: "DNS" }, { specifier: "URI" }, { specifier: "Name/*" }],
  },
  { certificateField: "x509Subject" as const, mappingRules: [{ specifier: "*" }] },
];

/** Log lines the test can read. */
export function capturedLog(): { logger: Logger; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((l) => l !== ""),
      );
      done();
    },
  });
  return {
    logger: pino({ level: "info" }, stream),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export interface SessionServer {
  readonly server: AnchorageServer;
  readonly port: number;
  /** Moves the server clock. */
  setNow(now: Date): void;
  readonly log: ReturnType<typeof capturedLog>;
  /** Writes the subject recorder's queue. */
  flush(): Promise<void>;
}

/** An in-process server on 127.0.0.1 (SQLite in `dataDir` unless `database` is given). */
export async function startSessionServer(
  t: Pick<TestContext, "after">,
  options: { region: string; database: string; now: Date; explainErrors?: boolean },
): Promise<SessionServer> {
  let now = options.now;
  const log = capturedLog();
  const server = await createServer({
    database: options.database,
    region: options.region,
    accountId: ACCOUNT,
    clock: () => now,
    log: log.logger,
    explainErrors: options.explainErrors ?? false,
  });
  t.after(() => server.close());
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const runtime = sessionsRuntime(server.app);
  assert.ok(runtime !== undefined, "the sessions service is registered");
  return {
    server,
    port: (server.app.server.address() as AddressInfo).port,
    setNow: (d) => (now = d),
    log,
    flush: () => runtime.recorder.flush(),
  };
}

/** Seeds the trust anchor `TA` (given bundle), the profile `PR` and the role `test-role`. */
export async function seedVectorAccount(
  s: SessionServer,
  region: string,
  options: {
    bundlePem: string;
    acceptRoleSessionName?: boolean;
    trust?: string;
    maxSessionDuration?: number;
  },
): Promise<void> {
  const { store } = s.server;
  await store.roles.create({
    id: "AROAANCHORAGETESTROLE",
    name: ROLE_NAME,
    path: "/",
    arn: ROLE_ARN,
    assumeRolePolicyDocument: options.trust ?? trustPolicy(),
    maxSessionDuration: options.maxSessionDuration ?? 3600,
  });
  await store.trustAnchors.create({
    id: "TA",
    arn: anchorArn(region),
    name: "TA",
    enabled: true,
    source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: options.bundlePem } },
    notificationSettings: [],
  });
  await store.profiles.create({
    id: "PR",
    arn: profileArn(region),
    name: "PR",
    enabled: true,
    roleArns: [ROLE_ARN],
    managedPolicyArns: [],
    durationSeconds: 3600,
    requireInstanceProperties: false,
    acceptRoleSessionName: options.acceptRoleSessionName ?? true,
    attributeMappings: DEFAULT_MAPPINGS,
  });
  await s.server.policies.cache.refresh();
  const runtime = sessionsRuntime(s.server.app);
  await runtime?.caches.refresh();
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends exact request bytes to 127.0.0.1:`port` and reads one HTTP/1.1 response. */
export function sendRaw(port: number, bytes: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = Buffer.alloc(0);
    const done = (r: RawResponse) => {
      socket.destroy();
      resolve(r);
    };
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = data.subarray(0, end).toString("latin1").split("\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? "")?.[1] ?? "0");
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(":");
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const length = Number(headers["content-length"] ?? "0");
      if (data.length - end - 4 >= length) {
        done({ status, headers, body: data.subarray(end + 4, end + 4 + length).toString("utf8") });
      }
    });
    socket.on("error", reject);
    socket.write(bytes);
  });
}

/** A recorded helper run (the parts these tests use). */
export interface VectorCase {
  readonly id: string;
  readonly fixedTime: string | null;
  readonly argv: readonly string[];
  readonly requests: readonly {
    readonly url: string;
    readonly rawHeaders: readonly [string, string][];
    readonly bodyUtf8: string;
    readonly rawRequestBase64: string;
  }[];
}

export function loadVectorCases(file = "vectors.json"): VectorCase[] {
  return (JSON.parse(readFileSync(`${FIXTURES}${file}`, "utf8")) as { cases: VectorCase[] }).cases;
}

export const fixturePem = (name: string): string => readFileSync(`${FIXTURES}pki/${name}`, "utf8");

/** `20260115T120000Z` → Date. */
export const fromAmzDate = (d: string): Date =>
  new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );
