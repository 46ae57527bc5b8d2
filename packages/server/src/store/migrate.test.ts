import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, it } from "node:test";

import { sql, type Kysely, type Migration } from "kysely";

import { StoreUnavailableError } from "./errors.js";
import { migrateToLatest } from "./migrate.js";
import { POSTGRES_FLAVOR, SQLITE_FLAVOR } from "./migrations/flavor.js";
import { schemaMigrations } from "./migrations/index.js";
import { openStore } from "./open-store.js";
import { connectPostgres } from "./postgres.js";
import { connectSqlite } from "./sqlite.js";
import {
  postgresTestSkipReason,
  temporaryPostgresDatabase,
  temporarySqliteDatabase,
  type TestDatabase,
} from "./test-databases.js";

/** Takes long enough that two concurrent migrators overlap, and fails if it runs twice. */
const slowMigration = (sleep: (db: Kysely<unknown>) => Promise<void>): Record<string, Migration> => ({
  "0001-slow": {
    async up(db: Kysely<unknown>) {
      await sql`create table applied (n integer)`.execute(db);
      await sleep(db);
      await sql`insert into applied values (1)`.execute(db);
    },
  },
});

const failingMigration: Record<string, Migration> = {
  "0001-fails": {
    async up(db: Kysely<unknown>) {
      await sql`create table half_done (n integer)`.execute(db);
      throw new Error("boom");
    },
  },
};

const sqlitePath = (database: TestDatabase) => database.url.slice("sqlite:".length);

describe("schema migrations", () => {
  it("are named NNNN-name, in order, for both backends", () => {
    for (const flavor of [SQLITE_FLAVOR, POSTGRES_FLAVOR]) {
      const names = Object.keys(schemaMigrations(flavor));
      assert.deepEqual(names, ["0001-initial"]);
      assert.deepEqual([...names].sort(), names);
      for (const name of names) assert.match(name, /^\d{4}-[a-z0-9-]+$/);
    }
  });

  it("a failing migration leaves nothing of it behind and names itself", async () => {
    const database = await temporarySqliteDatabase();
    const db = connectSqlite(sqlitePath(database));
    try {
      await assert.rejects(migrateToLatest(db, failingMigration), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.match(error.message, /migration 0001-fails failed/);
        return true;
      });
      const tables = await sql<{
        name: string;
      }>`select name from sqlite_master where name = 'half_done'`.execute(db);
      assert.deepEqual(tables.rows, []);
    } finally {
      await db.destroy();
      await database.dispose();
    }
  });
});

describe(
  "PostgreSQL: two processes opening one database at once",
  { skip: postgresTestSkipReason() ?? false },
  () => {
    it("only one migrates, under the Migrator's advisory lock; the other waits and finds nothing to do", async () => {
      const database = await temporaryPostgresDatabase();
      const a = connectPostgres(database.url);
      const b = connectPostgres(database.url);
      try {
        const migrations = slowMigration(async (db) => {
          await sql`select pg_sleep(0.3)`.execute(db);
        });
        const results = await Promise.all([
          migrateToLatest(a.db, migrations, a.schema),
          migrateToLatest(b.db, migrations, b.schema),
        ]);
        assert.deepEqual(results.flat(), ["0001-slow"]);
        const rows = await sql<{ n: number }>`select n from applied`.execute(a.db);
        assert.equal(rows.rows.length, 1);
      } finally {
        await a.db.destroy();
        await b.db.destroy();
        await database.dispose();
      }
    });
  },
);

// A child process that connects, waits for "go" on stdin (so both start together), then either
// runs the slow migration or opens the store and bumps a generation 25 times.
const CHILD = `
const [, mode, path, sqliteTs, migrateTs, openStoreTs] = process.argv;
const { connectSqlite } = await import(sqliteTs);
const { migrateToLatest } = await import(migrateTs);
const { openStore } = await import(openStoreTs);
const { sql } = await import("kysely");
const db = mode === "migrate" ? connectSqlite(path) : undefined;
const store = mode === "write" ? await openStore("sqlite:" + path, { clock: () => "2024-01-01T00:00:00Z" }) : undefined;
process.stdout.write("ready\\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
let result;
if (mode === "migrate") {
  result = await migrateToLatest(db, {
    "0001-slow": {
      async up(trx) {
        await sql\`create table applied (n integer)\`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql\`insert into applied values (1)\`.execute(trx);
      },
    },
  });
  await db.destroy();
} else {
  result = [];
  for (let i = 0; i < 25; i++) result.push(await store.generations.bump("cross-process"));
  await store.close();
}
process.stdout.write(JSON.stringify(result) + "\\n");
`;

async function runChildren(mode: "migrate" | "write", path: string): Promise<unknown[]> {
  const modules = ["./sqlite.ts", "./migrate.ts", "./open-store.ts"].map(
    (m) => new URL(m, import.meta.url).href,
  );
  const children = [0, 1].map(() =>
    spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD, mode, path, ...modules], {
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const outputs = children.map((child) => {
    let text = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (text += chunk));
    return { child, text: () => text };
  });
  const exits = children.map(async (child) => (await once(child, "exit"))[0] as number);
  // Both connected: start them together (a child that dies first fails the test, not hangs it).
  const deadline = Date.now() + 30_000;
  for (const [i, { text }] of outputs.entries()) {
    while (!text().includes("ready\n")) {
      assert.ok(children[i]?.exitCode === null, `child ${i} exited before it was ready`);
      assert.ok(Date.now() < deadline, `child ${i} not ready after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  for (const child of children) child.stdin.end("go\n");
  assert.deepEqual(await Promise.all(exits), [0, 0]);
  return outputs.map(({ text }) => JSON.parse(text().split("\n")[1] ?? "null") as unknown);
}

describe("SQLite: two processes on one file", () => {
  it("only one migrates; the other waits on BEGIN IMMEDIATE and finds nothing to do", async () => {
    const database = await temporarySqliteDatabase();
    try {
      const results = (await runChildren("migrate", sqlitePath(database))) as string[][];
      assert.deepEqual(results.flat(), ["0001-slow"]);
      const db = connectSqlite(sqlitePath(database));
      const rows = await sql<{ n: number }>`select n from applied`.execute(db);
      await db.destroy();
      assert.equal(rows.rows.length, 1);
    } finally {
      await database.dispose();
    }
  });

  it("concurrent writers in two processes lose no write (busy_timeout)", async () => {
    const database = await temporarySqliteDatabase();
    try {
      const results = (await runChildren("write", sqlitePath(database))) as number[][];
      const values = results.flat().sort((x, y) => x - y);
      assert.deepEqual(
        values,
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const store = await openStore(database.url, { clock: () => new Date(0) });
      assert.equal(await store.generations.get("cross-process"), 50);
      await store.close();
    } finally {
      await database.dispose();
    }
  });
});
