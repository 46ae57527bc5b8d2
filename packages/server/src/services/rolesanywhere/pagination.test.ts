import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AnchorageError } from "../../http/errors.js";
import { temporaryPostgresDatabase, temporarySqliteDatabase } from "../../store/test-databases.js";
import { ACCOUNT, BACKENDS, REGION, startHarness, type Harness } from "./harness.fixture.js";
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pageSizeOf,
  pageTokens,
  type ListOperation,
} from "./pagination.js";

const KEY = Buffer.alloc(32, 7);
const CURSOR = { createdAt: "2024-05-01T12:00:00.123000Z", id: "0b7d0c6e-1111-4222-8333-444455556666" };
const isBadToken = (operation: ListOperation) => (e: unknown) =>
  e instanceof AnchorageError && e.code === "Validation" && e.message.includes(`issued for ${operation}`);

describe("page tokens and sizes", () => {
  test("a token round-trips and is opaque", () => {
    const tokens = pageTokens(KEY);
    const token = tokens.format("ListProfiles", CURSOR);
    assert.deepEqual(tokens.parse("ListProfiles", token), CURSOR);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
  });

  test("changed, truncated, foreign or garbage tokens are ValidationException", () => {
    const tokens = pageTokens(KEY);
    const token = tokens.format("ListProfiles", CURSOR);
    const [payload = "", mac = ""] = token.split(".");
    const flipped = `${payload.slice(0, 5)}${payload[5] === "A" ? "B" : "A"}${payload.slice(6)}.${mac}`;
    const bad = [
      flipped,
      token.slice(0, -1),
      `${payload}.${"A".repeat(22)}`,
      "garbage",
      "x.y",
      pageTokens(Buffer.alloc(32, 8)).format("ListProfiles", CURSOR),
    ];
    for (const t of bad) assert.throws(() => tokens.parse("ListProfiles", t), isBadToken("ListProfiles"), t);
    assert.throws(() => tokens.parse("ListCrls", token), isBadToken("ListCrls"), "another list's token");
    assert.equal(bad.length, 6);
  });

  test(`pageSize: default ${DEFAULT_PAGE_SIZE}, clamped to ${MAX_PAGE_SIZE}, at least 1`, () => {
    assert.deepEqual(
      [pageSizeOf(undefined), pageSizeOf(1), pageSizeOf(100), pageSizeOf(101), pageSizeOf(1_000_000)],
      [50, 1, 100, 100, 100],
    );
    for (const n of [0, -1]) {
      assert.throws(
        () => pageSizeOf(n),
        (e: unknown) =>
          e instanceof AnchorageError &&
          /Value '-?\d+' at 'pageSize'.*greater than or equal to 1/.test(e.message),
      );
    }
  });
});

async function seedAnchors(h: Harness, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    await h.store.trustAnchors.create({
      id,
      arn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${id}`,
      name: `a${i}`,
      enabled: true,
      source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: "-" } },
      notificationSettings: [],
    });
    ids.push(id);
  }
  return ids;
}

for (const { name: backend, skip } of BACKENDS) {
  describe(`pagination over HTTP (${backend})`, { skip }, () => {
    test("pages of pageSize follow nextToken to the end; the default page is 50 and the largest 100", async (t) => {
      const h = await startHarness(t, { backend });
      const ids = await seedAnchors(h, 101);
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await h.ok("ListTrustAnchors", {
          pageSize: 40,
          ...(nextToken === undefined ? {} : { nextToken }),
        });
        seen.push(...(page.trustAnchors ?? []).map((a) => a.trustAnchorId ?? ""));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken !== undefined);
      assert.equal(pages, 3);
      assert.deepEqual(seen, ids);
      assert.equal((await h.ok("ListTrustAnchors", {})).trustAnchors?.length, 50);
      const clamped = await h.ok("ListTrustAnchors", { pageSize: 5000 });
      assert.equal(clamped.trustAnchors?.length, 100);
      assert.equal(typeof clamped.nextToken, "string");
    });

    test("a bad nextToken or pageSize is a ValidationException", async (t) => {
      const h = await startHarness(t, { backend });
      await seedAnchors(h, 3);
      const token = (await h.ok("ListTrustAnchors", { pageSize: 1 })).nextToken ?? "";
      const foreign = await h.fail("ListProfiles", { nextToken: token });
      assert.deepEqual([foreign.status, foreign.type], [400, "ValidationException"]);
      assert.match(foreign.message, /'nextToken'.*ListProfiles/);
      const garbage = await h.fail("ListTrustAnchors", { nextToken: "%%%" });
      assert.equal(garbage.type, "ValidationException");
      const zero = await h.fail("ListCrls", { pageSize: 0 });
      assert.match(zero.message, /'pageSize'/);
    });

    test("a listing started on one server continues on another server of the same database", async (t) => {
      const database =
        backend === "postgres" ? await temporaryPostgresDatabase() : await temporarySqliteDatabase();
      const one = await startHarness(t, { backend, database, seed: "replica one" });
      const two = await startHarness(t, { backend, database, seed: "replica two" });
      try {
        const ids = await seedAnchors(one, 3);
        const first = await one.ok("ListTrustAnchors", { pageSize: 2 });
        const rest = await two.ok("ListTrustAnchors", { pageSize: 2, nextToken: first.nextToken ?? "" });
        assert.deepEqual(
          [...(first.trustAnchors ?? []), ...(rest.trustAnchors ?? [])].map((a) => a.trustAnchorId),
          ids,
        );
        assert.equal(rest.nextToken, undefined);
      } finally {
        await one.close();
        await two.close();
        await database.dispose();
      }
    });
  });
}
