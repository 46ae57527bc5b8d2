import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Kysely } from "kysely";

import type { DriverErrorClassifier } from "../context.js";
import { StoreConflictError, StoreNotFoundError } from "../errors.js";
import type { Database } from "../schema.js";
import { SQLITE_CODEC, SQLITE_ERRORS } from "../sqlite.js";
import { migratedMemorySqlite } from "../test-databases.js";
import {
  assertNameFree,
  countRows,
  findRecord,
  mustExist,
  rejectDuplicates,
  type Duplicate,
} from "./table-ops.js";

const CREATED_AT = "2026-01-02T03:04:05.000Z";
const USERS = [
  { id: "AIDA1", name: "Alice", path: "/" },
  { id: "AIDA2", name: "bob", path: "/ops/" },
  { id: "AIDA3", name: "Carol", path: "/ops/" },
] as const;

describe("table operations on a migrated SQLite database", () => {
  let db: Kysely<Database>;

  before(async () => {
    db = await migratedMemorySqlite();
    for (const u of USERS) {
      await db
        .insertInto("users")
        .values({
          id: u.id,
          name: u.name,
          name_key: u.name.toLowerCase(),
          path: u.path,
          arn: `arn:aws:iam::000000000000:user${u.path}${u.name}`,
          permissions_boundary: null,
          created_at: CREATED_AT,
        })
        .execute();
    }
  });
  after(() => db.destroy());

  it("countRows counts what the query's where keeps, as a number", async () => {
    const cases = [
      { query: db.selectFrom("users"), expected: 3 },
      { query: db.selectFrom("users").where("path", "=", "/ops/"), expected: 2 },
      { query: db.selectFrom("users").where("path", "=", "/none/"), expected: 0 },
      { query: db.selectFrom("roles"), expected: 0 },
    ];
    assert.equal(cases.length, 4);
    for (const { query, expected } of cases) assert.equal(await countRows(SQLITE_CODEC, query), expected);
  });

  it("findRecord maps the first row, and is undefined when there is none", async () => {
    const byId = (id: string) => db.selectFrom("users").selectAll().where("id", "=", id);
    assert.equal(await findRecord(byId("AIDA2"), (r) => `${r.name} at ${r.path}`), "bob at /ops/");
    const ordered = db.selectFrom("users").selectAll().orderBy("id", "desc");
    assert.equal(await findRecord(ordered, (r) => r.name), "Carol");
    assert.equal(await findRecord(byId("AIDA9"), () => assert.fail("no row to map")), undefined);
  });

  it("assertNameFree passes for a free name and names the stored spelling of a taken one", async () => {
    const message = (taken: string) => `a user named ${taken} already exists`;
    await assertNameFree(db, "users", "user", "dave", message);
    await assert.rejects(assertNameFree(db, "users", "user", "ALICE", message), (error) => {
      assert.ok(error instanceof StoreConflictError);
      assert.deepEqual(
        [error.entity, error.key, error.reason, error.message],
        ["user", "ALICE", "exists", "a user named Alice already exists"],
      );
      return true;
    });
  });

  it("rejectDuplicates turns the driver's unique violation into a conflict that keeps the cause", async () => {
    const insertAgain = () =>
      db
        .insertInto("users")
        .values({
          id: "AIDA1",
          name: "Alice2",
          name_key: "alice2",
          path: "/",
          arn: "arn:aws:iam::000000000000:user/Alice2",
          permissions_boundary: null,
          created_at: CREATED_AT,
        })
        .execute();
    const duplicate: Duplicate = { entity: "user", key: "AIDA1", message: "user AIDA1 already exists" };
    await assert.rejects(rejectDuplicates(SQLITE_ERRORS, duplicate, insertAgain), (error) => {
      assert.ok(error instanceof StoreConflictError);
      assert.deepEqual(
        [error.entity, error.key, error.reason, error.message],
        ["user", "AIDA1", "exists", "user AIDA1 already exists"],
      );
      assert.ok(SQLITE_ERRORS.isUniqueViolation(error.cause));
      return true;
    });
    assert.equal(await countRows(SQLITE_CODEC, db.selectFrom("users")), 3);
  });
});

/** A classifier that calls exactly the errors in `unique` unique violations. */
const classifier = (unique: ReadonlySet<unknown>): DriverErrorClassifier => ({
  isUniqueViolation: (e) => unique.has(e),
  isForeignKeyViolation: () => false,
  isContention: () => false,
  describe: () => "test",
});

describe("rejectDuplicates", () => {
  const duplicate: Duplicate = { entity: "crl", key: "c1", message: "CRL c1 already exists" };

  it("returns what the write returns", async () => {
    assert.equal(await rejectDuplicates(classifier(new Set()), duplicate, () => Promise.resolve(42)), 42);
  });

  it("passes any other error through unchanged", async () => {
    const other = new Error("disk full");
    await assert.rejects(
      rejectDuplicates(classifier(new Set()), duplicate, () => Promise.reject(other)),
      (error) => error === other,
    );
  });

  it("reports a unique violation as the given conflict, with the violation as cause", async () => {
    const violation = new Error("UNIQUE constraint failed");
    await assert.rejects(
      rejectDuplicates(classifier(new Set([violation])), duplicate, () => Promise.reject(violation)),
      (error) => {
        assert.ok(error instanceof StoreConflictError);
        assert.deepEqual(
          [error.entity, error.key, error.reason, error.message, error.cause],
          ["crl", "c1", "exists", "CRL c1 already exists", violation],
        );
        return true;
      },
    );
  });
});

describe("mustExist", () => {
  it("returns a found row, falsy values included", () => {
    const rows = [{ id: "x" }, 0, "", null, false] as const;
    assert.equal(rows.length, 5);
    for (const row of rows) assert.equal(mustExist(row, "profile", "p1"), row);
  });

  it("throws StoreNotFoundError naming the entity and key for a missing row", () => {
    assert.throws(() => mustExist(undefined, "trust-anchor", "ta1"), {
      name: "StoreNotFoundError",
      message: "trust-anchor ta1 does not exist",
    });
    assert.throws(() => mustExist(undefined, "trust-anchor", "ta1"), StoreNotFoundError);
  });
});
