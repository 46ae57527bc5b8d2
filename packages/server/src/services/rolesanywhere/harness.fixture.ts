// Test harness: a real server (createServer with only the Roles Anywhere plugin, on SQLite or a
// fresh PostgreSQL schema) listening on 127.0.0.1, driven over HTTP with requests signed by the
// real client signer (@smithy/signature-v4). `op()` builds each request from the model (labels,
// query string, JSON body), as an SDK would, so tests call all 30 operations the same way.
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import assert from "node:assert/strict";
import { send, signHeader } from "../../auth/client-requests.fixture.js";
import type { Authorizer } from "../../authorize.js";
import { createServer, type AnchorageServer } from "../../compose.js";
import {
  ROLESANYWHERE_MODEL,
  type RolesAnywhereOperationName,
  type RolesAnywhereOperations,
} from "../../generated/rolesanywhere.js";
import type { RandomBytes } from "../../http/request-id.js";
import { shapeOf } from "../../protocol/model.js";
import type { Store } from "../../store/store.js";
import {
  postgresTestSkipReason,
  temporaryPostgresDatabase,
  temporarySqliteDatabase,
  type TestDatabase,
} from "../../store/test-databases.js";
import { rolesAnywherePlugin } from "./plugin.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const START = new Date("2024-05-01T12:00:00.000Z");

/** The backends every resource test runs on; PostgreSQL only where `npm test` provides it. */
export const BACKENDS = [
  { name: "sqlite", skip: false },
  { name: "postgres", skip: postgresTestSkipReason() ?? false },
] as const;
export type Backend = (typeof BACKENDS)[number]["name"];

/** A value as it travels in JSON: Dates and Buffers become strings. */
export type Wire<T> = T extends Date | Uint8Array
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Op = RolesAnywhereOperationName;
export type Input<K extends Op> = RolesAnywhereOperations[K]["input"];
export type Output<K extends Op> = Wire<RolesAnywhereOperations[K]["output"]>;

export interface RawReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface Failure {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Sign with another secret (a bad signature) or not at all. */
  readonly secret?: string;
  /** Sign with another access key (default: the root's). */
  readonly as?: AccessKey;
  readonly unsigned?: boolean;
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface Harness {
  readonly server: AnchorageServer;
  readonly store: Store;
  /** The server's clock: starts at {@link START}, moves 1 ms per reading; `advance` jumps. */
  now(): Date;
  advance(ms: number): void;
  /** Sends a request built from the model for `operation` (signed with the root key unless `as`). */
  op<K extends Op>(operation: K, input: Input<K>, as?: AccessKey): Promise<RawReply>;
  /** `op` that must succeed (2xx, the model's status); returns the JSON output. */
  ok<K extends Op>(operation: K, input: Input<K>): Promise<Output<K>>;
  /** `op` that must fail; returns the wire error. */
  fail<K extends Op>(operation: K, input: Input<K>): Promise<Failure>;
  /** Sends a hand-made request (signed with the root key unless told otherwise). */
  raw(request: RawRequest): Promise<RawReply>;
  close(): Promise<void>;
}

/** Deterministic randomness: a SHA-256 stream of a seed. */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0;
  return (size: number) => {
    const out = Buffer.alloc(size);
    for (let filled = 0; filled < size; filled += 32) {
      createHash("sha256").update(`${seed}/${counter++}`).digest().copy(out, filled);
    }
    return out;
  };
}

/** The request an SDK sends for `operation` with `input`. */
export function requestFor<K extends Op>(operation: K, input: Input<K>): RawRequest {
  const op = ROLESANYWHERE_MODEL.operations[operation];
  let path = op.http.requestUri.split("?")[0] ?? "/";
  const query: Record<string, string[]> = {};
  const body: Record<string, unknown> = {};
  const shape = op.input === undefined ? undefined : shapeOf(ROLESANYWHERE_MODEL, op.input);
  const values = input as Record<string, unknown>;
  if (shape?.type === "structure") {
    for (const [name, member] of Object.entries(shape.members)) {
      const value = values[name];
      if (value === undefined) continue;
      const wire = member.locationName ?? name;
      if (member.location === "uri") path = path.replace(`{${wire}}`, encodeURIComponent(String(value)));
      else if (member.location === "querystring")
        query[wire] = Array.isArray(value) ? value.map(String) : [String(value)];
      else body[wire] = value;
    }
  }
  const hasBody = op.http.method !== "GET" && op.http.method !== "DELETE";
  return {
    method: op.http.method,
    path,
    query,
    ...(hasBody
      ? {
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body, (_key, v: unknown) =>
            isBufferJson(v) ? Buffer.from(v.data).toString("base64") : v,
          ),
        }
      : {}),
  };
}

const isBufferJson = (v: unknown): v is { type: "Buffer"; data: number[] } =>
  typeof v === "object" && v !== null && (v as { type?: unknown }).type === "Buffer";

/** Starts a server on `backend`; `t.after` closes it and drops its database. */
export async function startHarness(
  t: Pick<TestContext, "after">,
  options: {
    readonly backend: Backend;
    readonly authorizer?: Authorizer;
    /** Share a database between servers (the caller disposes it). */
    readonly database?: TestDatabase;
    /** Seed of the server's randomness (default: per backend). */
    readonly seed?: string;
  } = {
    backend: "sqlite",
  },
): Promise<Harness> {
  const database =
    options.database ??
    (options.backend === "postgres" ? await temporaryPostgresDatabase() : await temporarySqliteDatabase());
  let millis = START.getTime();
  const now = () => new Date(millis++);
  const server = await createServer({
    database: database.url,
    region: REGION,
    accountId: ACCOUNT,
    clock: now,
    random: seededRandom(options.seed ?? `harness/${options.backend}`),
    log: { level: "silent" },
    services: [rolesAnywherePlugin],
    ...(options.authorizer === undefined ? {} : { authorizer: options.authorizer }),
  });
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const port = (server.app.server.address() as AddressInfo).port;
  // A fresh database creates the root key; a server joining one reads it from the store.
  const [stored] = await server.store.accessKeys.listByUser(undefined);
  const rootKey =
    server.bootstrap.createdRootKey ??
    (stored === undefined
      ? assert.fail("the database has no root key")
      : { accessKeyId: stored.id, secretAccessKey: stored.secretAccessKey });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
    if (options.database === undefined) await database.dispose();
  };
  t.after(close);

  const raw = async (request: RawRequest): Promise<RawReply> => {
    const host = `127.0.0.1:${port}`;
    const plain = {
      method: request.method,
      host,
      path: request.path,
      ...(request.query === undefined ? {} : { query: request.query }),
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
    };
    const signed = request.unsigned
      ? {
          method: plain.method,
          rawUrl: plain.path,
          headers: { host, ...plain.headers },
          body: Buffer.from(plain.body ?? ""),
        }
      : await signHeader(plain, {
          accessKeyId: (request.as ?? rootKey).accessKeyId,
          secretAccessKey: request.secret ?? (request.as ?? rootKey).secretAccessKey,
          signingDate: new Date(millis),
        });
    const reply = await send(port, signed);
    return { status: reply.status, headers: reply.headers, body: reply.body };
  };
  const op = <K extends Op>(operation: K, input: Input<K>, as?: AccessKey) =>
    raw({ ...requestFor(operation, input), ...(as === undefined ? {} : { as }) });
  return {
    server,
    store: server.store,
    now,
    advance: (ms) => {
      millis += ms;
    },
    op,
    raw,
    async ok(operation, input) {
      const reply = await op(operation, input);
      const expected = ROLESANYWHERE_MODEL.operations[operation].http.responseCode ?? 200;
      assert.equal(reply.status, expected, `${operation} answered ${reply.status}: ${reply.body}`);
      return JSON.parse(reply.body) as Output<typeof operation>;
    },
    async fail(operation, input) {
      return failureOf(await op(operation, input));
    },
    close,
  };
}

/** The wire error of a reply (asserting it is one). */
export function failureOf(reply: RawReply): Failure {
  assert.ok(reply.status >= 400, `expected an error, got ${reply.status}: ${reply.body}`);
  const type = reply.headers["x-amzn-errortype"];
  assert.equal(typeof type, "string", "x-amzn-ErrorType is set");
  const body = JSON.parse(reply.body) as { message?: unknown };
  assert.equal(typeof body.message, "string", "the body has a message");
  return { status: reply.status, type: type as string, message: body.message as string };
}

/** A value the model marks optional that the test needs (fails the test when absent). */
export const defined = <T>(value: T | undefined, what = "value"): T => value ?? assert.fail(`no ${what}`);
