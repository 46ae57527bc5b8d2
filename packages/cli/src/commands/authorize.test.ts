import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { CliError } from "../pki/cli-error.js";
import { buildAuthorizeInput, type AuthorizeFlags } from "./authorize.js";

const FILES: Record<string, string> = {
  "/req.json": JSON.stringify({
    method: "get",
    path: "/b/k",
    query: "x=1",
    headers: { Host: "h", "X-Amz-Date": "d" },
    payloadHash: "ab".repeat(32),
  }),
  "/full.json": JSON.stringify({
    request: { method: "PUT", path: "/b/k", headers: { host: ["h"] } },
    action: "s3:PutObject",
    resource: "arn:aws:s3:::b/k",
    context: { "aws:SourceIp": "1.2.3.4" },
    region: "eu-west-1",
  }),
  "/body": "hello",
  "/array.json": "[]",
};
const io = {
  readFile: async (path: string) => {
    const text = FILES[path];
    if (text === undefined)
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: "ENOENT" });
    return Buffer.from(text);
  },
  sha256Hex: (data: Buffer) => createHash("sha256").update(data).digest("hex"),
};
const base: AuthorizeFlags = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" };

test("the request from --request-file, flags on top; headers by lower-case name", async () => {
  assert.deepEqual(
    await buildAuthorizeInput(
      { ...base, requestFile: "/req.json", header: ["X-Extra: 1"], context: ["aws:SourceIp=9.9.9.9"] },
      io,
    ),
    {
      request: {
        method: "GET",
        path: "/b/k",
        query: "x=1",
        headers: { host: ["h"], "x-amz-date": ["d"], "x-extra": ["1"] },
        payloadHash: "ab".repeat(32),
      },
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      context: { "aws:SourceIp": "9.9.9.9" },
    },
  );
});

test("a whole input in the file; --body-file hashes the body; a repeated --context key is a list", async () => {
  const input = await buildAuthorizeInput(
    { requestFile: "/full.json", bodyFile: "/body", context: ["s3:prefix=a", "s3:prefix=b"] },
    io,
  );
  assert.deepEqual(input, {
    request: {
      method: "PUT",
      path: "/b/k",
      headers: { host: ["h"] },
      payloadHash: createHash("sha256").update("hello").digest("hex"),
    },
    action: "s3:PutObject",
    resource: "arn:aws:s3:::b/k",
    context: { "aws:SourceIp": "1.2.3.4", "s3:prefix": ["a", "b"] },
    region: "eu-west-1",
  });
});

test("flags alone; the empty body's hash by default", async () => {
  const input = await buildAuthorizeInput({ ...base, method: "get", path: "/b/k", header: ["Host: h"] }, io);
  assert.deepEqual(input.request, {
    method: "GET",
    path: "/b/k",
    headers: { host: ["h"] },
    payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  });
});

const BAD: [AuthorizeFlags, RegExp][] = [
  [{ ...base, requestFile: "/missing.json" }, /--request-file \/missing.json: ENOENT/],
  [{ ...base, requestFile: "/array.json" }, /expected a JSON object/],
  [{ ...base, method: "GET" }, /needs a method and a path/],
  [{ resource: "*", method: "GET", path: "/" }, /--action is required/],
  [{ action: "s3:GetObject", method: "GET", path: "/" }, /--resource is required/],
  [
    { ...base, method: "GET", path: "/", header: ["no colon"] },
    /--header "no colon": expected "Name: value"/,
  ],
  [{ ...base, method: "GET", path: "/", context: ["novalue"] }, /--context "novalue": expected key=value/],
  [{ ...base, method: "GET", path: "/", payloadHash: "00", bodyFile: "/body" }, /not both/],
];

test("bad usage is a CliError with exit code 2 (1 would mean denied)", async () => {
  assert.equal(BAD.length, 8);
  for (const [flags, message] of BAD) {
    await assert.rejects(
      buildAuthorizeInput(flags, io),
      (e: unknown) => e instanceof CliError && e.exitCode === 2 && message.test(e.message),
    );
  }
});
