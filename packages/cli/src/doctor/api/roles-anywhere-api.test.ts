import assert from "node:assert/strict";
import { test } from "node:test";
import type { HttpSend, WireRequest } from "../../aws/http-send.js";
import { RolesAnywhereApi } from "./roles-anywhere-api.js";

test("lists follow nextToken to the last page", async () => {
  const sent: WireRequest[] = [];
  const pages = [
    { trustAnchors: [{ name: "a" }, { name: "b" }], nextToken: "t1" },
    { trustAnchors: [{ name: "c" }] },
  ];
  const send: HttpSend = async (request) => {
    sent.push(request);
    return { status: 200, headers: {}, body: Buffer.from(JSON.stringify(pages[sent.length - 1])) };
  };
  const api = new RolesAnywhereApi({
    endpoint: new URL("http://127.0.0.1:7911"),
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "s", source: "test" },
    now: () => new Date("2026-01-15T12:00:00Z"),
    send,
  });
  const all = await api.listTrustAnchors();
  assert.deepEqual(
    all.map((a) => a.name),
    ["a", "b", "c"],
  );
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`),
    ["GET /trustanchors?pageSize=50", "GET /trustanchors?pageSize=50&nextToken=t1"],
  );
  assert.match(sent[0]!.headers.authorization ?? "", /\/us-east-1\/rolesanywhere\/aws4_request/);
});
