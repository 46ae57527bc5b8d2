import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Kysely } from "kysely";

import type { Database } from "../schema.js";
import { migratedMemorySqlite } from "../test-databases.js";
import { underPath } from "./path-prefix.js";

const PATHS = ["/", "/ops/", "/ops/db/", "/OPS/", "/op_s/", "/op%/"] as const;

describe("underPath", () => {
  let db: Kysely<Database>;

  before(async () => {
    db = await migratedMemorySqlite();
    for (const [i, path] of PATHS.entries()) {
      await db
        .insertInto("users")
        .values({
          id: `AIDA${i}`,
          name: `u${i}`,
          name_key: `u${i}`,
          path,
          arn: `arn:aws:iam::000000000000:user${path}u${i}`,
          permissions_boundary: null,
          created_at: "2026-01-02T03:04:05.000Z",
        })
        .execute();
    }
  });
  after(() => db.destroy());

  // Matches by plain prefix: case-sensitive, with `_` and `%` as themselves (no LIKE).
  const cases: { prefix: string | undefined; paths: string[] }[] = [
    { prefix: undefined, paths: [...PATHS] },
    { prefix: "/", paths: [...PATHS] },
    { prefix: "/ops/", paths: ["/ops/", "/ops/db/"] },
    { prefix: "/OPS/", paths: ["/OPS/"] },
    { prefix: "/op_", paths: ["/op_s/"] },
    { prefix: "/op%", paths: ["/op%/"] },
    { prefix: "/nothing/", paths: [] },
  ];

  it("has every case", () => assert.equal(cases.length, 7));
  for (const { prefix, paths } of cases) {
    it(`keeps the paths under ${prefix ?? "(no prefix)"}`, async () => {
      const rows = await underPath(db.selectFrom("users").select("path"), prefix).execute();
      assert.deepEqual(rows.map((r) => r.path).sort(), [...paths].sort());
    });
  }
});
