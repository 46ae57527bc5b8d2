import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { ROLESANYWHERE_MODEL, type TrustAnchorDetail } from "../generated/rolesanywhere.js";
import {
  ModelOutputError,
  ModelSerializationError,
  ModelValidationError,
  UnknownOperationError,
} from "./errors.js";
import type { ProtocolRequest } from "./request.js";
import { decodeRestJsonInput, encodeRestJsonError, encodeRestJsonOutput } from "./rest-json.js";

const ID = "0b7d0c6e-1111-2222-3333-444455556666";
const ARN = `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}`;
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

function request(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): ProtocolRequest {
  const u = new URL(url, "http://localhost");
  const bytes =
    body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return { method, path: u.pathname, query: u.searchParams, headers, body: bytes };
}

describe("decodeRestJsonInput", () => {
  test("body members, with the union decoded", () => {
    const input = decodeRestJsonInput(
      ROLESANYWHERE_MODEL,
      "CreateTrustAnchor",
      request("POST", "/trustanchors", {
        name: "my anchor",
        source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } },
        enabled: true,
        tags: [{ key: "team", value: "pki" }],
        notificationSettings: [{ enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 30 }],
        unknownMember: "ignored",
      }),
    );
    assert.deepEqual(input, {
      name: "my anchor",
      source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } },
      enabled: true,
      tags: [{ key: "team", value: "pki" }],
      notificationSettings: [{ enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 30 }],
    });
  });

  test("uri labels are percent-decoded, then validated", () => {
    assert.deepEqual(
      decodeRestJsonInput(ROLESANYWHERE_MODEL, "GetProfile", request("GET", `/profile/${ID}`)),
      {
        profileId: ID,
      },
    );
    assert.throws(
      () =>
        decodeRestJsonInput(
          ROLESANYWHERE_MODEL,
          "GetProfile",
          request("GET", `/profile/${ID.slice(0, 35)}%41`),
        ),
      (e: unknown) =>
        e instanceof ModelValidationError && e.message.includes(`Value '${ID.slice(0, 35)}A' at 'profileId'`),
    );
    assert.throws(
      () => decodeRestJsonInput(ROLESANYWHERE_MODEL, "GetProfile", request("GET", "/profile/%E0%A4%A")),
      {
        name: "ModelSerializationError",
        message: "The URI segment for 'profileId' is not valid percent-encoding",
      },
    );
  });

  test("query members: repeated keys make a list, ARNs arrive decoded", () => {
    const url = `/profiles/${ID}/mappings?certificateField=x509SAN&specifiers=DNS&specifiers=${encodeURIComponent("Name/*")}`;
    assert.deepEqual(
      decodeRestJsonInput(ROLESANYWHERE_MODEL, "DeleteAttributeMapping", request("DELETE", url)),
      {
        profileId: ID,
        certificateField: "x509SAN",
        specifiers: ["DNS", "Name/*"],
      },
    );
    assert.deepEqual(
      decodeRestJsonInput(
        ROLESANYWHERE_MODEL,
        "ListTagsForResource",
        request("GET", `/ListTagsForResource?resourceArn=${encodeURIComponent(ARN)}`),
      ),
      { resourceArn: ARN },
    );
  });

  const PAGE_SIZES: readonly [string, number | string][] = [
    ["10", 10],
    ["-1", -1],
    ["abc", "Value 'abc' at 'pageSize' is not an integer"],
    ["1.5", "Value '1.5' at 'pageSize' is not an integer"],
    ["0x10", "Value '0x10' at 'pageSize' is not an integer"],
    ["%2B5", "Value '+5' at 'pageSize' is not an integer"],
    ["", "Value '' at 'pageSize' is not an integer"],
    ["2147483648", "Value '2147483648' at 'pageSize' does not fit a 32-bit integer"],
  ];
  test("query integers are parsed strictly", () => {
    assert.equal(PAGE_SIZES.length, 8);
    for (const [text, expected] of PAGE_SIZES) {
      const decode = () =>
        decodeRestJsonInput(
          ROLESANYWHERE_MODEL,
          "ListTrustAnchors",
          request("GET", `/trustanchors?pageSize=${text}`),
        );
      if (typeof expected === "number") assert.deepEqual(decode(), { pageSize: expected });
      else assert.throws(decode, { name: "ModelSerializationError", message: expected }, text);
    }
  });

  test("blobs are base64 in JSON and become Buffers", () => {
    const crl = Buffer.from("-----BEGIN X509 CRL-----\n...\n-----END X509 CRL-----\n");
    const input = decodeRestJsonInput(
      ROLESANYWHERE_MODEL,
      "ImportCrl",
      request("POST", "/crls", { name: "crl", crlData: crl.toString("base64"), trustAnchorArn: ARN }),
    );
    assert.ok(Buffer.isBuffer(input.crlData));
    assert.deepEqual(input.crlData, crl);
  });

  const MALFORMED: readonly [name: string, body: unknown, message: string][] = [
    ["truncated JSON", '{"name": "a"', "The request body is not valid JSON: "],
    ["a JSON array", "[1]", "The request body must be a JSON object, found a list"],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0x7d]), "The request body is not valid UTF-8"],
    [
      "a string where an integer goes",
      { name: "p", roleArns: [], durationSeconds: "3600" },
      "Expected an integer at 'durationSeconds', found a string",
    ],
    [
      "a fraction where an integer goes",
      { name: "p", roleArns: [], durationSeconds: 900.5 },
      "Value '900.5' at 'durationSeconds' is not an integer",
    ],
    [
      "an overflowing integer",
      { name: "p", roleArns: [], durationSeconds: 9223372000000000000 },
      "Value '9223372000000000000' at 'durationSeconds' does not fit a 32-bit integer",
    ],
    [
      "an object where a list goes",
      { name: "p", roleArns: {} },
      "Expected a list at 'roleArns', found an object",
    ],
    [
      "a null list item",
      { name: "p", roleArns: [null] },
      "Expected a value at 'roleArns.1.member', found null",
    ],
    [
      "a string where a boolean goes",
      { name: "p", roleArns: [], enabled: "true" },
      "Expected a boolean at 'enabled', found a string",
    ],
  ];
  test("input the model's types cannot hold is a ModelSerializationError (SerializationException)", () => {
    assert.equal(MALFORMED.length, 9);
    for (const [name, body, message] of MALFORMED) {
      assert.throws(
        () => decodeRestJsonInput(ROLESANYWHERE_MODEL, "CreateProfile", request("POST", "/profiles", body)),
        (e: unknown) => e instanceof ModelSerializationError && e.message.startsWith(message),
        name,
      );
    }
  });

  const UNIONS: readonly [name: string, sourceData: unknown, message: string][] = [
    [
      "two members",
      { x509CertificateData: PEM, acmPcaArn: "arn" },
      "Union at 'source.sourceData' must set exactly one member; [x509CertificateData, acmPcaArn] are set",
    ],
    [
      "no member",
      {},
      "Union at 'source.sourceData' must set exactly one of [x509CertificateData, acmPcaArn]; none is set",
    ],
    [
      "only nulls",
      { acmPcaArn: null },
      "Union at 'source.sourceData' must set exactly one of [x509CertificateData, acmPcaArn]; none is set",
    ],
    [
      "an unknown member",
      { pem: PEM },
      "Union at 'source.sourceData' has no member 'pem'; its members are [x509CertificateData, acmPcaArn]",
    ],
    ["a list", ["x509CertificateData"], "Expected a structure at 'source.sourceData', found a list"],
  ];
  test("a union must set exactly one known member", () => {
    assert.equal(UNIONS.length, 5);
    for (const [name, sourceData, message] of UNIONS) {
      const body = { name: "a", source: { sourceType: "CERTIFICATE_BUNDLE", sourceData } };
      assert.throws(
        () =>
          decodeRestJsonInput(
            ROLESANYWHERE_MODEL,
            "CreateTrustAnchor",
            request("POST", "/trustanchors", body),
          ),
        { name: "ModelSerializationError", message },
        name,
      );
    }
  });

  test("malformed base64 is a ModelSerializationError", () => {
    assert.throws(
      () =>
        decodeRestJsonInput(
          ROLESANYWHERE_MODEL,
          "ImportCrl",
          request("POST", "/crls", { name: "c", crlData: "YmxvYg=", trustAnchorArn: ARN }),
        ),
      {
        name: "ModelSerializationError",
        message: "Value at 'crlData' is not valid base64: its length 7 is not a multiple of 4",
      },
    );
  });

  test("an empty body is an empty object: required members are reported", () => {
    assert.throws(
      () => decodeRestJsonInput(ROLESANYWHERE_MODEL, "CreateProfile", request("POST", "/profiles")),
      {
        name: "ModelValidationError",
        message:
          "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'roleArns' failed to satisfy constraint: Member must not be null",
      },
    );
  });

  test("the path must match the operation's template", () => {
    assert.throws(
      () => decodeRestJsonInput(ROLESANYWHERE_MODEL, "GetProfile", request("GET", `/crl/${ID}`)),
      (e: unknown) => e instanceof UnknownOperationError,
    );
  });

  test("an operation without body members ignores the body", () => {
    assert.deepEqual(
      decodeRestJsonInput(ROLESANYWHERE_MODEL, "EnableCrl", request("POST", `/crl/${ID}/enable`, "not json")),
      {
        crlId: ID,
      },
    );
  });
});

const CREATED = new Date("2024-01-02T03:04:05.678Z");
const UPDATED = new Date("2024-01-02T03:04:06Z");
const DETAIL: TrustAnchorDetail = {
  trustAnchorId: ID,
  trustAnchorArn: ARN,
  name: "anchor",
  source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } },
  enabled: true,
  createdAt: CREATED,
  updatedAt: UPDATED,
  notificationSettings: [
    {
      enabled: true,
      event: "CA_CERTIFICATE_EXPIRY",
      threshold: 45,
      channel: "ALL",
      configuredBy: "rolesanywhere.amazonaws.com",
    },
  ],
};

describe("encodeRestJsonOutput", () => {
  test("status from the model (201 for creates), timestamps ISO-8601 at their precision", () => {
    const out = encodeRestJsonOutput(ROLESANYWHERE_MODEL, "CreateTrustAnchor", { trustAnchor: DETAIL });
    assert.equal(out.status, 201);
    assert.equal(out.headers["content-type"], "application/json");
    const body = JSON.parse(out.body);
    assert.equal(body.trustAnchor.createdAt, "2024-01-02T03:04:05.678Z");
    assert.equal(body.trustAnchor.updatedAt, "2024-01-02T03:04:06Z");
    assert.deepEqual(body.trustAnchor.source, DETAIL.source);
  });

  test("only model members are written; null and undefined members are dropped", () => {
    const output = {
      trustAnchor: { ...DETAIL, enabled: undefined, name: null, internalSecret: "x" },
      nextToken: "not a member",
    } as unknown as { trustAnchor: TrustAnchorDetail };
    const body = JSON.parse(encodeRestJsonOutput(ROLESANYWHERE_MODEL, "GetTrustAnchor", output).body);
    assert.deepEqual(Object.keys(body), ["trustAnchor"]);
    assert.deepEqual(Object.keys(body.trustAnchor), [
      "trustAnchorId",
      "trustAnchorArn",
      "source",
      "createdAt",
      "updatedAt",
      "notificationSettings",
    ]);
  });

  test("blobs are written in base64; other statuses come from the model", () => {
    const crlData = Buffer.from([0, 1, 2, 250]);
    const out = encodeRestJsonOutput(ROLESANYWHERE_MODEL, "GetCrl", { crl: { crlId: ID, crlData } });
    assert.equal(out.status, 200);
    assert.deepEqual(JSON.parse(out.body), { crl: { crlId: ID, crlData: "AAEC+g==" } });
    assert.equal(encodeRestJsonOutput(ROLESANYWHERE_MODEL, "TagResource", {}).status, 201);
    assert.equal(encodeRestJsonOutput(ROLESANYWHERE_MODEL, "UntagResource", {}).body, "{}");
  });

  test("a value of the wrong type is a ModelOutputError naming the path, never the value", () => {
    const bad = { trustAnchor: { ...DETAIL, createdAt: "yesterday" } } as unknown as {
      trustAnchor: TrustAnchorDetail;
    };
    assert.throws(() => encodeRestJsonOutput(ROLESANYWHERE_MODEL, "GetTrustAnchor", bad), {
      name: "ModelOutputError",
      message: "output trustAnchor.createdAt: expected a Date, got a string",
    });
    const badList = {
      trustAnchor: { ...DETAIL, notificationSettings: [{ enabled: "yes", event: "X" }] },
    } as unknown as {
      trustAnchor: TrustAnchorDetail;
    };
    assert.throws(
      () => encodeRestJsonOutput(ROLESANYWHERE_MODEL, "GetTrustAnchor", badList),
      (e: unknown) =>
        e instanceof ModelOutputError && e.path === "trustAnchor.notificationSettings.1.member.enabled",
    );
  });

  test("decode(encode(x)) round-trips for the shapes clients send back", () => {
    // An UpdateProfile request built from a profile the server returned.
    const profile = {
      name: "profile",
      roleArns: ["arn:aws:iam::123456789012:role/a"],
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      sessionPolicy: '{"Version":"2012-10-17"}',
      durationSeconds: 7200,
      acceptRoleSessionName: true,
    };
    const encoded = encodeRestJsonOutput(ROLESANYWHERE_MODEL, "GetProfile", {
      profile: { ...profile, profileId: ID },
    });
    const sent = JSON.parse(encoded.body).profile;
    delete sent.profileId;
    const decoded = decodeRestJsonInput(
      ROLESANYWHERE_MODEL,
      "UpdateProfile",
      request("PATCH", `/profile/${ID}`, sent),
    );
    assert.deepEqual(decoded, { profileId: ID, ...profile });
  });
});

test("encodeRestJsonError: x-amzn-ErrorType and a {message} body", () => {
  assert.deepEqual(encodeRestJsonError("ResourceNotFoundException", "Trust anchor not found"), {
    headers: { "x-amzn-ErrorType": "ResourceNotFoundException", "content-type": "application/json" },
    body: '{"message":"Trust anchor not found"}',
  });
});
