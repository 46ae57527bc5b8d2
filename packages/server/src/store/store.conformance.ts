// Every behaviour of the Store interface, run against each backend (sqlite.test.ts,
// postgres.test.ts). Not a test file itself: a backend's test calls `storeConformance`.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";

import {
  StoreConflictError,
  StoreInputError,
  StoreLimitError,
  StoreNotFoundError,
  StoreUnavailableError,
} from "./errors.js";
import { openStore } from "./open-store.js";
import {
  generationScopes,
  SETTING_ACCOUNT_ID,
  type ListOptions,
  type NewProfile,
  type NewTrustAnchor,
  type Page,
  type PageCursor,
  type PrincipalKind,
  type Store,
} from "./store.js";
import type { TestDatabase } from "./test-databases.js";
import { formatTimestamp, parseTimestamp } from "./timestamp.js";

/** Named behaviours a backend may skip, each with its reason (none does today). */
export interface ConformanceSkips {
  /** Skip the whole suite (e.g. no database available), with the reason. */
  readonly all?: string;
  readonly concurrency?: string;
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
/** 2024-01-01T00:00:00.000001Z */
const START = parseTimestamp("2024-01-01T00:00:00.000001Z");
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A clock that returns a new microsecond on each call, or the same instant while `step` is 0. */
class TestClock {
  private current = START;
  step = 1n;
  readonly now = (): string => {
    const value = formatTimestamp(this.current);
    this.current += this.step;
    return value;
  };
  /** The instant `now` returns next. */
  peek(): string {
    return formatTimestamp(this.current);
  }
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const anchorArn = (id: string) => `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${id}`;

function anchor(n: number, overrides: Partial<NewTrustAnchor> = {}): NewTrustAnchor {
  const id = uuid(n);
  return {
    id,
    arn: anchorArn(id),
    name: `anchor-${n}`,
    enabled: true,
    source: {
      sourceType: "CERTIFICATE_BUNDLE",
      sourceData: { x509CertificateData: `-----BEGIN CERTIFICATE-----\n${n}` },
    },
    notificationSettings: [
      {
        enabled: true,
        event: "CA_CERTIFICATE_EXPIRY",
        threshold: 45,
        channel: "ALL",
        configuredBy: "rolesanywhere.amazonaws.com",
      },
      {
        enabled: false,
        event: "END_ENTITY_CERTIFICATE_EXPIRY",
        threshold: 7,
        channel: "ALL",
        configuredBy: ACCOUNT,
      },
    ],
    ...overrides,
  };
}

function profile(n: number, overrides: Partial<NewProfile> = {}): NewProfile {
  const id = uuid(1000 + n);
  return {
    id,
    arn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${id}`,
    name: `profile-${n}`,
    enabled: false,
    createdBy: `arn:aws:iam::${ACCOUNT}:root`,
    roleArns: [`arn:aws:iam::${ACCOUNT}:role/r${n}`, `arn:aws:iam::${ACCOUNT}:role/path/r${n}b`],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    durationSeconds: 3600,
    requireInstanceProperties: false,
    acceptRoleSessionName: true,
    attributeMappings: [
      { certificateField: "x509Subject", mappingRules: [{ specifier: "CN" }, { specifier: "OU" }] },
      { certificateField: "x509SAN", mappingRules: [{ specifier: "Name/*" }] },
    ],
    ...overrides,
  };
}

const crlFor = (
  n: number,
  trustAnchorArn: string,
  crlData = Buffer.from([0, 1, 2, 0xfe, 0xff, n & 0xff]),
) => {
  const id = uuid(2000 + n);
  return {
    id,
    arn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/${id}`,
    name: `crl-${n}`,
    enabled: true,
    crlData,
    trustAnchorArn,
  };
};

const role = (name: string, path = "/") => ({
  id: `AROA${name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .padEnd(17, "X")}`,
  name,
  path,
  arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
  assumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
  maxSessionDuration: 3600,
});

const user = (name: string, path = "/") => ({
  id: `AIDA${name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .padEnd(17, "X")}`,
  name,
  path,
  arn: `arn:aws:iam::${ACCOUNT}:user${path}${name}`,
});

const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const managedPolicy = (name: string, path = "/") => ({
  id: `ANPA${name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .padEnd(17, "X")}`,
  name,
  path,
  arn: `arn:aws:iam::${ACCOUNT}:policy${path}${name}`,
  description: `policy ${name}`,
  document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
});

const authentication = (
  n: number,
  seenAt: string,
  overrides: { subject?: string; serial?: string; failed?: boolean } = {},
) => ({
  x509Subject: overrides.subject ?? "CN=host1,OU=Engineering,O=Example,C=US",
  newSubject: {
    id: uuid(3000 + n),
    arn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:subject/${uuid(3000 + n)}`,
  },
  seenAt,
  failed: overrides.failed ?? false,
  certificate: {
    serialNumber: overrides.serial ?? "00936EACBE07F201DF",
    issuer: "CN=Root CA,O=Example,C=US",
    x509CertificateData: "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n",
  },
});

/** Reads every page of a listing, checking each page's size and cursor. */
async function allPages<T extends { id: string; createdAt: string }>(
  list: (options: ListOptions) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: PageCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = await list({ limit, ...(after !== undefined && { after }) });
    pages += 1;
    assert.ok(page.items.length <= limit, "a page never exceeds its limit");
    items.push(...page.items);
    if (page.next === undefined) return { items, pages };
    assert.equal(page.items.length, limit, "only the last page is short");
    const last = page.items[page.items.length - 1];
    assert.deepEqual(page.next, { createdAt: last?.createdAt, id: last?.id });
    after = page.next;
  }
}

const byCreatedAtThenId = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Each paginated listing and how to add its n-th item. */
const LISTINGS: {
  name: string;
  add(store: Store, n: number): Promise<unknown>;
  list(store: Store, options: ListOptions): Promise<Page<{ id: string; createdAt: string }>>;
}[] = [
  {
    name: "trust anchors",
    add: (s, n) => s.trustAnchors.create(anchor(n)),
    list: (s, o) => s.trustAnchors.list(o),
  },
  { name: "profiles", add: (s, n) => s.profiles.create(profile(n)), list: (s, o) => s.profiles.list(o) },
  {
    name: "CRLs",
    add: (s, n) => s.crls.create(crlFor(n, anchorArn(uuid(n % 2)))),
    list: (s, o) => s.crls.list(o),
  },
  {
    name: "subjects",
    add: (s, n) =>
      s.subjects.recordAuthentication(
        authentication(n, formatTimestamp(START + BigInt(n)), { subject: `CN=s${n}` }),
      ),
    list: (s, o) => s.subjects.list(o),
  },
  { name: "roles", add: (s, n) => s.roles.create(role(`role${n}`)), list: (s, o) => s.roles.list(o) },
  { name: "users", add: (s, n) => s.users.create(user(`user${n}`)), list: (s, o) => s.users.list(o) },
  {
    name: "managed policies",
    add: (s, n) => s.managedPolicies.create(managedPolicy(`policy${n}`)),
    list: (s, o) => s.managedPolicies.list(o),
  },
];

export function storeConformance(
  name: string,
  freshDatabase: () => Promise<TestDatabase>,
  skip: ConformanceSkips = {},
): void {
  describe(`Store conformance: ${name}`, { skip: skip.all ?? false }, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let store: Store;
    const others: Store[] = [];
    /** Another Store instance on the same database. */
    const openAnother = async () => {
      const other = await openStore(database.url, { clock: clock.now });
      others.push(other);
      return other;
    };

    beforeEach(async () => {
      database = await freshDatabase();
      clock = new TestClock();
      store = await openStore(database.url, { clock: clock.now });
    });
    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await store.close();
      await database.dispose();
    });

    describe("settings", () => {
      it("setIfAbsent keeps the first value and returns it to later callers", async () => {
        assert.equal(await store.settings.get(SETTING_ACCOUNT_ID), undefined);
        assert.equal(await store.settings.setIfAbsent(SETTING_ACCOUNT_ID, "111111111111"), "111111111111");
        assert.equal(await store.settings.setIfAbsent(SETTING_ACCOUNT_ID, "222222222222"), "111111111111");
        assert.equal(await store.settings.get(SETTING_ACCOUNT_ID), "111111111111");
      });

      it(
        "two replicas starting at once agree on one value",
        { skip: skip.concurrency ?? false },
        async () => {
          const other = await openAnother();
          const results = await Promise.all([
            store.settings.setIfAbsent(SETTING_ACCOUNT_ID, "111111111111"),
            other.settings.setIfAbsent(SETTING_ACCOUNT_ID, "222222222222"),
            store.settings.setIfAbsent(SETTING_ACCOUNT_ID, "333333333333"),
            other.settings.setIfAbsent(SETTING_ACCOUNT_ID, "444444444444"),
          ]);
          assert.equal(new Set(results).size, 1);
          assert.equal(await other.settings.get(SETTING_ACCOUNT_ID), results[0]);
        },
      );
    });

    describe("trust anchors", () => {
      it("create returns the record with real booleans, JSON round-tripped and clock timestamps", async () => {
        const input = anchor(1, { enabled: false });
        const expectedTime = clock.peek();
        const created = await store.trustAnchors.create(input);
        assert.deepEqual(created, { ...input, createdAt: expectedTime, updatedAt: expectedTime });
        assert.equal(created.enabled, false);
        assert.match(created.createdAt, TIMESTAMP);
        assert.deepEqual(await store.trustAnchors.get(input.id), created);
        assert.equal(await store.trustAnchors.get(uuid(99)), undefined);
        assert.equal(await store.trustAnchors.count(), 1);
        assert.equal(typeof (await store.trustAnchors.count()), "number");
      });

      it("update changes only the patched fields and updatedAt", async () => {
        const created = await store.trustAnchors.create(anchor(1));
        const source = {
          sourceType: "AWS_ACM_PCA" as const,
          sourceData: { acmPcaArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x" },
        };
        const updated = await store.trustAnchors.update(created.id, {
          name: "renamed",
          enabled: false,
          source,
          notificationSettings: [],
        });
        assert.deepEqual(updated, {
          ...created,
          name: "renamed",
          enabled: false,
          source,
          notificationSettings: [],
          updatedAt: updated.updatedAt,
        });
        assert.ok(updated.updatedAt > created.updatedAt);
        assert.deepEqual(await store.trustAnchors.get(created.id), updated);
        const enabledAgain = await store.trustAnchors.update(created.id, { enabled: true });
        assert.equal(enabledAgain.enabled, true);
        assert.equal(enabledAgain.name, "renamed");
        await assert.rejects(store.trustAnchors.update(uuid(99), { enabled: true }), {
          name: "StoreNotFoundError",
          entity: "trust-anchor",
        });
      });

      it("delete returns the deleted anchor and removes its tags", async () => {
        const created = await store.trustAnchors.create(anchor(1));
        await store.tags.put(created.arn, [{ key: "team", value: "pki" }], { maxTags: 50 });
        assert.deepEqual(await store.trustAnchors.delete(created.id), created);
        assert.equal(await store.trustAnchors.get(created.id), undefined);
        assert.deepEqual(await store.tags.list(created.arn), []);
        await assert.rejects(store.trustAnchors.delete(created.id), StoreNotFoundError);
      });

      it("a duplicate id is a conflict and writes nothing", async () => {
        await store.trustAnchors.create(anchor(1));
        await assert.rejects(store.trustAnchors.create(anchor(1, { name: "other" })), {
          name: "StoreConflictError",
          reason: "exists",
        });
        assert.equal((await store.trustAnchors.get(uuid(1)))?.name, "anchor-1");
        assert.equal(await store.trustAnchors.count(), 1);
      });

      it("maxCount refuses the create beyond the quota", async () => {
        await store.trustAnchors.create(anchor(1), { maxCount: 2 });
        await store.trustAnchors.create(anchor(2), { maxCount: 2 });
        await assert.rejects(store.trustAnchors.create(anchor(3), { maxCount: 2 }), {
          name: "StoreLimitError",
          limit: 2,
        });
        assert.equal(await store.trustAnchors.count(), 2);
      });
    });

    describe("profiles", () => {
      it("round-trips arrays, JSON mappings, flags, numbers and an absent session policy", async () => {
        const input = profile(1);
        const created = await store.profiles.create(input);
        assert.deepEqual(created, {
          ...input,
          sessionPolicy: undefined,
          createdAt: created.createdAt,
          updatedAt: created.createdAt,
        });
        assert.equal(created.sessionPolicy, undefined);
        assert.equal(created.durationSeconds, 3600);
        assert.equal(created.requireInstanceProperties, false);
        assert.equal(created.acceptRoleSessionName, true);
        assert.deepEqual(await store.profiles.get(input.id), created);
      });

      it("update sets and removes the session policy and keeps the rest", async () => {
        const created = await store.profiles.create(profile(1, { roleArns: [] }));
        assert.deepEqual(created.roleArns, []);
        const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
        const withPolicy = await store.profiles.update(created.id, {
          sessionPolicy: policy,
          durationSeconds: 43200,
          attributeMappings: [],
          enabled: true,
        });
        assert.equal(withPolicy.sessionPolicy, policy);
        assert.equal(withPolicy.durationSeconds, 43200);
        assert.equal(withPolicy.enabled, true);
        assert.deepEqual(withPolicy.attributeMappings, []);
        assert.deepEqual(withPolicy.managedPolicyArns, created.managedPolicyArns);
        const without = await store.profiles.update(created.id, { sessionPolicy: null });
        assert.equal(without.sessionPolicy, undefined);
        assert.deepEqual(await store.profiles.get(created.id), without);
        assert.deepEqual(await store.profiles.delete(created.id), without);
        await assert.rejects(store.profiles.update(created.id, { enabled: true }), StoreNotFoundError);
      });
    });

    describe("CRLs", () => {
      it("keeps the exact bytes and lists them per trust anchor", async () => {
        const a = anchorArn(uuid(1));
        const b = anchorArn(uuid(2));
        const pem = Buffer.from("-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n");
        const first = await store.crls.create(crlFor(1, a));
        const second = await store.crls.create(crlFor(2, a, pem));
        await store.crls.create(crlFor(3, b));
        assert.deepEqual(first.crlData, Buffer.from([0, 1, 2, 0xfe, 0xff, 1]));
        assert.ok(Buffer.isBuffer((await store.crls.get(second.id))?.crlData));
        assert.deepEqual((await store.crls.get(second.id))?.crlData, pem);
        assert.deepEqual(
          (await store.crls.listByTrustAnchor(a)).map((c) => c.id),
          [first.id, second.id],
        );
        const updated = await store.crls.update(first.id, {
          enabled: false,
          crlData: Buffer.from("new"),
          name: "renamed",
        });
        assert.deepEqual(
          [updated.enabled, updated.crlData.toString(), updated.name],
          [false, "new", "renamed"],
        );
        assert.equal(await store.crls.count(), 3);
        assert.deepEqual(await store.crls.delete(first.id), updated);
        assert.equal(await store.crls.get(first.id), undefined);
      });

      it("maxPerTrustAnchor refuses a third CRL for the anchor only", async () => {
        const a = anchorArn(uuid(1));
        await store.crls.create(crlFor(1, a), { maxPerTrustAnchor: 2 });
        await store.crls.create(crlFor(2, a), { maxPerTrustAnchor: 2 });
        await assert.rejects(store.crls.create(crlFor(3, a), { maxPerTrustAnchor: 2 }), StoreLimitError);
        await store.crls.create(crlFor(4, anchorArn(uuid(2))), { maxPerTrustAnchor: 2 });
        assert.equal((await store.crls.listByTrustAnchor(a)).length, 2);
      });
    });

    describe("subjects", () => {
      it("recordAuthentication creates the subject once and updates it in place", async () => {
        const first = await store.subjects.recordAuthentication({
          ...authentication(1, "2024-02-01T10:00:00.000001Z", { failed: true }),
          instanceProperties: { hostname: "h1", os: "linux" },
        });
        assert.equal(first.id, uuid(3001));
        assert.deepEqual(
          [first.createdAt, first.lastSeenAt, first.enabled, first.x509Subject],
          [
            "2024-02-01T10:00:00.000001Z",
            "2024-02-01T10:00:00.000001Z",
            true,
            "CN=host1,OU=Engineering,O=Example,C=US",
          ],
        );
        const again = await store.subjects.recordAuthentication({
          ...authentication(2, "2024-02-01T11:00:00.5Z"),
          instanceProperties: { os: "linux", hostname: "h1" },
        });
        assert.equal(again.id, first.id, "the same subject DN is the same subject");
        assert.equal(again.lastSeenAt, "2024-02-01T11:00:00.500000Z");
        // An older request arriving late does not move lastSeenAt back, nor the credential's state.
        await store.subjects.recordAuthentication(
          authentication(3, "2024-02-01T09:00:00Z", { failed: true }),
        );
        const detail = await store.subjects.get(first.id);
        assert.ok(detail !== undefined);
        assert.equal(detail.lastSeenAt, "2024-02-01T11:00:00.500000Z");
        assert.equal(detail.createdAt, "2024-02-01T10:00:00.000001Z");
        assert.deepEqual(detail.credentials, [
          {
            serialNumber: "00936EACBE07F201DF",
            issuer: "CN=Root CA,O=Example,C=US",
            x509CertificateData: "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n",
            seenAt: "2024-02-01T11:00:00.500000Z",
            failed: false,
            enabled: true,
          },
        ]);
        assert.deepEqual(detail.instanceProperties, [
          {
            properties: { hostname: "h1", os: "linux" },
            seenAt: "2024-02-01T11:00:00.500000Z",
            failed: false,
          },
        ]);
        assert.equal(await store.subjects.get(uuid(3002)), undefined);
        assert.equal(await store.subjects.count(), 1);
      });

      it("keeps the latest `keep` certificates and property maps, newest first", async () => {
        for (let i = 1; i <= 4; i++) {
          await store.subjects.recordAuthentication({
            ...authentication(i, formatTimestamp(START + BigInt(i) * 1000n), { serial: `0${i}` }),
            instanceProperties: { n: String(i) },
            keep: 2,
          });
        }
        const detail = await store.subjects.get(uuid(3001));
        assert.deepEqual(
          detail?.credentials.map((c) => c.serialNumber),
          ["04", "03"],
        );
        assert.deepEqual(
          detail?.instanceProperties.map((p) => p.properties),
          [{ n: "4" }, { n: "3" }],
        );
      });

      it(
        "concurrent recordAuthentication from two Store instances makes one subject",
        { skip: skip.concurrency ?? false },
        async () => {
          const other = await openAnother();
          const calls = Array.from({ length: 12 }, (_, i) =>
            (i % 2 === 0 ? store : other).subjects.recordAuthentication({
              ...authentication(i, formatTimestamp(START + BigInt(i)), { serial: `0${i % 3}` }),
              instanceProperties: { replica: String(i % 2) },
            }),
          );
          const results = await Promise.all(calls);
          assert.equal(new Set(results.map((r) => r.id)).size, 1);
          assert.equal(await store.subjects.count(), 1);
          const detail = await other.subjects.get(results[0]?.id ?? "");
          assert.equal(detail?.lastSeenAt, formatTimestamp(START + 11n));
          assert.deepEqual(detail?.credentials.map((c) => c.serialNumber).sort(), ["00", "01", "02"]);
          assert.equal(detail?.instanceProperties.length, 2);
        },
      );
    });

    describe("pagination", () => {
      for (const listing of LISTINGS) {
        it(`${listing.name}: pages follow (createdAt, id) with cursors, ties broken by id`, async () => {
          clock.step = 0n; // the first three share one createdAt: their order comes from the id
          for (const n of [3, 1, 2]) await listing.add(store, n);
          clock.step = 1n;
          for (const n of [7, 4, 6, 5]) await listing.add(store, n);
          const everything = await listing.list(store, { limit: 1000 });
          assert.equal(everything.items.length, 7);
          assert.equal(everything.next, undefined);
          assert.deepEqual(everything.items, [...everything.items].sort(byCreatedAtThenId));
          const { items, pages } = await allPages((o) => listing.list(store, o), 3);
          assert.equal(pages, 3);
          assert.deepEqual(items, everything.items);
          const exact = await allPages((o) => listing.list(store, o), 7);
          assert.equal(exact.pages, 1, "no empty trailing page");
        });
      }

      it("rejects bad limits and cursors with StoreInputError", async () => {
        for (const limit of [0, -1, 1.5, 1001]) {
          await assert.rejects(store.trustAnchors.list({ limit }), StoreInputError);
        }
        await assert.rejects(
          store.trustAnchors.list({ limit: 1, after: { createdAt: "yesterday", id: "x" } }),
          StoreInputError,
        );
        await assert.rejects(
          store.roles.list({ limit: 1, after: { createdAt: "2024-01-01T00:00:00Z", id: "x" } }),
          StoreInputError,
        );
        await assert.rejects(
          store.roles.list({ limit: 1, after: { createdAt: formatTimestamp(START), id: "" } }),
          StoreInputError,
        );
      });
    });

    describe("tags", () => {
      it("put adds and replaces, list orders by key, remove ignores unknown keys", async () => {
        const arn = anchorArn(uuid(1));
        await store.tags.put(
          arn,
          [
            { key: "b", value: "1" },
            { key: "a", value: "" },
          ],
          { maxTags: 50 },
        );
        const after = await store.tags.put(
          arn,
          [
            { key: "b", value: "2" },
            { key: "c", value: "3" },
          ],
          { maxTags: 3 },
        );
        assert.deepEqual(after, [
          { key: "a", value: "" },
          { key: "b", value: "2" },
          { key: "c", value: "3" },
        ]);
        assert.deepEqual(await store.tags.remove(arn, ["a", "zzz", "B"]), [
          { key: "b", value: "2" },
          { key: "c", value: "3" },
        ]);
        assert.deepEqual(await store.tags.list(anchorArn(uuid(2))), []);
        await store.tags.deleteAll(arn);
        assert.deepEqual(await store.tags.list(arn), []);
      });

      it("exceeding the cap fails with StoreLimitError and writes none of the batch", async () => {
        const arn = anchorArn(uuid(1));
        await store.tags.put(
          arn,
          [
            { key: "a", value: "1" },
            { key: "b", value: "1" },
          ],
          { maxTags: 3 },
        );
        await assert.rejects(
          store.tags.put(
            arn,
            [
              { key: "a", value: "changed" },
              { key: "c", value: "1" },
              { key: "d", value: "1" },
            ],
            { maxTags: 3 },
          ),
          { name: "StoreLimitError", entity: "tag", limit: 3 },
        );
        assert.deepEqual(await store.tags.list(arn), [
          { key: "a", value: "1" },
          { key: "b", value: "1" },
        ]);
      });

      it("ignoreKeyCase replaces and removes keys regardless of case, as IAM", async () => {
        const arn = `arn:aws:iam::${ACCOUNT}:role/r`;
        await store.tags.put(arn, [{ key: "Env", value: "dev" }], { maxTags: 1, ignoreKeyCase: true });
        assert.deepEqual(
          await store.tags.put(arn, [{ key: "env", value: "prod" }], { maxTags: 1, ignoreKeyCase: true }),
          [{ key: "env", value: "prod" }],
        );
        assert.deepEqual(await store.tags.remove(arn, ["ENV"], { ignoreKeyCase: true }), []);
      });

      it(
        "concurrent writers from two instances cannot exceed the cap together",
        { skip: skip.concurrency ?? false },
        async () => {
          const other = await openAnother();
          const arn = anchorArn(uuid(1));
          await store.tags.put(arn, [{ key: "a", value: "1" }], { maxTags: 2 });
          const results = await Promise.allSettled([
            store.tags.put(arn, [{ key: "b", value: "1" }], { maxTags: 2 }),
            other.tags.put(arn, [{ key: "c", value: "1" }], { maxTags: 2 }),
          ]);
          assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
          const rejected = results.find((r) => r.status === "rejected");
          assert.ok(rejected?.status === "rejected" && rejected.reason instanceof StoreLimitError);
          assert.equal((await store.tags.list(arn)).length, 2);
        },
      );
    });

    describe("IAM roles", () => {
      it("names are unique and looked up case-insensitively, as IAM", async () => {
        const created = await store.roles.create({ ...role("Deploy"), description: "ci" });
        assert.deepEqual(await store.roles.get("deploy"), created);
        assert.deepEqual(await store.roles.get("DEPLOY"), created);
        assert.deepEqual(await store.roles.getById(created.id), created);
        await assert.rejects(
          store.roles.create({
            ...role("DEPLOY"),
            id: "AROAOTHERIDXXXXXXXX",
            arn: "arn:aws:iam::123456789012:role/DEPLOY",
          }),
          {
            name: "StoreConflictError",
            entity: "role",
            reason: "exists",
          },
        );
        assert.equal(await store.roles.count(), 1);
        assert.deepEqual(
          [
            created.maxSessionDuration,
            created.description,
            created.permissionsBoundary,
            created.roleLastUsed,
          ],
          [3600, "ci", undefined, undefined],
        );
      });

      it("update patches fields, null removes optional ones; recordUse sets roleLastUsed", async () => {
        await store.roles.create({
          ...role("r"),
          description: "d",
          permissionsBoundary: policyArn("boundary"),
        });
        const updated = await store.roles.update("R", {
          description: null,
          permissionsBoundary: null,
          maxSessionDuration: 43200,
        });
        assert.deepEqual(
          [updated.description, updated.permissionsBoundary, updated.maxSessionDuration],
          [undefined, undefined, 43200],
        );
        assert.deepEqual(await store.roles.update("r", {}), updated);
        await store.roles.recordUse("r", {
          lastUsedDate: new Date("2024-03-01T00:00:00.123Z"),
          region: REGION,
        });
        assert.deepEqual((await store.roles.get("r"))?.roleLastUsed, {
          lastUsedDate: "2024-03-01T00:00:00.123000Z",
          region: REGION,
        });
        await assert.rejects(store.roles.update("nope", { description: "x" }), {
          name: "StoreNotFoundError",
          entity: "role",
        });
        await assert.rejects(
          store.roles.recordUse("nope", { lastUsedDate: new Date(0), region: REGION }),
          StoreNotFoundError,
        );
      });

      it("list filters by path prefix", async () => {
        await store.roles.create(role("a", "/team/"));
        await store.roles.create(role("b", "/team/sub/"));
        await store.roles.create(role("c", "/other/"));
        await store.roles.create(role("d", "/team_x/"));
        const page = await store.roles.list({ limit: 10, pathPrefix: "/team/" });
        assert.deepEqual(
          page.items.map((r) => r.name),
          ["a", "b"],
        );
        assert.equal((await store.roles.list({ limit: 10, pathPrefix: "/" })).items.length, 4);
      });

      it("delete refuses while policies remain, then removes the role and its tags", async () => {
        const created = await store.roles.create(role("r"));
        await store.tags.put(created.arn, [{ key: "k", value: "v" }], { maxTags: 50 });
        await store.rolePolicies.put("r", "inline", "{}");
        await store.attachments.attach({ kind: "role", name: "r" }, policyArn("p"));
        await assert.rejects(store.roles.delete("r"), { name: "StoreConflictError", reason: "in-use" });
        await store.rolePolicies.delete("r", "inline");
        await assert.rejects(store.roles.delete("r"), { name: "StoreConflictError", reason: "in-use" });
        await store.attachments.detach({ kind: "role", name: "r" }, policyArn("p"));
        assert.deepEqual(await store.roles.delete("R"), created);
        assert.equal(await store.roles.get("r"), undefined);
        assert.deepEqual(await store.tags.list(created.arn), []);
      });
    });

    describe("inline policies", () => {
      for (const kind of ["role", "user"] as const satisfies PrincipalKind[]) {
        it(`${kind}: put is an upsert, list orders by name, delete of a missing one is NotFound`, async () => {
          const repo = kind === "role" ? store.rolePolicies : store.userPolicies;
          if (kind === "role") await store.roles.create(role("Principal"));
          else await store.users.create(user("Principal"));
          const first = await repo.put("principal", "b-policy", "{1}");
          assert.deepEqual(
            [first.principalName, first.policyName, first.document],
            ["Principal", "b-policy", "{1}"],
          );
          const replaced = await repo.put("PRINCIPAL", "b-policy", "{2}");
          assert.equal(replaced.document, "{2}");
          assert.equal(replaced.createdAt, first.createdAt);
          assert.ok(replaced.updatedAt > first.updatedAt);
          await repo.put("principal", "a-policy", "{3}");
          assert.deepEqual(
            (await repo.list("principal")).map((p) => p.policyName),
            ["a-policy", "b-policy"],
          );
          assert.deepEqual(await repo.get("principal", "b-policy"), replaced);
          assert.equal(await repo.get("principal", "B-POLICY"), undefined, "policy names are case-sensitive");
          assert.equal(await repo.get("nobody", "b-policy"), undefined);
          await repo.delete("principal", "b-policy");
          await assert.rejects(repo.delete("principal", "b-policy"), {
            name: "StoreNotFoundError",
            entity: `${kind}-policy`,
          });
          await assert.rejects(repo.put("nobody", "p", "{}"), { name: "StoreNotFoundError", entity: kind });
          await assert.rejects(repo.list("nobody"), { name: "StoreNotFoundError", entity: kind });
        });
      }
    });

    describe("managed policies and attachments", () => {
      it("versions: v1 is the default, at most five, ids never reused, the default cannot be deleted", async () => {
        const input = managedPolicy("p");
        const created = await store.managedPolicies.create(input);
        assert.deepEqual(
          [created.defaultVersionId, created.attachmentCount, created.description],
          ["v1", 0, "policy p"],
        );
        assert.deepEqual(await store.managedPolicies.get(input.arn), created);
        for (const n of [2, 3, 4, 5]) {
          const v = await store.managedPolicies.createVersion(input.arn, `{"v":${n}}`, {
            setAsDefault: n === 3,
          });
          assert.deepEqual([v.versionId, v.isDefaultVersion], [`v${n}`, n === 3]);
        }
        await assert.rejects(store.managedPolicies.createVersion(input.arn, "{}"), {
          name: "StoreLimitError",
          limit: 5,
        });
        assert.equal((await store.managedPolicies.get(input.arn))?.defaultVersionId, "v3");
        assert.equal((await store.managedPolicies.getDefaultVersion(input.arn))?.document, '{"v":3}');
        await assert.rejects(store.managedPolicies.deleteVersion(input.arn, "v3"), {
          name: "StoreConflictError",
          reason: "default-version",
        });
        await store.managedPolicies.deleteVersion(input.arn, "v2");
        const v6 = await store.managedPolicies.createVersion(input.arn, "{6}");
        assert.equal(v6.versionId, "v6");
        assert.deepEqual(
          (await store.managedPolicies.listVersions(input.arn)).map((v) => [v.versionId, v.isDefaultVersion]),
          [
            ["v6", false],
            ["v5", false],
            ["v4", false],
            ["v3", true],
            ["v1", false],
          ],
        );
        const updated = await store.managedPolicies.setDefaultVersion(input.arn, "v6");
        assert.equal(updated.defaultVersionId, "v6");
        assert.equal((await store.managedPolicies.getVersion(input.arn, "v1"))?.document, input.document);
        assert.equal(await store.managedPolicies.getVersion(input.arn, "v2"), undefined);
        await assert.rejects(store.managedPolicies.setDefaultVersion(input.arn, "v2"), StoreNotFoundError);
        await assert.rejects(store.managedPolicies.deleteVersion(input.arn, "v2"), StoreNotFoundError);
        await assert.rejects(
          store.managedPolicies.create({
            ...managedPolicy("P"),
            id: "ANPAOTHERXXXXXXXXXX",
            arn: policyArn("P2"),
          }),
          {
            name: "StoreConflictError",
            reason: "exists",
          },
        );
      });

      it("attachments keep attachmentCount, block deletes and honour maxAttached", async () => {
        const p = managedPolicy("p");
        await store.managedPolicies.create(p);
        await store.roles.create(role("r"));
        await store.users.create(user("u"));
        await store.attachments.attach({ kind: "role", name: "R" }, p.arn, { maxAttached: 2 });
        await store.attachments.attach({ kind: "role", name: "r" }, p.arn, { maxAttached: 2 }); // no-op
        await store.attachments.attach({ kind: "user", name: "u" }, p.arn);
        await store.attachments.attach(
          { kind: "role", name: "r" },
          "arn:aws:iam::aws:policy/ReadOnlyAccess",
          { maxAttached: 2 },
        );
        await assert.rejects(
          store.attachments.attach({ kind: "role", name: "r" }, policyArn("third"), { maxAttached: 2 }),
          {
            name: "StoreLimitError",
            entity: "attachment",
          },
        );
        assert.equal((await store.managedPolicies.get(p.arn))?.attachmentCount, 2);
        assert.deepEqual(
          (await store.attachments.list({ kind: "role", name: "r" })).map((a) => [
            a.principal.name,
            a.policyArn,
          ]),
          [
            ["r", p.arn],
            ["r", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
          ],
        );
        assert.deepEqual(
          (await store.attachments.listByPolicy(p.arn)).map((a) => [a.principal.kind, a.principal.name]),
          [
            ["role", "r"],
            ["user", "u"],
          ],
        );
        assert.deepEqual(
          (await store.managedPolicies.list({ limit: 10, onlyAttached: true })).items.map((x) => x.name),
          ["p"],
        );
        await assert.rejects(store.managedPolicies.delete(p.arn), {
          name: "StoreConflictError",
          reason: "in-use",
        });
        await store.attachments.detach({ kind: "role", name: "r" }, p.arn);
        await store.attachments.detach({ kind: "user", name: "U" }, p.arn);
        await assert.rejects(store.attachments.detach({ kind: "user", name: "u" }, p.arn), {
          name: "StoreNotFoundError",
          entity: "attachment",
        });
        assert.equal((await store.managedPolicies.get(p.arn))?.attachmentCount, 0);
        await assert.rejects(store.attachments.attach({ kind: "user", name: "ghost" }, p.arn), {
          name: "StoreNotFoundError",
          entity: "user",
        });
        const deleted = await store.managedPolicies.delete(p.arn);
        assert.equal(deleted.arn, p.arn);
        assert.equal(await store.managedPolicies.get(p.arn), undefined);
        assert.equal(await store.managedPolicies.getVersion(p.arn, "v1"), undefined);
      });
    });

    describe("IAM users and access keys", () => {
      it("users: case-insensitive names, rename moves tags, delete refuses while keys remain", async () => {
        const created = await store.users.create({ ...user("alice"), permissionsBoundary: policyArn("b") });
        await assert.rejects(store.users.create({ ...user("ALICE"), id: "AIDAOTHERXXXXXXXXXX", arn: "x" }), {
          name: "StoreConflictError",
          reason: "exists",
        });
        await store.tags.put(created.arn, [{ key: "k", value: "v" }], { maxTags: 50 });
        const newArn = `arn:aws:iam::${ACCOUNT}:user/ops/alicia`;
        const renamed = await store.users.update("Alice", {
          name: "alicia",
          path: "/ops/",
          arn: newArn,
          permissionsBoundary: null,
        });
        assert.deepEqual(renamed, {
          ...created,
          name: "alicia",
          path: "/ops/",
          arn: newArn,
          permissionsBoundary: undefined,
        });
        assert.equal(await store.users.get("alice"), undefined);
        assert.deepEqual(await store.users.getById(created.id), renamed);
        assert.deepEqual(await store.tags.list(newArn), [{ key: "k", value: "v" }]);
        assert.deepEqual(await store.tags.list(created.arn), []);
        await store.users.create(user("bob"));
        await assert.rejects(store.users.update("alicia", { name: "BOB" }), {
          name: "StoreConflictError",
          reason: "exists",
        });
        await store.accessKeys.create({
          id: "AKIAALICIA000000001",
          userName: "alicia",
          secretAccessKey: "s",
          status: "Active",
        });
        await assert.rejects(store.users.delete("alicia"), { name: "StoreConflictError", reason: "in-use" });
        await store.accessKeys.delete("AKIAALICIA000000001");
        assert.deepEqual(await store.users.delete("alicia"), renamed);
        assert.equal(await store.users.count(), 1);
      });

      it("access keys for users and the root: status, last use, per-user limit", async () => {
        await store.users.create(user("alice"));
        const key = await store.accessKeys.create(
          { id: "AKIAALICE0000000001", userName: "ALICE", secretAccessKey: "secret/1", status: "Active" },
          { maxPerUser: 2 },
        );
        assert.deepEqual(key, {
          id: "AKIAALICE0000000001",
          userName: "alice",
          secretAccessKey: "secret/1",
          status: "Active",
          createdAt: key.createdAt,
        });
        await store.accessKeys.create(
          { id: "AKIAALICE0000000002", userName: "alice", secretAccessKey: "s2", status: "Inactive" },
          { maxPerUser: 2 },
        );
        await assert.rejects(
          store.accessKeys.create(
            { id: "AKIAALICE0000000003", userName: "alice", secretAccessKey: "s3", status: "Active" },
            { maxPerUser: 2 },
          ),
          StoreLimitError,
        );
        const root = await store.accessKeys.create(
          { id: "AKIAROOT00000000001", secretAccessKey: "r", status: "Active" },
          { maxPerUser: 2 },
        );
        assert.equal(root.userName, undefined);
        assert.equal("userName" in root, false);
        assert.deepEqual(
          (await store.accessKeys.listByUser(undefined)).map((k) => k.id),
          ["AKIAROOT00000000001"],
        );
        assert.deepEqual(
          (await store.accessKeys.listByUser("alice")).map((k) => k.id),
          ["AKIAALICE0000000001", "AKIAALICE0000000002"],
        );
        assert.equal(
          (await store.accessKeys.setStatus("AKIAALICE0000000001", "Inactive")).status,
          "Inactive",
        );
        await store.accessKeys.recordUse("AKIAROOT00000000001", {
          lastUsedDate: "2024-05-05T05:05:05Z",
          serviceName: "iam",
          region: REGION,
        });
        assert.deepEqual((await store.accessKeys.get("AKIAROOT00000000001"))?.lastUsed, {
          lastUsedDate: "2024-05-05T05:05:05.000000Z",
          serviceName: "iam",
          region: REGION,
        });
        await assert.rejects(
          store.accessKeys.create({ id: "AKIAROOT00000000001", secretAccessKey: "x", status: "Active" }),
          {
            name: "StoreConflictError",
            reason: "exists",
          },
        );
        await assert.rejects(
          store.accessKeys.create({
            id: "AKIAGHOST000000001",
            userName: "ghost",
            secretAccessKey: "x",
            status: "Active",
          }),
          {
            name: "StoreNotFoundError",
            entity: "user",
          },
        );
        await assert.rejects(store.accessKeys.listByUser("ghost"), StoreNotFoundError);
        assert.equal(await store.accessKeys.get("AKIANOPE0000000000"), undefined);
        await assert.rejects(store.accessKeys.setStatus("AKIANOPE0000000000", "Active"), StoreNotFoundError);
      });
    });

    describe("sealing keys", () => {
      it("the first key is active; activate switches; the active key cannot be removed", async () => {
        const material = (b: number) => Buffer.alloc(32, b);
        const k1 = await store.sealingKeys.add({ id: "k1", material: material(1) });
        assert.deepEqual([k1.active, k1.material], [true, material(1)]);
        const k2 = await store.sealingKeys.add({ id: "k2", material: material(2) });
        assert.equal(k2.active, false);
        assert.equal((await store.sealingKeys.activate("k2")).active, true);
        assert.deepEqual(
          (await store.sealingKeys.list()).map((k) => [k.id, k.active]),
          [
            ["k1", false],
            ["k2", true],
          ],
        );
        await store.sealingKeys.add({ id: "k3", material: material(3), active: true });
        assert.deepEqual(
          (await store.sealingKeys.list()).filter((k) => k.active).map((k) => k.id),
          ["k3"],
        );
        await assert.rejects(store.sealingKeys.remove("k3"), {
          name: "StoreConflictError",
          reason: "active-key",
        });
        await store.sealingKeys.remove("k1");
        await assert.rejects(store.sealingKeys.remove("k1"), StoreNotFoundError);
        await assert.rejects(store.sealingKeys.add({ id: "k2", material: material(9) }), {
          name: "StoreConflictError",
          reason: "exists",
        });
        await assert.rejects(
          store.sealingKeys.add({ id: "short", material: Buffer.alloc(16) }),
          StoreInputError,
        );
        await assert.rejects(store.sealingKeys.activate("nope"), StoreNotFoundError);
      });
    });

    describe("generations", () => {
      it("bump increments per scope; list filters by prefix", async () => {
        assert.equal(await store.generations.get("x:1"), 0);
        assert.equal(await store.generations.bump("x:1"), 1);
        assert.equal(await store.generations.bump("x:1"), 2);
        assert.equal(await store.generations.bump("x:2"), 1);
        assert.equal(await store.generations.bump("y"), 1);
        assert.equal(await store.generations.get("x:1"), 2);
        assert.deepEqual(await store.generations.list("x:"), [
          { scope: "x:1", value: 2 },
          { scope: "x:2", value: 1 },
        ]);
        assert.equal((await store.generations.list()).length, 3);
      });

      it("each write bumps the scope of what it changed", async () => {
        const a = anchor(1);
        const steps: [string, () => Promise<unknown>, string][] = [
          ["create anchor", () => store.trustAnchors.create(a), generationScopes.anchor(a.id)],
          [
            "disable anchor",
            () => store.trustAnchors.update(a.id, { enabled: false }),
            generationScopes.anchor(a.id),
          ],
          ["import CRL", () => store.crls.create(crlFor(1, a.arn)), generationScopes.revocation(a.id)],
          [
            "disable CRL",
            () => store.crls.update(uuid(2001), { enabled: false }),
            generationScopes.revocation(a.id),
          ],
          ["delete CRL", () => store.crls.delete(uuid(2001)), generationScopes.revocation(a.id)],
          ["create profile", () => store.profiles.create(profile(1)), generationScopes.profile(uuid(1001))],
          [
            "tag",
            () => store.tags.put(a.arn, [{ key: "k", value: "v" }], { maxTags: 5 }),
            generationScopes.tags(a.arn),
          ],
          ["create role", () => store.roles.create(role("Admin")), generationScopes.role("admin")],
          [
            "trust policy",
            () => store.roles.update("admin", { assumeRolePolicyDocument: "{}" }),
            generationScopes.role("ADMIN"),
          ],
          ["inline policy", () => store.rolePolicies.put("admin", "p", "{}"), generationScopes.role("admin")],
          [
            "attach",
            () => store.attachments.attach({ kind: "role", name: "admin" }, policyArn("m")),
            generationScopes.role("admin"),
          ],
          [
            "create policy",
            () => store.managedPolicies.create(managedPolicy("m")),
            generationScopes.policy(policyArn("m")),
          ],
          [
            "new version",
            () => store.managedPolicies.createVersion(policyArn("m"), "{}", { setAsDefault: true }),
            generationScopes.policy(policyArn("m")),
          ],
          [
            "root key",
            () =>
              store.accessKeys.create({ id: "AKIAROOT00000000001", secretAccessKey: "s", status: "Active" }),
            generationScopes.accessKey("AKIAROOT00000000001"),
          ],
          [
            "deactivate key",
            () => store.accessKeys.setStatus("AKIAROOT00000000001", "Inactive"),
            generationScopes.accessKey("AKIAROOT00000000001"),
          ],
          [
            "sealing key",
            () => store.sealingKeys.add({ id: "k", material: Buffer.alloc(32) }),
            generationScopes.sealingKeys(),
          ],
          ["delete anchor", () => store.trustAnchors.delete(a.id), generationScopes.anchor(a.id)],
        ];
        assert.equal(steps.length, 17);
        for (const [what, write, scope] of steps) {
          const before = await store.generations.get(scope);
          await write();
          assert.equal(await store.generations.get(scope), before + 1, `${what} bumps ${scope}`);
        }
      });

      it("a bump commits with its write: invisible to another instance until commit, undone on rollback", async () => {
        const other = await openAnother();
        const a = anchor(1);
        const scope = generationScopes.anchor(a.id);
        await store.transaction(async (tx) => {
          await tx.trustAnchors.create(a);
          assert.equal(await tx.generations.get(scope), 1, "the transaction sees its own bump");
          assert.equal(
            await other.generations.get(scope),
            0,
            "another instance does not see it before commit",
          );
          assert.equal(await other.trustAnchors.get(a.id), undefined);
        });
        assert.equal(await other.generations.get(scope), 1);
        assert.equal((await other.trustAnchors.get(a.id))?.id, a.id);
        const failure = new Error("abort");
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.trustAnchors.update(a.id, { enabled: false });
            await tx.generations.bump("custom");
            throw failure;
          }),
          (error) => error === failure,
        );
        assert.equal(await other.generations.get(scope), 1);
        assert.equal(await other.generations.get("custom"), 0);
        assert.equal((await other.trustAnchors.get(a.id))?.enabled, true);
      });
    });

    describe("transactions", () => {
      it("a failed transaction leaves nothing written and rethrows the caller's error as is", async () => {
        const failure = new Error("stop here");
        await assert.rejects(
          store.transaction(async (tx) => {
            const a = await tx.trustAnchors.create(anchor(1));
            await tx.crls.create(crlFor(1, a.arn));
            await tx.profiles.create(profile(1));
            await tx.tags.put(a.arn, [{ key: "k", value: "v" }], { maxTags: 5 });
            await tx.roles.create(role("r"));
            await tx.rolePolicies.put("r", "p", "{}");
            await tx.settings.setIfAbsent("s", "v");
            assert.equal(await tx.trustAnchors.count(), 1);
            throw failure;
          }),
          (error) => error === failure,
        );
        assert.equal(await store.trustAnchors.count(), 0);
        assert.equal(await store.crls.count(), 0);
        assert.equal(await store.profiles.count(), 0);
        assert.equal(await store.roles.count(), 0);
        assert.deepEqual(await store.tags.list(anchorArn(uuid(1))), []);
        assert.equal(await store.settings.get("s"), undefined);
        assert.deepEqual(await store.generations.list(), []);
      });

      it("a store error inside a transaction rolls back the writes before it", async () => {
        await store.roles.create(role("taken"));
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.trustAnchors.create(anchor(1));
            await tx.roles.create(role("TAKEN"));
          }),
          StoreConflictError,
        );
        assert.equal(await store.trustAnchors.count(), 0);
      });

      it("a committed transaction returns its value and everything is visible", async () => {
        const result = await store.transaction(async (tx) => {
          const a = await tx.trustAnchors.create(anchor(1));
          await tx.crls.create(crlFor(1, a.arn));
          return a.id;
        });
        assert.equal(result, uuid(1));
        assert.equal((await store.crls.listByTrustAnchor(anchorArn(uuid(1)))).length, 1);
      });
    });

    describe("instances and errors", () => {
      it("two Store instances on one database see each other's writes immediately", async () => {
        const other = await openAnother();
        const a = await store.trustAnchors.create(anchor(1));
        assert.deepEqual(await other.trustAnchors.get(a.id), a);
        await other.trustAnchors.update(a.id, { enabled: false });
        assert.equal((await store.trustAnchors.get(a.id))?.enabled, false);
        await other.crls.create(crlFor(1, a.arn));
        assert.equal((await store.crls.listByTrustAnchor(a.arn)).length, 1);
        assert.equal(await store.generations.get(generationScopes.revocation(a.id)), 1);
      });

      it("two stores opening one fresh database at once both migrate it safely", async () => {
        const fresh = await freshDatabase();
        try {
          const [x, y] = await Promise.all([
            openStore(fresh.url, { clock: clock.now }),
            openStore(fresh.url, { clock: clock.now }),
          ]);
          await x.settings.setIfAbsent("k", "x");
          assert.equal(await y.settings.get("k"), "x");
          await x.close();
          await y.close();
        } finally {
          await fresh.dispose();
        }
      });

      it("timestamps keep microseconds and accept Date clocks", async () => {
        const other = await openStore(database.url, { clock: () => "2024-06-01T12:34:56.654321+02:00" });
        const dated = await openStore(database.url, { clock: () => new Date("2024-06-01T12:00:00.5Z") });
        try {
          assert.equal((await other.trustAnchors.create(anchor(1))).createdAt, "2024-06-01T10:34:56.654321Z");
          assert.equal((await dated.trustAnchors.create(anchor(2))).createdAt, "2024-06-01T12:00:00.500000Z");
          assert.deepEqual(
            (await store.trustAnchors.list({ limit: 10 })).items.map((x) => x.createdAt),
            ["2024-06-01T10:34:56.654321Z", "2024-06-01T12:00:00.500000Z"],
          );
        } finally {
          await other.close();
          await dated.close();
        }
      });

      it("a closed store fails with StoreUnavailableError, not a driver error", async () => {
        const other = await openAnother();
        await other.close();
        await other.close(); // idempotent
        await assert.rejects(other.trustAnchors.get(uuid(1)), StoreUnavailableError);
      });
    });
  });
}
