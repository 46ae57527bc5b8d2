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

describe("PostgreSQL migrations", { skip: postgresTestSkipReason() ?? false }, () => {
  it("of two processes opening one database at once, only one migrates, under the Migrator's advisory lock; the other waits and finds nothing to do", async () => {
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

  it("sees only its own schema: other schemas' tables are not listed, serial and identity columns are", async () => {
    const ours = await temporaryPostgresDatabase();
    const theirs = await temporaryPostgresDatabase();
    const a = connectPostgres(ours.url);
    const b = connectPostgres(theirs.url);
    try {
      await sql`create schema ${sql.id(b.schema)}`.execute(b.db);
      await sql`create table other (id serial primary key)`.execute(b.db);
      await sql`create schema ${sql.id(a.schema)}`.execute(a.db);
      await sql`create table mine (id serial primary key, n bigint generated always as identity, label text)`.execute(
        a.db,
      );
      await sql`create view mine_view as select label from mine`.execute(a.db);
      assert.deepEqual(await a.db.introspection.getSchemas(), [{ name: a.schema }]);
      const tables = await a.db.introspection.getTables();
      assert.deepEqual(
        tables.map((t) => [
          t.schema,
          t.name,
          t.isView,
          t.columns.map((c) => [c.name, c.dataType, c.isAutoIncrementing, c.isNullable]),
        ]),
        [
          [
            a.schema,
            "mine",
            false,
            [
              ["id", "int4", true, false],
              ["n", "int8", true, false],
              ["label", "text", false, true],
            ],
          ],
          [a.schema, "mine_view", true, [["label", "text", false, true]]],
        ],
      );
    } finally {
      await a.db.destroy();
      await b.db.destroy();
      await ours.dispose();
      await theirs.dispose();
    }
  });

  // kysely's own introspector read every schema and looked each table up by name; a schema
  // dropped meanwhile (another test's, another deployment's) failed our migration with
  // 'schema "…" does not exist'. Churning schemas made that happen within a few migrations.
  it("migrates while other sessions create and drop schemas of their own", async () => {
    const base = await temporaryPostgresDatabase();
    const churner = connectPostgres(base.url);
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const name = sql.id(`${churner.schema}_${i}`);
        await sql`create schema ${name}`.execute(churner.db);
        await sql`create table ${name}.t (id serial primary key, label text)`.execute(churner.db);
        await sql`drop schema ${name} cascade`.execute(churner.db);
      }
    })();
    try {
      for (let round = 0; round < 6; round++) {
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            const database = await temporaryPostgresDatabase();
            const { db, schema } = connectPostgres(database.url);
            try {
              assert.deepEqual(
                await migrateToLatest(db, schemaMigrations(POSTGRES_FLAVOR), schema),
                Object.keys(schemaMigrations(POSTGRES_FLAVOR)),
              );
            } finally {
              await db.destroy();
              await database.dispose();
            }
          }),
        );
      }
    } finally {
      churning = false;
      await churn;
      await churner.db.destroy();
      await base.dispose();
    }
  });
});

// A child process that connects, waits for "go" on stdin (so both start together), then either
// runs the slow migration or opens the store and bumps a generation 25 times.
const CHILD = `
const [, mode, path, sqliteTs, migrateTs, openStoreTs] = process.argv;
const { connectSqlite } = await import(sqliteTs);
const { migrateToLatest } = await import(migrateTs);
const { openStore } = await import(openStoreTs);
const { sql } = await import("kysely");
const db = mode === "migrate" ? connectSqlite(path, 30_000) : undefined; // a busy machine can hold the lock long
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
  // "close", not "exit": after "exit" the child's stdout may still hold unread output.
  const exits = children.map(async (child) => (await once(child, "close"))[0] as number);
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
