// Test harness of CreateSession: a PKI made once per process with @anchorage/pki's issuance (a root
// CA, an issuing CA under it, client certificates, a CA from elsewhere), a real server (createServer
// on a temporary SQLite file or PostgreSQL schema, listening on 127.0.0.1, a clock the test moves,
// logs the test can read) seeded through its store, and CreateSession requests signed with
// @anchorage/sigv4-x509 — the client code — then mutated as a test needs.
import assert from "node:assert/strict";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { loadIssuance, parseCertificatePems } from "@anchorage/pki";
import {
  buildCreateSessionRequest,
  signX509Request,
  type CreateSessionInput,
  type X509SignedRequest,
} from "@anchorage/sigv4-x509";
import { createServer, type AnchorageServer } from "../../compose.js";
import { captureLog } from "../../http/captured-log.fixture.js";
import type { AttributeMappingRecord, ProfileRecord } from "../../store/store.js";
import { temporaryPostgresDatabase, temporarySqliteDatabase } from "../../store/test-databases.js";
import { DEFAULT_ATTRIBUTE_MAPPINGS } from "../rolesanywhere/attribute-mappings.js";
import { decisionApiService } from "../authorize-api/decision-api.js";
import { iamStsService } from "../iam/query-service.js";
import { rolesAnywherePlugin } from "../rolesanywhere/index.js";
import {
  sessionsRuntime,
  sessionsService,
  type SessionsRuntime,
  type SessionsServiceOptions,
} from "./plugin.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
/** The PKI's certificates are valid from here (30 days; clients 10 days). */
export const ISSUED = new Date("2026-03-01T00:00:00Z");
export const NOW = new Date("2026-03-02T12:00:00Z");

export const ANCHOR_ID = "a0000000-0000-4000-8000-000000000001";
export const PROFILE_ID = "b0000000-0000-4000-8000-000000000001";
export const ROLE_NAME = "app";
export const ANCHOR_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${ANCHOR_ID}`;
export const PROFILE_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${PROFILE_ID}`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`;

/** A certificate and its key, PEM. */
export interface Material {
  readonly certPem: string;
  readonly keyPem: string;
  readonly serialHex: string;
}

export interface TestPki {
  readonly root: Material;
  readonly issuing: Material;
  /** `CN=client-1, OU=dev, O=Anchorage tests`, SAN DNS client-1.example.com, by the issuing CA. */
  readonly client: Material;
  /** `CN=client-2`, by the issuing CA. */
  readonly other: Material;
  /** A client of a CA that no anchor holds. */
  readonly stranger: Material;
  readonly strangerCa: Material;
}

let pki: Promise<TestPki> | undefined;

/** The test PKI (P-256 throughout: fast to make and to verify), issued once per process. */
export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const { createCa, issueCertificate } = await loadIssuance();
    const ca = async (cn: string, issuer?: Material): Promise<Material> => {
      const made = await createCa({
        keyType: "p256",
        subject: { CN: cn, O: "Anchorage tests" },
        validityDays: 30,
        now: ISSUED,
        ...(issuer === undefined ? {} : { issuer, pathLength: 0 }),
      });
      return { certPem: made.certPem, keyPem: made.keyPem, serialHex: made.serialHex };
    };
    const leaf = async (issuer: Material, cn: string, extra: { dns?: string[] } = {}): Promise<Material> => {
      const made = await issueCertificate({
        ca: issuer,
        subject: { CN: cn, OU: "dev", O: "Anchorage tests" },
        ...(extra.dns === undefined ? {} : { sans: { dns: extra.dns } }),
        keyType: "p256",
        validityDays: 10,
        now: ISSUED,
      });
      return { certPem: made.certPem, keyPem: made.keyPem ?? "", serialHex: made.serialHex };
    };
    const root = await ca("Test Root CA");
    const issuing = await ca("Test Issuing CA", root);
    const strangerCa = await ca("Stranger CA");
    return {
      root,
      issuing,
      client: await leaf(issuing, "client-1", { dns: ["client-1.example.com"] }),
      other: await leaf(issuing, "client-2"),
      stranger: await leaf(strangerCa, "stranger"),
      strangerCa,
    };
  })();
  return pki;
}

/** A trust policy for Roles Anywhere's three actions, with optional conditions. */
export const trustPolicy = (condition?: Record<string, Record<string, string | string[]>>): string =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "rolesanywhere.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  });

export interface LogRecord {
  readonly [key: string]: unknown;
}

export interface TestServer {
  readonly server: AnchorageServer;
  readonly runtime: SessionsRuntime;
  readonly port: number;
  readonly pki: TestPki;
  readonly databaseUrl: string;
  setNow(now: Date): void;
  now(): Date;
  logs(): LogRecord[];
  /** Makes writes through the store visible to the caches at once (as another replica's would be within a second). */
  refresh(): Promise<void>;
  updateProfile(patch: Partial<ProfileRecord>): Promise<void>;
}

export interface TestServerOptions {
  readonly explainErrors?: boolean;
  /** CreateSession's tuning (e.g. no generation polling, a recorder that never flushes by itself). */
  readonly sessions?: SessionsServiceOptions;
  /** Another server's database (a replica): nothing is seeded. */
  readonly replicaOf?: TestServer;
  readonly backend?: "sqlite" | "postgres";
  /** The anchor's bundle; default the root CA. */
  readonly bundlePem?: string;
  readonly trust?: string;
  readonly profile?: Partial<Omit<ProfileRecord, "id" | "arn" | "createdAt" | "updatedAt">>;
  readonly maxSessionDuration?: number;
  readonly attributeMappings?: AttributeMappingRecord[];
}

/** A server with the anchor, the profile and the role, listening on 127.0.0.1. */
export async function startTestServer(
  t: Pick<TestContext, "after">,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const material = await testPki();
  const db =
    options.replicaOf !== undefined
      ? { url: options.replicaOf.databaseUrl, dispose: async () => undefined }
      : options.backend === "postgres"
        ? await temporaryPostgresDatabase()
        : await temporarySqliteDatabase();
  let now = NOW;
  const log = captureLog();
  const server = await createServer({
    database: db.url,
    region: REGION,
    accountId: ACCOUNT,
    clock: () => now,
    log: log.logger,
    explainErrors: options.explainErrors ?? false,
    ...(options.sessions === undefined
      ? {}
      : {
          services: [
            rolesAnywherePlugin,
            iamStsService,
            decisionApiService,
            sessionsService(options.sessions),
          ],
        }),
  });
  t.after(async () => {
    await server.close();
    await db.dispose();
  });
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const runtime = sessionsRuntime(server.app);
  assert.ok(runtime !== undefined, "the sessions service is registered");
  const { store } = server;
  if (options.replicaOf === undefined) {
    await store.roles.create({
      id: "AROAANCHORAGETESTAPP1",
      name: ROLE_NAME,
      path: "/",
      arn: ROLE_ARN,
      assumeRolePolicyDocument: options.trust ?? trustPolicy(),
      maxSessionDuration: options.maxSessionDuration ?? 3600,
    });
    await store.trustAnchors.create({
      id: ANCHOR_ID,
      arn: ANCHOR_ARN,
      name: "test-anchor",
      enabled: true,
      source: {
        sourceType: "CERTIFICATE_BUNDLE",
        sourceData: { x509CertificateData: options.bundlePem ?? material.root.certPem },
      },
      notificationSettings: [],
    });
    await store.profiles.create({
      id: PROFILE_ID,
      arn: PROFILE_ARN,
      name: "test-profile",
      enabled: true,
      roleArns: [ROLE_ARN],
      managedPolicyArns: [],
      durationSeconds: 3600,
      requireInstanceProperties: false,
      acceptRoleSessionName: false,
      attributeMappings: options.attributeMappings ?? DEFAULT_ATTRIBUTE_MAPPINGS.map((m) => ({ ...m })),
      ...options.profile,
    });
  }
  const refresh = async () => {
    await server.policies.cache.refresh();
    await runtime.caches.refresh();
  };
  await refresh();
  return {
    server,
    runtime,
    port: (server.app.server.address() as AddressInfo).port,
    pki: material,
    databaseUrl: db.url,
    setNow: (d) => (now = d),
    now: () => now,
    logs: () => log.records(),
    refresh,
    async updateProfile(patch) {
      await store.profiles.update(PROFILE_ID, patch);
      await refresh();
    },
  };
}

/** What a test request is made of. */
export interface SignOptions {
  readonly leaf?: Material;
  /** Certificates for X-Amz-X509-Chain (PEM); default the issuing CA. `[]` sends no chain header. */
  readonly chain?: readonly string[];
  readonly input?: Partial<Omit<CreateSessionInput, "endpoint">>;
  readonly region?: string;
  readonly signedAt?: Date;
  /** Signs with this key instead of the leaf's. */
  readonly signingKeyPem?: string;
  /** Changes the request before it is signed (another body, ARNs in the body, other headers). */
  readonly before?: (request: SignableCreateSession) => SignableCreateSession;
}

/** A CreateSession about to be signed. */
export interface SignableCreateSession {
  readonly method: string;
  readonly path: string;
  readonly query: [string, string][];
  readonly headers: [string, string][];
  readonly body: Buffer;
}

/** The Python client's dialect: the ARNs in the JSON body (with spaces), no query string. */
export const arnsInBody =
  (extra: Record<string, unknown> = {}) =>
  (request: SignableCreateSession): SignableCreateSession => ({
    ...request,
    query: [],
    headers: request.headers.map(([n, v]): [string, string] =>
      n === "Content-Type" ? [n, "application/x-amz-json-1.0"] : [n, v],
    ),
    body: Buffer.from(
      JSON.stringify(
        { ...Object.fromEntries(request.query), ...JSON.parse(request.body.toString("utf8")), ...extra },
        null,
        1,
      ),
    ),
  });

/** Another body, signed as is. */
export const withBody =
  (body: string) =>
  (request: SignableCreateSession): SignableCreateSession => ({ ...request, body: Buffer.from(body) });

/** A signed CreateSession for `server` (ARNs in the query, as the helper sends them). */
export function signedRequest(
  server: TestServer,
  options: SignOptions = {},
): {
  readonly path: string;
  readonly headers: [string, string][];
  readonly body: Buffer;
  readonly signed: X509SignedRequest;
} {
  const leaf = options.leaf ?? server.pki.client;
  const request = buildCreateSessionRequest({
    endpoint: `http://127.0.0.1:${server.port}`,
    trustAnchorArn: ANCHOR_ARN,
    profileArn: PROFILE_ARN,
    roleArn: ROLE_ARN,
    ...options.input,
  });
  const chain = (options.chain ?? [server.pki.issuing.certPem]).flatMap((pem) => parseCertificatePems(pem));
  const base: SignableCreateSession = {
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: request.body,
  };
  const toSign = options.before?.(base) ?? base;
  const signed = signX509Request(toSign, {
    certificate: Buffer.from(new X509Certificate(leaf.certPem).raw),
    ...(chain.length === 0 ? {} : { chain }),
    privateKey: createPrivateKey(options.signingKeyPem ?? leaf.keyPem),
    region: options.region ?? REGION,
    now: options.signedAt ?? server.now(),
  });
  const query = toSign.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return {
    path: query === "" ? toSign.path : `${toSign.path}?${query}`,
    headers: signed.headers
      .filter(([name]) => name !== "Accept-Encoding")
      .map(([n, v]): [string, string] => [n, v]),
    body: toSign.body,
    signed,
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** Sends a request (raw header pairs, exact body) to the server. */
export function send(
  server: TestServer,
  request: { readonly path: string; readonly headers: readonly [string, string][]; readonly body: Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: request.path,
        headers: request.headers.flat(),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch (error) {
            void error; // not JSON (e.g. a 431 from node): json stays empty
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Signs and sends. */
export const createSession = (server: TestServer, options: SignOptions = {}): Promise<Reply> =>
  send(server, signedRequest(server, options));

/** Replaces (or removes, with `undefined`) one header of a request. */
export function withHeader<R extends { readonly headers: readonly [string, string][] }>(
  request: R,
  name: string,
  value: string | undefined,
): R {
  const headers = request.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  if (value !== undefined) headers.push([name, value]);
  return { ...request, headers };
}
