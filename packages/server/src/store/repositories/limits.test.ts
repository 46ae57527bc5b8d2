import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Kysely } from "kysely";

import { StoreInputError, StoreLimitError } from "../errors.js";
import type { Database } from "../schema.js";
import { SQLITE_CODEC } from "../sqlite.js";
import { migratedMemorySqlite } from "../test-databases.js";
import { checkRoomFor, checkRoomForOne } from "./limits.js";

describe("checkRoomFor", () => {
  const cases: {
    existing: number;
    adding: number;
    max: number | undefined;
    error?: { name: string; message: string };
  }[] = [
    { existing: 5, adding: 1, max: undefined },
    { existing: 0, adding: 1, max: 1 },
    { existing: 2, adding: 3, max: 5 },
    {
      existing: 1,
      adding: 1,
      max: 1,
      error: { name: "StoreLimitError", message: "roles: the limit is 1, 1 exist already" },
    },
    {
      existing: 0,
      adding: 1,
      max: 0,
      error: { name: "StoreLimitError", message: "roles: the limit is 0, 0 exist already" },
    },
    {
      existing: 0,
      adding: 1,
      max: -1,
      error: { name: "StoreInputError", message: "limit for roles must be a non-negative integer" },
    },
    {
      existing: 0,
      adding: 1,
      max: 1.5,
      error: { name: "StoreInputError", message: "limit for roles must be a non-negative integer" },
    },
  ];
  it("has every case", () => assert.equal(cases.length, 7));
  for (const { existing, adding, max, error } of cases) {
    it(`${existing} + ${adding} against ${String(max)}: ${error?.name ?? "room"}`, () => {
      const check = () => checkRoomFor("role", "r1", existing, adding, max, "roles");
      if (error === undefined) check();
      else assert.throws(check, error);
    });
  }
});

describe("checkRoomForOne", () => {
  let db: Kysely<Database>;

  before(async () => {
    db = await migratedMemorySqlite();
    await db
      .insertInto("settings")
      .values([
        { key: "a.one", value: "1" },
        { key: "a.two", value: "2" },
        { key: "b.one", value: "3" },
      ])
      .execute();
  });
  after(() => db.destroy());

  it("counts the rows the query matches against the limit", async () => {
    const inA = db.selectFrom("settings").where("key", "<", "b");
    await checkRoomForOne(SQLITE_CODEC, inA, "setting", "a.three", 3, "settings a.*");
    await assert.rejects(checkRoomForOne(SQLITE_CODEC, inA, "setting", "a.three", 2, "settings a.*"), (e) => {
      assert.ok(e instanceof StoreLimitError);
      assert.deepEqual(
        [e.entity, e.key, e.limit, e.message],
        ["setting", "a.three", 2, "settings a.*: the limit is 2, 2 exist already"],
      );
      return true;
    });
    await assert.rejects(
      checkRoomForOne(SQLITE_CODEC, db.selectFrom("settings"), "setting", "c", 3, "settings"),
      { name: "StoreLimitError", message: "settings: the limit is 3, 3 exist already" },
    );
  });

  it("has room without a limit, and rejects an invalid one", async () => {
    await checkRoomForOne(SQLITE_CODEC, db.selectFrom("settings"), "setting", "c", undefined, "settings");
    await assert.rejects(
      checkRoomForOne(SQLITE_CODEC, db.selectFrom("settings"), "setting", "c", -1, "settings"),
      StoreInputError,
    );
  });
});
