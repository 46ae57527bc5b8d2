// The route and its hooks: a Roles Anywhere write on this replica is honoured at once (no poll),
// the subject APIs read their own writes, closing the app writes what is queued, the body bound.
import assert from "node:assert/strict";
import { test } from "node:test";
import { signHeader, send as sendSigned } from "../../auth/client-requests.fixture.js";
import { openStore } from "../../store/open-store.js";
import { CREATE_SESSION_MAX_HEADER_BYTES } from "./plugin.js";
import {
  ANCHOR_ID,
  createSession,
  send,
  signedRequest,
  startTestServer,
  type TestServer,
} from "./sessions.fixture.js";

/** A SigV4-signed Roles Anywhere call with the account's root key. */
async function api(s: TestServer, method: string, path: string, body?: string) {
  const key = s.server.bootstrap.createdRootKey;
  assert.ok(key !== undefined);
  const signed = await signHeader(
    {
      method,
      host: `127.0.0.1:${s.port}`,
      path,
      ...(body === undefined ? {} : { body, headers: { "content-type": "application/json" } }),
    },
    {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      service: "rolesanywhere",
      signingDate: s.now(),
    },
  );
  return sendSigned(s.port, signed);
}

test("a Roles Anywhere write through this replica's API is honoured by its next CreateSession (no poll)", async (t) => {
  const s = await startTestServer(t, { sessions: { watchIntervalMs: false } });
  assert.equal((await createSession(s)).status, 201);
  const disabled = await api(s, "POST", `/trustanchor/${ANCHOR_ID}/disable`);
  assert.equal(disabled.status, 200, disabled.body);
  assert.equal((await createSession(s)).status, 403);
  assert.equal((await api(s, "POST", `/trustanchor/${ANCHOR_ID}/enable`)).status, 200);
  assert.equal((await createSession(s)).status, 201);
});

test("GetSubject and ListSubjects first write what the recorder has queued", async (t) => {
  const s = await startTestServer(t, { sessions: { recorder: { flushIntervalMs: 3_600_000 } } });
  assert.equal((await createSession(s)).status, 201); // the first success is written at once
  assert.equal((await createSession(s, { chain: [] })).status, 403); // a failure, queued
  assert.equal(s.runtime.recorder.pending, 2, "the failure and the role's last use wait");
  const list = await api(s, "GET", "/subjects");
  assert.equal(s.runtime.recorder.pending, 0);
  const [summary] = (JSON.parse(list.body) as { subjects: { subjectId: string }[] }).subjects;
  assert.ok(summary !== undefined);
  const detail = JSON.parse((await api(s, "GET", `/subject/${summary.subjectId}`)).body) as {
    subject: { credentials: { failed: boolean }[] };
  };
  assert.deepEqual(
    detail.subject.credentials.map((c) => c.failed),
    [true],
  );
});

test("closing the server writes the queue before the store closes", async (t) => {
  const s = await startTestServer(t, { sessions: { recorder: { flushIntervalMs: 3_600_000 } } });
  assert.equal((await createSession(s, { chain: [] })).status, 403);
  assert.equal(s.runtime.recorder.pending, 1);
  await s.server.close();
  const store = await openStore(s.databaseUrl, { clock: () => s.now() });
  try {
    assert.equal(await store.subjects.count(), 1);
  } finally {
    await store.close();
  }
});

test("the body is bounded to 64 KiB (413); headers up to the server's maxHeaderSize are read", async (t) => {
  const s = await startTestServer(t);
  const big = signedRequest(s);
  const tooLarge = await send(s, { ...big, body: Buffer.alloc(64 * 1024 + 1, 0x20) });
  assert.equal(tooLarge.status, 413);
  assert.equal(CREATE_SESSION_MAX_HEADER_BYTES, 155_664);
  const padded = await send(s, { ...big, headers: [...big.headers, ["X-Padding", "p".repeat(120_000)]] });
  assert.equal(padded.status, 201, padded.text);
});
