import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import { openStore } from "../../store/open-store.js";
import type { WatcherTimers } from "../../store/generation-watcher.js";
import type { AuthenticationRecord, Store } from "../../store/store.js";
import { temporarySqliteDatabase } from "../../store/test-databases.js";
import { ActivityRecorder } from "./activity-recorder.js";

const T0 = new Date("2026-03-02T12:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function store(t: TestContext): Promise<Store> {
  const db = await temporarySqliteDatabase();
  const s = await openStore(db.url, { clock: () => T0 });
  t.after(async () => {
    await s.close();
    await db.dispose();
  });
  return s;
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: WatcherTimers = {
    setTimeout: (fn) => {
      pending.set(++next, fn);
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    scheduled: () => pending.size,
    fire: () => {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
    },
  };
}

const log = () => {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      warn: (_o: object, m: string) => void lines.push(`warn ${m}`),
      error: (_o: object, m: string) => void lines.push(`error ${m}`),
    },
  };
};

const record = (
  seconds: number,
  failed: boolean,
  extra: Partial<AuthenticationRecord> = {},
): AuthenticationRecord => ({
  x509Subject: "CN=host-1,O=Example",
  newSubject: {
    id: "d0000000-0000-4000-8000-000000000001",
    arn: "arn:aws:rolesanywhere:us-east-1:123456789012:subject/d0000000-0000-4000-8000-000000000001",
  },
  seenAt: at(seconds),
  failed,
  certificate: {
    serialNumber: "1002",
    issuer: "CN=Issuing CA",
    x509CertificateData: "-----BEGIN CERTIFICATE-----\n",
  },
  ...extra,
});

test("records of one certificate coalesce: the newest wins, written on flush", async (t) => {
  const s = await store(t);
  const timers = manualTimers();
  const r = new ActivityRecorder({ store: s, log: log().logger, timers: timers.timers });
  await r.recordAuthentication(record(1, false));
  await r.recordAuthentication(record(3, true));
  await r.recordAuthentication(record(2, false)); // older than the queued one: ignored
  assert.equal(r.pending, 1);
  assert.equal(timers.scheduled(), 1, "a flush is scheduled");
  assert.equal(await s.subjects.count(), 0, "nothing written yet");
  await r.flush();
  assert.equal(r.pending, 0);
  const subject = await s.subjects.get("d0000000-0000-4000-8000-000000000001");
  assert.deepEqual(
    subject?.credentials.map((c) => [c.seenAt.slice(0, 19), c.failed]),
    [["2026-03-02T12:00:03", true]],
  );
  assert.equal(r.subjectArn("CN=host-1,O=Example"), subject?.arn, "the ARN is remembered");
});

test("other certificates and other instance properties are separate records", async (t) => {
  const s = await store(t);
  const r = new ActivityRecorder({ store: s, log: log().logger, timers: manualTimers().timers });
  await r.recordAuthentication(record(1, false));
  await r.recordAuthentication(
    record(1, false, {
      certificate: { serialNumber: "1003", issuer: "CN=Issuing CA", x509CertificateData: "x" },
    }),
  );
  await r.recordAuthentication(record(1, false, { instanceProperties: { a: "1" } }));
  await r.recordAuthentication(record(1, true, { instanceProperties: { b: "2" } }));
  assert.equal(r.pending, 4);
  await r.flush();
  const subject = await s.subjects.get("d0000000-0000-4000-8000-000000000001");
  assert.equal(subject?.credentials.length, 2);
  assert.deepEqual(subject?.instanceProperties.map((p) => [p.properties, p.failed]).sort(), [
    [{ a: "1" }, false],
    [{ b: "2" }, true],
  ]);
});

test("the timer flushes; a full batch flushes at once; close flushes and stops", async (t) => {
  const s = await store(t);
  const timers = manualTimers();
  const r = new ActivityRecorder({ store: s, log: log().logger, timers: timers.timers, batchSize: 3 });
  await r.recordAuthentication(record(1, false));
  timers.fire();
  await r.flush(); // waits for the flush the timer started
  assert.equal(await s.subjects.count(), 1);
  for (let i = 0; i < 3; i++) {
    await r.recordAuthentication(
      record(2, false, {
        x509Subject: `CN=batch-${i}`,
        newSubject: { id: `e000000${i}-0000-4000-8000-000000000001`, arn: `arn:x:${i}` },
      }),
    );
  }
  await r.flush();
  assert.equal(await s.subjects.count(), 4);
  await r.recordAuthentication(
    record(3, true, {
      x509Subject: "CN=last",
      newSubject: { id: "f0000000-0000-4000-8000-000000000001", arn: "arn:y" },
    }),
  );
  await r.close();
  assert.equal(await s.subjects.count(), 5);
  assert.equal(timers.scheduled(), 0);
});

test("a full queue makes callers wait for a flush: nothing is dropped", async (t) => {
  const s = await store(t);
  const r = new ActivityRecorder({
    store: s,
    log: log().logger,
    timers: manualTimers().timers,
    maxPending: 2,
    batchSize: 100,
  });
  for (let i = 0; i < 5; i++) {
    await r.recordAuthentication(
      record(i, false, {
        x509Subject: `CN=q-${i}`,
        newSubject: { id: `a000000${i}-0000-4000-8000-000000000001`, arn: `arn:q:${i}` },
      }),
    );
    assert.ok(r.pending <= 2, `at most 2 wait (${r.pending})`);
  }
  await r.flush();
  assert.equal(await s.subjects.count(), 5);
});

test("a record the store refuses is logged; the rest of its batch is still written", async (t) => {
  const s = await store(t);
  const l = log();
  const r = new ActivityRecorder({ store: s, log: l.logger, timers: manualTimers().timers });
  await r.recordAuthentication(record(1, false, { keep: 0 })); // StoreInputError
  await r.recordAuthentication(
    record(1, false, {
      x509Subject: "CN=fine",
      newSubject: { id: "b0000000-0000-4000-8000-0000000000f1", arn: "arn:fine" },
    }),
  );
  await r.flush();
  assert.equal(await s.subjects.count(), 1);
  assert.deepEqual(l.lines, [
    "warn subject batch failed; writing one by one",
    "error could not record a subject",
  ]);
});

test("recordNow writes at once and learns the subject's ARN", async (t) => {
  const s = await store(t);
  const r = new ActivityRecorder({ store: s, log: log().logger, timers: manualTimers().timers });
  assert.equal(r.subjectArn("CN=host-1,O=Example"), undefined);
  const subject = await r.recordNow(record(1, false));
  assert.equal(subject.arn, record(1, false).newSubject.arn);
  assert.equal(r.subjectArn("CN=host-1,O=Example"), subject.arn);
  assert.equal(await s.subjects.count(), 1);
});

test("role uses coalesce per role; a role deleted meanwhile is skipped", async (t) => {
  const s = await store(t);
  const l = log();
  const r = new ActivityRecorder({ store: s, log: l.logger, timers: manualTimers().timers });
  await s.roles.create({
    id: "AROAEXAMPLEEXAMPLE01",
    name: "App",
    path: "/",
    arn: "arn:aws:iam::123456789012:role/App",
    assumeRolePolicyDocument: "{}",
    maxSessionDuration: 3600,
  });
  r.recordRoleUse("App", at(5), "us-east-1");
  r.recordRoleUse("app", at(3), "us-east-1");
  r.recordRoleUse("Gone", at(4), "us-east-1");
  assert.equal(r.pending, 2);
  await r.flush();
  assert.deepEqual((await s.roles.get("App"))?.roleLastUsed, {
    lastUsedDate: "2026-03-02T12:00:05.000000Z",
    region: "us-east-1",
  });
  assert.deepEqual(l.lines, []);
});
