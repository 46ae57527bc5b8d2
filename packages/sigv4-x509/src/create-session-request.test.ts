import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCreateSessionRequest, parseCreateSessionParams } from "./create-session-request.js";
import { expectX509Error, type Rejection } from "./expect-error.fixture.js";

const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};
const QUERY =
  "?profileArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Aprofile%2FPR&roleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Ftest-role&trustAnchorArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Atrust-anchor%2FTA";
const build = (extra: object = {}) =>
  buildCreateSessionRequest({ endpoint: "http://127.0.0.1:18443", ...ARNS, ...extra });

test("builds the helper's request: POST /sessions?<sorted ARNs>, JSON body, ordered headers", () => {
  const r = build({ durationSeconds: 3600, userAgent: "CredHelper/1.4.0" });
  assert.equal(r.method, "POST");
  assert.equal(r.path, "/sessions");
  assert.equal(r.url.href, `http://127.0.0.1:18443/sessions${QUERY}`);
  assert.deepEqual(
    r.query.map(([k]) => k),
    ["profileArn", "roleArn", "trustAnchorArn"],
  );
  assert.deepEqual(r.headers, [
    ["Host", "127.0.0.1:18443"],
    ["User-Agent", "CredHelper/1.4.0"],
    ["Content-Type", "application/json"],
    ["Accept-Encoding", "gzip"],
  ]);
  assert.equal(r.body.toString(), '{"durationSeconds":3600}');
});

const bodies: [string, object, string][] = [
  ["no optional member", {}, "{}"],
  ["durationSeconds only", { durationSeconds: 900 }, '{"durationSeconds":900}'],
  [
    "durationSeconds then roleSessionName",
    { roleSessionName: "my-session-01", durationSeconds: 3600 },
    '{"durationSeconds":3600,"roleSessionName":"my-session-01"}',
  ],
  [
    "instanceProperties between them, keys in UTF-8 byte order",
    {
      roleSessionName: "s1",
      instanceProperties: { b: "2", A: "1", é: "3", "\u{1F600}": "4", "\uFF5E": "5" },
      durationSeconds: 900,
    },
    '{"durationSeconds":900,"instanceProperties":{"A":"1","b":"2","é":"3","～":"5","😀":"4"},"roleSessionName":"s1"}',
  ],
  [
    "JSON escaping of values",
    { instanceProperties: { k: 'a"b\\c<d>&\u0001' } },
    '{"instanceProperties":{"k":"a\\"b\\\\c<d>&\\u0001"}}',
  ],
];
test("5 body cases", () => assert.equal(bodies.length, 5));
for (const [name, extra, expected] of bodies) {
  test(`body: ${name}`, () => assert.equal(build(extra).body.toString("utf8"), expected));
}

const hosts: [string, string, string][] = [
  ["https://rolesanywhere.us-east-1.amazonaws.com", "rolesanywhere.us-east-1.amazonaws.com", "/sessions"],
  ["https://ra.example.com:443", "ra.example.com", "/sessions"],
  ["http://ra.example.com:80/", "ra.example.com", "/sessions"],
  ["https://ra.example.com:8443", "ra.example.com:8443", "/sessions"],
  ["http://[::1]:18443", "[::1]:18443", "/sessions"],
  ["https://RA.Example.COM/prefix/", "ra.example.com", "/prefix/sessions"],
  ["https://ra.example.com/prefix", "ra.example.com", "/prefix/sessions"],
];
test("7 endpoint cases", () => assert.equal(hosts.length, 7));
for (const [endpoint, host, path] of hosts) {
  test(`endpoint ${endpoint}: Host ${host}, path ${path}`, () => {
    const r = buildCreateSessionRequest({ endpoint, ...ARNS });
    assert.equal(r.headers[0]?.[1], host);
    assert.equal(r.path, path);
    assert.equal(r.url.pathname, path);
    assert.equal(r.url.search, QUERY);
  });
}

test("an endpoint may be given as a URL, which is not modified", () => {
  const endpoint = new URL("https://ra.example.com");
  assert.equal(
    buildCreateSessionRequest({ endpoint, ...ARNS }).url.href,
    `https://ra.example.com/sessions${QUERY}`,
  );
  assert.equal(endpoint.href, "https://ra.example.com/");
});

const buildRejections: Rejection[] = [
  [
    "a relative endpoint",
    () => build({ endpoint: "ra.example.com" }),
    "InvalidParameter",
    /endpoint "ra\.example\.com" is not a URL/,
  ],
  [
    "an ftp endpoint",
    () => build({ endpoint: "ftp://ra.example.com" }),
    "InvalidParameter",
    /must use https:\/\/ or http:\/\/; got ftp:/,
  ],
  [
    "an endpoint with a query",
    () => build({ endpoint: "https://ra.example.com/?x=1" }),
    "InvalidParameter",
    /must not carry a query/,
  ],
  [
    "an endpoint with credentials",
    () => build({ endpoint: "https://u:p@ra.example.com" }),
    "InvalidParameter",
    /must not carry .* credentials/,
  ],
  [
    "a malformed trust anchor ARN",
    () => build({ trustAnchorArn: "not-an-arn" }),
    "InvalidParameter",
    /Value "not-an-arn" at 'trustAnchorArn' failed to satisfy constraint: Member must be an ARN like arn:aws:rolesanywhere/,
  ],
  [
    "a profile ARN in the role slot",
    () => build({ roleArn: ARNS.profileArn }),
    "InvalidParameter",
    /at 'roleArn' failed to satisfy constraint: Member must be an ARN like arn:aws:iam::<account>:role\/<name>/,
  ],
  [
    "durationSeconds 899",
    () => build({ durationSeconds: 899 }),
    "InvalidParameter",
    /Value 899 at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
  ],
  [
    "durationSeconds 43201",
    () => build({ durationSeconds: 43201 }),
    "InvalidParameter",
    /less than or equal to 43200/,
  ],
  [
    "a fractional duration",
    () => build({ durationSeconds: 900.5 }),
    "InvalidParameter",
    /must be an integer number of seconds/,
  ],
  [
    "a one-character session name",
    () => build({ roleSessionName: "a" }),
    "InvalidParameter",
    /at 'roleSessionName' .* length between 2 and 64/,
  ],
  [
    "a session name with a space",
    () => build({ roleSessionName: "my session" }),
    "InvalidParameter",
    /at 'roleSessionName' .*pattern/,
  ],
  [
    "51 instance properties",
    () =>
      build({ instanceProperties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }),
    "InvalidParameter",
    /at 'instanceProperties' .* at most 50 entries/,
  ],
  [
    "an empty property value",
    () => build({ instanceProperties: { k: "" } }),
    "InvalidParameter",
    /at 'instanceProperties\.k' .* length between 1 and 200/,
  ],
  [
    "a 201-character property key",
    () => build({ instanceProperties: { ["k".repeat(201)]: "v" } }),
    "InvalidParameter",
    /Map keys must have length between 1 and 200/,
  ],
];
test("14 build rejections", () => assert.equal(buildRejections.length, 14));
for (const [name, run, code, message] of buildRejections) {
  test(`buildCreateSessionRequest rejects ${name}`, () => {
    expectX509Error(run, code, message);
  });
}

// ---- Server side -----------------------------------------------------------------------------------
const queryPairs = (r: ReturnType<typeof build>) => r.query;

test("round-trip: what buildCreateSessionRequest sends, parseCreateSessionParams reads back", () => {
  const input = {
    ...ARNS,
    durationSeconds: 7200,
    roleSessionName: "s-1",
    instanceProperties: { host: "h1", zone: "z" },
  };
  const r = build(input);
  assert.deepEqual(
    parseCreateSessionParams({ query: queryPairs(r), body: r.body, contentType: "application/json" }),
    input,
  );
});

const dialects: [string, Parameters<typeof parseCreateSessionParams>[0], object][] = [
  [
    "AWS's Go helper: ARNs in the query",
    {
      query: Object.entries(ARNS),
      body: Buffer.from('{"durationSeconds":3600}'),
      contentType: "application/json",
    },
    { ...ARNS, durationSeconds: 3600 },
  ],
  [
    "the Python client: ARNs in a spaced JSON body, x-amz-json-1.0",
    {
      query: [],
      body: Buffer.from(
        `{"durationSeconds": 3600, "profileArn": "${ARNS.profileArn}", "roleArn": "${ARNS.roleArn}", "trustAnchorArn": "${ARNS.trustAnchorArn}"}`,
      ),
      contentType: "application/x-amz-json-1.0",
    },
    { ...ARNS, durationSeconds: 3600 },
  ],
  [
    "a Java client: ARNs in the body, charset parameter",
    {
      query: {},
      body: Buffer.from(
        JSON.stringify({
          roleArn: ARNS.roleArn,
          profileArn: ARNS.profileArn,
          trustAnchorArn: ARNS.trustAnchorArn,
          durationSeconds: 900,
        }),
      ),
      contentType: "Application/JSON; charset=UTF-8",
    },
    { ...ARNS, durationSeconds: 900 },
  ],
  [
    "the same ARN in both places, a query record, sessionName and unknown members ignored",
    {
      query: { ...ARNS },
      body: Buffer.from(JSON.stringify({ roleArn: ARNS.roleArn, sessionName: 1, future: true })),
    },
    { ...ARNS },
  ],
  ["an empty body", { query: Object.entries(ARNS), body: Buffer.alloc(0) }, { ...ARNS }],
  [
    "null members count as absent",
    { query: Object.entries(ARNS), body: Buffer.from('{"durationSeconds":null,"roleSessionName":null}') },
    { ...ARNS },
  ],
];
test("6 dialects", () => assert.equal(dialects.length, 6));
for (const [name, input, expected] of dialects) {
  test(`parseCreateSessionParams reads ${name}`, () =>
    assert.deepEqual(parseCreateSessionParams(input), expected));
}

test("instanceProperties named __proto__ stays a plain own property", () => {
  const params = parseCreateSessionParams({
    query: Object.entries(ARNS),
    body: Buffer.from('{"instanceProperties":{"__proto__":"x","k":"v"}}'),
  });
  assert.deepEqual(Object.keys(params.instanceProperties ?? {}), ["__proto__", "k"]);
  assert.equal(Object.getPrototypeOf(params.instanceProperties), Object.prototype);
});

const q = Object.entries(ARNS);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const parseRejections: Rejection[] = [
  [
    "a missing roleArn",
    () => parseCreateSessionParams({ query: q.filter(([k]) => k !== "roleArn"), body: json({}) }),
    "MissingParameter",
    /Value null at 'roleArn' failed to satisfy constraint: Member must not be null/,
  ],
  [
    "a roleArn that differs between query and body",
    () =>
      parseCreateSessionParams({ query: q, body: json({ roleArn: "arn:aws:iam::123456789012:role/other" }) }),
    "ConflictingParameter",
    /'roleArn' is in both the query string and the body with different values/,
  ],
  [
    "a repeated query parameter",
    () => parseCreateSessionParams({ query: [...q, ["roleArn", ARNS.roleArn]], body: json({}) }),
    "InvalidParameter",
    /query parameter 'roleArn' appears 2 times/,
  ],
  [
    "a repeated query parameter in a record",
    () =>
      parseCreateSessionParams({
        query: { ...ARNS, profileArn: [ARNS.profileArn, ARNS.profileArn] },
        body: json({}),
      }),
    "InvalidParameter",
    /'profileArn' appears 2 times/,
  ],
  [
    "a numeric ARN in the body",
    () => parseCreateSessionParams({ query: [], body: json({ ...ARNS, profileArn: 5 }) }),
    "InvalidParameter",
    /Value 5 at 'profileArn' failed to satisfy constraint: Member must be a string/,
  ],
  [
    "a malformed ARN",
    () =>
      parseCreateSessionParams({
        query: q.map(([k, v]) => [k, k === "profileArn" ? "arn:aws:rolesanywhere:x" : v] as [string, string]),
        body: json({}),
      }),
    "InvalidParameter",
    /at 'profileArn' .* ARN like/,
  ],
  [
    "an 1012-character ARN",
    () =>
      parseCreateSessionParams({
        query: q.map(
          ([k, v]) => [k, k === "roleArn" ? `${v}${"x".repeat(1012 - v.length)}` : v] as [string, string],
        ),
        body: json({}),
      }),
    "InvalidParameter",
    /length between 1 and 1011/,
  ],
  [
    "durationSeconds as a string",
    () => parseCreateSessionParams({ query: q, body: json({ durationSeconds: "3600" }) }),
    "InvalidParameter",
    /Value "3600" at 'durationSeconds' .* integer/,
  ],
  [
    "durationSeconds 899",
    () => parseCreateSessionParams({ query: q, body: json({ durationSeconds: 899 }) }),
    "InvalidParameter",
    /greater than or equal to 900/,
  ],
  [
    "durationSeconds 43201",
    () => parseCreateSessionParams({ query: q, body: json({ durationSeconds: 43201 }) }),
    "InvalidParameter",
    /less than or equal to 43200/,
  ],
  [
    "a numeric roleSessionName",
    () => parseCreateSessionParams({ query: q, body: json({ roleSessionName: 12 }) }),
    "InvalidParameter",
    /at 'roleSessionName' .* string/,
  ],
  [
    "a 65-character roleSessionName",
    () => parseCreateSessionParams({ query: q, body: json({ roleSessionName: "a".repeat(65) }) }),
    "InvalidParameter",
    /length between 2 and 64/,
  ],
  [
    "instanceProperties as an array",
    () => parseCreateSessionParams({ query: q, body: json({ instanceProperties: ["a"] }) }),
    "InvalidParameter",
    /at 'instanceProperties' .* map of strings/,
  ],
  [
    "a numeric instance property",
    () => parseCreateSessionParams({ query: q, body: json({ instanceProperties: { k: 1 } }) }),
    "InvalidParameter",
    /Value 1 at 'instanceProperties\.k' .* string/,
  ],
  [
    "51 instance properties",
    () =>
      parseCreateSessionParams({
        query: q,
        body: json({
          instanceProperties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])),
        }),
      }),
    "InvalidParameter",
    /at most 50 entries/,
  ],
  [
    "a 201-character property value",
    () => parseCreateSessionParams({ query: q, body: json({ instanceProperties: { k: "v".repeat(201) } }) }),
    "InvalidParameter",
    /length between 1 and 200/,
  ],
  [
    "a body that is not JSON",
    () => parseCreateSessionParams({ query: q, body: Buffer.from("durationSeconds=3600") }),
    "MalformedBody",
    /not valid JSON/,
  ],
  [
    "a JSON array body",
    () => parseCreateSessionParams({ query: q, body: json([1]) }),
    "MalformedBody",
    /must be a JSON object/,
  ],
  [
    "a body that is not UTF-8",
    () => parseCreateSessionParams({ query: q, body: Buffer.from([0x7b, 0xff, 0x7d]) }),
    "MalformedBody",
    /not valid UTF-8/,
  ],
  [
    "a text/plain body",
    () => parseCreateSessionParams({ query: q, body: json({}), contentType: "text/plain" }),
    "UnsupportedMediaType",
    /Content-Type "text\/plain" is not supported; send the body as application\/json or application\/x-amz-json-1\.0/,
  ],
  [
    "a body over 64 KiB",
    () => parseCreateSessionParams({ query: q, body: Buffer.alloc(65537, 0x20) }),
    "InputTooLarge",
    /65537 bytes; the limit is 65536/,
  ],
];
test("21 parse rejections", () => assert.equal(parseRejections.length, 21));
for (const [name, run, code, message] of parseRejections) {
  test(`parseCreateSessionParams rejects ${name}`, () => {
    expectX509Error(run, code, message);
  });
}
