import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { test } from "node:test";

import { StoreInputError, StoreUnavailableError } from "./errors.js";
import {
  defaultStoreUrl,
  formatStoreUrl,
  openStore,
  parseStoreUrl,
  type StoreLocation,
} from "./open-store.js";
import { redactPostgresUrl, splitSchemaParameter } from "./postgres.js";
import { temporarySqliteDatabase } from "./test-databases.js";

const LOCATIONS: [string, StoreLocation][] = [
  ["postgres://u:p@db:5432/anchorage", { backend: "postgres", url: "postgres://u:p@db:5432/anchorage" }],
  [
    "postgresql://db/anchorage?sslmode=require",
    { backend: "postgres", url: "postgresql://db/anchorage?sslmode=require" },
  ],
  ["POSTGRES://db/x", { backend: "postgres", url: "POSTGRES://db/x" }],
  ["sqlite:./data/anchorage.db", { backend: "sqlite", path: "./data/anchorage.db" }],
  ["sqlite:///var/lib/anchorage.db", { backend: "sqlite", path: "/var/lib/anchorage.db" }],
  ["sqlite://relative.db", { backend: "sqlite", path: "relative.db" }],
  ["sqlite::memory:", { backend: "sqlite", path: ":memory:" }],
  ["/srv/anchorage/anchorage.db", { backend: "sqlite", path: "/srv/anchorage/anchorage.db" }],
  ["anchorage-data/anchorage.db", { backend: "sqlite", path: "anchorage-data/anchorage.db" }],
  ["C:/data/a.db", { backend: "sqlite", path: "C:/data/a.db" }],
];

test("parseStoreUrl picks the backend from the URL", () => {
  assert.equal(LOCATIONS.length, 10);
  for (const [url, location] of LOCATIONS) {
    assert.deepEqual(parseStoreUrl(url), location, url);
    assert.deepEqual(parseStoreUrl(formatStoreUrl(location)), location, `${url} round-trips`);
  }
  assert.equal(defaultStoreUrl("anchorage-data"), "sqlite:anchorage-data/anchorage.db");
});

test("parseStoreUrl rejects other schemes and empty paths without echoing a password", () => {
  for (const url of ["mysql://root:hunter2@db/x", "", "sqlite:", "sqlite://"]) {
    assert.throws(
      () => parseStoreUrl(url),
      (error: unknown) => error instanceof StoreInputError && !error.message.includes("hunter2"),
      url,
    );
  }
});

test("PostgreSQL URLs: our ?schema= is split off, passwords are redacted", () => {
  assert.deepEqual(splitSchemaParameter("postgres://u@h:1/db?schema=s1&sslmode=disable"), {
    url: "postgres://u@h:1/db?sslmode=disable",
    schema: "s1",
  });
  assert.deepEqual(splitSchemaParameter("postgres://u@h/db"), { url: "postgres://u@h/db" });
  assert.equal(redactPostgresUrl("postgres://u:hunter2@h/db"), "postgres://u:***@h/db");
  assert.equal(redactPostgresUrl("not a url"), "(unparsable PostgreSQL URL)");
});

test("an unreachable PostgreSQL fails to open with StoreUnavailableError naming it, not the password", async () => {
  await assert.rejects(
    openStore("postgres://anchorage:hunter2@127.0.0.1:1/none", { clock: () => new Date(0) }),
    (error: unknown) =>
      error instanceof StoreUnavailableError &&
      error.message.startsWith("cannot connect to PostgreSQL at postgres://anchorage:***@127.0.0.1:1/none") &&
      !error.message.includes("hunter2"),
  );
  await assert.rejects(
    openStore("postgres://h/db?schema=bad-name", { clock: () => new Date(0) }),
    StoreInputError,
  );
});

test("an SQLite file that cannot be created fails with StoreUnavailableError naming the path", async () => {
  const database = await temporarySqliteDatabase();
  const file = database.url.slice("sqlite:".length);
  await writeFile(file, "not a directory");
  try {
    await assert.rejects(
      openStore(`sqlite:${file}/sub/none.db`, { clock: () => new Date(0) }),
      (error: unknown) =>
        error instanceof StoreUnavailableError && error.message.includes(`${file}/sub/none.db`),
    );
    await assert.rejects(
      openStore(database.url, { clock: () => new Date(0) }),
      (error: unknown) => error instanceof StoreUnavailableError && error.message.includes(file),
      "a file that is not a database",
    );
  } finally {
    await database.dispose();
  }
});

test("sqlite::memory: opens a private, migrated database", async () => {
  const store = await openStore("sqlite::memory:", { clock: () => "2024-01-01T00:00:00Z" });
  try {
    assert.equal(store.backend, "sqlite");
    assert.equal(await store.settings.setIfAbsent("k", "v"), "v");
  } finally {
    await store.close();
  }
});
