import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { IAM_MODEL } from "../generated/iam.js";
import { STS_MODEL } from "../generated/sts.js";
import {
  ModelOutputError,
  ModelSerializationError,
  ModelValidationError,
  QueryRequestError,
} from "./errors.js";
import type { ServiceModel } from "./model.js";
import { decodeQueryParams, decodeQueryRequest, encodeQueryError, encodeQueryOutput } from "./query.js";

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
const form = (params: Record<string, string>) => new URLSearchParams(params);

describe("decodeQueryParams: members per the model", () => {
  const CASES: readonly [
    name: string,
    model: ServiceModel,
    params: Record<string, string>,
    operation: string,
    input: unknown,
  ][] = [
    [
      "IAM CreateRole with Tags",
      IAM_MODEL,
      {
        Action: "CreateRole",
        Version: "2010-05-08",
        RoleName: "app",
        Path: "/team/",
        AssumeRolePolicyDocument: TRUST,
        MaxSessionDuration: "7200",
        "Tags.member.1.Key": "team",
        "Tags.member.1.Value": "pki",
        "Tags.member.2.Key": "env",
        "Tags.member.2.Value": "",
      },
      "CreateRole",
      {
        Path: "/team/",
        RoleName: "app",
        AssumeRolePolicyDocument: TRUST,
        MaxSessionDuration: 7200,
        Tags: [
          { Key: "team", Value: "pki" },
          { Key: "env", Value: "" },
        ],
      },
    ],
    [
      "STS AssumeRole with PolicyArns, Tags and TransitiveTagKeys",
      STS_MODEL,
      {
        Action: "AssumeRole",
        Version: "2011-06-15",
        RoleArn: "arn:aws:iam::123456789012:role/app",
        RoleSessionName: "build-42",
        "PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "PolicyArns.member.2.arn": "arn:aws:iam::123456789012:policy/extra",
        Policy: '{"Version":"2012-10-17","Statement":[]}',
        DurationSeconds: "900",
        "Tags.member.1.Key": "project",
        "Tags.member.1.Value": "anchorage",
        "TransitiveTagKeys.member.1": "project",
        SourceIdentity: "CN=host1",
      },
      "AssumeRole",
      {
        RoleArn: "arn:aws:iam::123456789012:role/app",
        RoleSessionName: "build-42",
        PolicyArns: [
          { arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
          { arn: "arn:aws:iam::123456789012:policy/extra" },
        ],
        Policy: '{"Version":"2012-10-17","Statement":[]}',
        DurationSeconds: 900,
        Tags: [{ Key: "project", Value: "anchorage" }],
        TransitiveTagKeys: ["project"],
        SourceIdentity: "CN=host1",
      },
    ],
    [
      "IAM SimulateCustomPolicy with ContextEntries (lists inside a list)",
      IAM_MODEL,
      {
        Action: "SimulateCustomPolicy",
        Version: "2010-05-08",
        "PolicyInputList.member.1":
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
        "ActionNames.member.1": "s3:GetObject",
        "ActionNames.member.2": "s3:PutObject",
        "ContextEntries.member.1.ContextKeyName": "aws:SourceIp",
        "ContextEntries.member.1.ContextKeyType": "ipList",
        "ContextEntries.member.1.ContextKeyValues.member.1": "10.0.0.1",
        "ContextEntries.member.1.ContextKeyValues.member.2": "10.0.0.2",
        "ContextEntries.member.2.ContextKeyName": "aws:MultiFactorAuthPresent",
        "ContextEntries.member.2.ContextKeyType": "boolean",
        "ContextEntries.member.2.ContextKeyValues.member.1": "true",
        MaxItems: "10",
      },
      "SimulateCustomPolicy",
      {
        PolicyInputList: [
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
        ],
        ActionNames: ["s3:GetObject", "s3:PutObject"],
        ContextEntries: [
          {
            ContextKeyName: "aws:SourceIp",
            ContextKeyValues: ["10.0.0.1", "10.0.0.2"],
            ContextKeyType: "ipList",
          },
          {
            ContextKeyName: "aws:MultiFactorAuthPresent",
            ContextKeyValues: ["true"],
            ContextKeyType: "boolean",
          },
        ],
        MaxItems: 10,
      },
    ],
    [
      "IAM PutRolePolicy",
      IAM_MODEL,
      {
        Action: "PutRolePolicy",
        Version: "2010-05-08",
        RoleName: "app",
        PolicyName: "inline",
        PolicyDocument: TRUST,
      },
      "PutRolePolicy",
      { RoleName: "app", PolicyName: "inline", PolicyDocument: TRUST },
    ],
    [
      "IAM UntagRole with an empty list (sent as `TagKeys=`)",
      IAM_MODEL,
      { Action: "UntagRole", Version: "2010-05-08", RoleName: "app", TagKeys: "" },
      "UntagRole",
      { RoleName: "app", TagKeys: [] },
    ],
    [
      "list items are taken in index order, gaps closed",
      IAM_MODEL,
      {
        Action: "UntagRole",
        Version: "2010-05-08",
        RoleName: "app",
        "TagKeys.member.10": "b",
        "TagKeys.member.2": "a",
      },
      "UntagRole",
      { RoleName: "app", TagKeys: ["a", "b"] },
    ],
    [
      "IAM CreatePolicyVersion with a boolean",
      IAM_MODEL,
      {
        Action: "CreatePolicyVersion",
        Version: "2010-05-08",
        PolicyArn: "arn:aws:iam::123456789012:policy/p",
        PolicyDocument: TRUST,
        SetAsDefault: "true",
      },
      "CreatePolicyVersion",
      { PolicyArn: "arn:aws:iam::123456789012:policy/p", PolicyDocument: TRUST, SetAsDefault: true },
    ],
    [
      "STS GetCallerIdentity, no members",
      STS_MODEL,
      { Action: "GetCallerIdentity", Version: "2011-06-15" },
      "GetCallerIdentity",
      {},
    ],
    [
      "unknown parameters (presigned-URL auth, typos) are ignored",
      STS_MODEL,
      {
        Action: "GetCallerIdentity",
        Version: "2011-06-15",
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        Bogus: "1",
      },
      "GetCallerIdentity",
      {},
    ],
  ];
  test("the table has every case", () => assert.equal(CASES.length, 9));
  for (const [name, model, params, operation, input] of CASES) {
    test(name, () => {
      assert.deepEqual(decodeQueryParams(model, form(params)), { operation, input });
    });
  }
});

describe("decodeQueryParams: envelope and input errors", () => {
  const ENVELOPE: readonly [Record<string, string>, string, string][] = [
    [{ Version: "2011-06-15" }, "MissingAction", "The request must contain the parameter Action"],
    [{ Action: "", Version: "2011-06-15" }, "MissingAction", "The request must contain the parameter Action"],
    [{ Action: "GetCallerIdentity" }, "MissingParameter", "The request must contain the parameter Version"],
    [
      { Action: "GetCallerIdentity", Version: "2010-05-08" },
      "InvalidAction",
      "Could not find operation GetCallerIdentity for version 2010-05-08",
    ],
    [
      { Action: "Frobnicate", Version: "2011-06-15" },
      "InvalidAction",
      "Could not find operation Frobnicate for version 2011-06-15",
    ],
    [
      { Action: "getcalleridentity", Version: "2011-06-15" },
      "InvalidAction",
      "Could not find operation getcalleridentity for version 2011-06-15",
    ],
  ];
  test("the envelope table has every case", () => assert.equal(ENVELOPE.length, 6));
  for (const [params, code, message] of ENVELOPE) {
    test(`${code}: ${message}`, () => {
      assert.throws(
        () => decodeQueryParams(STS_MODEL, form(params)),
        (e: unknown) => e instanceof QueryRequestError && e.code === code && e.message === message,
      );
    });
  }

  const SERIALIZATION: readonly [Record<string, string> | string, string][] = [
    [
      { Action: "ListRoles", Version: "2010-05-08", MaxItems: "ten" },
      "Value 'ten' at 'maxItems' is not an integer",
    ],
    [
      { Action: "ListRoles", Version: "2010-05-08", MaxItems: "1e3" },
      "Value '1e3' at 'maxItems' is not an integer",
    ],
    [
      {
        Action: "CreatePolicyVersion",
        Version: "2010-05-08",
        PolicyArn: "arn:aws:iam::1:policy/p",
        PolicyDocument: "{}",
        SetAsDefault: "yes",
      },
      "Value 'yes' at 'setAsDefault' is not a boolean; send true or false",
    ],
    [
      "Action=ListRoles&Version=2010-05-08&MaxItems=1&MaxItems=2",
      "Parameter MaxItems is given more than once",
    ],
  ];
  test("the serialization table has every case", () => assert.equal(SERIALIZATION.length, 4));
  for (const [params, message] of SERIALIZATION) {
    test(message, () => {
      assert.throws(() => decodeQueryParams(IAM_MODEL, new URLSearchParams(params)), {
        name: "ModelSerializationError",
        message,
      });
    });
  }

  test("constraints fail with AWS's message and Query paths", () => {
    const params = form({
      Action: "CreateRole",
      Version: "2010-05-08",
      RoleName: "app",
      AssumeRolePolicyDocument: TRUST,
      "Tags.member.1.Key": "ok",
      "Tags.member.1.Value": "a&b",
      "Tags.member.2.Key": "missing-value",
    });
    assert.throws(
      () => decodeQueryParams(IAM_MODEL, params),
      (e: unknown) => {
        assert.ok(e instanceof ModelValidationError);
        assert.equal(
          e.message,
          "2 validation errors detected: Value 'a&b' at 'tags.1.member.value' failed to satisfy constraint: " +
            "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*; " +
            "Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null",
        );
        assert.deepEqual(e.fieldPaths, ["tags.1.member.value", "tags.2.member.value"]);
        return true;
      },
    );
  });
});

describe("decodeQueryRequest: where the parameters come from", () => {
  const empty = new URLSearchParams();
  test("a form-encoded POST body", () => {
    const body = Buffer.from("Action=GetCallerIdentity&Version=2011-06-15");
    assert.equal(
      decodeQueryRequest(STS_MODEL, { method: "POST", path: "/", query: empty, headers: {}, body }).operation,
      "GetCallerIdentity",
    );
  });
  test("a GET query string", () => {
    const query = new URLSearchParams("Action=GetRole&Version=2010-05-08&RoleName=app");
    const decoded = decodeQueryRequest(IAM_MODEL, {
      method: "GET",
      path: "/",
      query,
      headers: {},
      body: Buffer.alloc(0),
    });
    assert.deepEqual(decoded, { operation: "GetRole", input: { RoleName: "app" } });
  });
  test("both at once; a parameter in both is refused", () => {
    const query = new URLSearchParams("Version=2010-05-08");
    const body = Buffer.from("Action=GetRole&RoleName=app");
    assert.deepEqual(decodeQueryRequest(IAM_MODEL, { method: "POST", path: "/", query, headers: {}, body }), {
      operation: "GetRole",
      input: { RoleName: "app" },
    });
    assert.throws(
      () =>
        decodeQueryRequest(IAM_MODEL, {
          method: "POST",
          path: "/",
          query,
          headers: {},
          body: Buffer.from("Version=2010-05-08"),
        }),
      { name: "ModelSerializationError", message: "Parameter Version is given more than once" },
    );
  });
  test("a body of a million bytes with 300,000 parameters", () => {
    const body = Buffer.from(
      `Action=GetCallerIdentity&Version=2011-06-15${Array.from({ length: 300_000 }, (_, i) => `&p${i}=`).join("")}`,
    );
    assert.ok(body.length > 1_000_000);
    assert.equal(
      decodeQueryRequest(STS_MODEL, { method: "POST", path: "/", query: empty, headers: {}, body }).operation,
      "GetCallerIdentity",
    );
  });
  test("a body that is not UTF-8", () => {
    const body = Buffer.from([0x41, 0x3d, 0xc3, 0x28]);
    assert.throws(
      () => decodeQueryRequest(IAM_MODEL, { method: "POST", path: "/", query: empty, headers: {}, body }),
      (e: unknown) =>
        e instanceof ModelSerializationError && e.message === "The request parameters are not valid UTF-8",
    );
  });
});

// Query features the IAM and STS inputs do not use: maps, flattened lists, locationName.
type TestOps = {
  Put: {
    input: { Attrs?: Record<string, string>; Flat?: string[]; Renamed?: string };
    output: { Attrs?: Record<string, string>; Flat?: string[] };
  };
};
const TEST_MODEL: ServiceModel<TestOps> = {
  service: "test",
  botocoreVersion: "0",
  metadata: {
    protocol: "query",
    apiVersion: "2020-01-01",
    endpointPrefix: "t",
    signingName: "t",
    serviceId: "T",
    xmlNamespace: "urn:t",
  },
  operations: {
    Put: {
      http: { method: "POST", requestUri: "/" },
      input: "PutInput",
      output: "PutOutput",
      resultWrapper: "PutResult",
      errors: [],
    },
  },
  shapes: {
    PutInput: {
      type: "structure",
      members: {
        Attrs: { shape: "AttrMap" },
        Flat: { shape: "FlatList" },
        Renamed: { shape: "Str", locationName: "WireName" },
      },
    },
    PutOutput: { type: "structure", members: { Attrs: { shape: "AttrMap" }, Flat: { shape: "FlatList" } } },
    AttrMap: { type: "map", key: { shape: "Str" }, value: { shape: "Str", locationName: "Val" }, max: 2 },
    FlatList: { type: "list", member: { shape: "Str", locationName: "Item" }, flattened: true },
    Str: { type: "string" },
  },
};

test("maps (.entry.N.key/value), flattened lists (.N) and locationName", () => {
  const decoded = decodeQueryParams(
    TEST_MODEL,
    form({
      Action: "Put",
      Version: "2020-01-01",
      "Attrs.entry.1.key": "a",
      "Attrs.entry.1.Val": "1",
      "Attrs.entry.2.key": "__proto__",
      "Attrs.entry.2.Val": "2",
      "Flat.1": "x",
      "Flat.2": "y",
      WireName: "w",
    }),
  );
  assert.equal(decoded.operation, "Put");
  assert.deepEqual(Object.entries(decoded.input.Attrs ?? {}), [
    ["a", "1"],
    ["__proto__", "2"],
  ]);
  assert.deepEqual(decoded.input.Flat, ["x", "y"]);
  assert.equal(decoded.input.Renamed, "w");
  assert.throws(
    () =>
      decodeQueryParams(
        TEST_MODEL,
        form({
          Action: "Put",
          Version: "2020-01-01",
          "Attrs.entry.1.key": "a",
          "Attrs.entry.1.Val": "1",
          "Attrs.entry.2.key": "b",
          "Attrs.entry.2.Val": "2",
          "Attrs.entry.3.key": "c",
          "Attrs.entry.3.Val": "3",
        }),
      ),
    {
      name: "ModelValidationError",
      message:
        "1 validation error detected: Value '{a=1, b=2, c=3}' at 'attrs' failed to satisfy constraint: Member must have length less than or equal to 2",
    },
  );
  const xml = encodeQueryOutput(TEST_MODEL, "Put", { Attrs: { k: "v" }, Flat: ["x", "y"] }, "id").body;
  assert.equal(
    xml,
    '<PutResponse xmlns="urn:t"><PutResult><Attrs><entry><key>k</key><Val>v</Val></entry></Attrs><Item>x</Item><Item>y</Item></PutResult>' +
      "<ResponseMetadata><RequestId>id</RequestId></ResponseMetadata></PutResponse>",
  );
});

describe("encodeQueryOutput: AWS's XML", () => {
  const CREATED = new Date("2024-01-02T03:04:05Z");
  const ROLE = {
    Path: "/",
    RoleName: "app",
    RoleId: "AROAEXAMPLEID1234567",
    Arn: "arn:aws:iam::123456789012:role/app",
    CreateDate: CREATED,
    AssumeRolePolicyDocument: TRUST,
    MaxSessionDuration: 3600,
    Tags: [{ Key: "team", Value: "a<b>&c" }],
  };
  const roleXml = (doc: boolean, tags: boolean) =>
    "<Role><Path>/</Path><RoleName>app</RoleName><RoleId>AROAEXAMPLEID1234567</RoleId>" +
    "<Arn>arn:aws:iam::123456789012:role/app</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate>" +
    (doc ? `<AssumeRolePolicyDocument>${encodeURIComponent(TRUST)}</AssumeRolePolicyDocument>` : "") +
    "<MaxSessionDuration>3600</MaxSessionDuration>" +
    (tags ? "<Tags><member><Key>team</Key><Value>a&lt;b&gt;&amp;c</Value></member></Tags>" : "") +
    "</Role>";
  const envelope = (op: string, ns: string, result: string) =>
    `<${op}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${op}Response>`;

  test("CreateRole: the trust policy URL-encoded, text escaped", () => {
    const out = encodeQueryOutput(IAM_MODEL, "CreateRole", { Role: ROLE }, "req-1");
    assert.equal(out.status, 200);
    assert.equal(out.headers["content-type"], "text/xml");
    assert.equal(
      out.body,
      envelope("CreateRole", IAM_NS, `<CreateRoleResult>${roleXml(true, true)}</CreateRoleResult>`),
    );
  });

  test("GetRole", () => {
    assert.equal(
      encodeQueryOutput(IAM_MODEL, "GetRole", { Role: { ...ROLE, Tags: undefined } }, "req-1").body,
      envelope("GetRole", IAM_NS, `<GetRoleResult>${roleXml(true, false)}</GetRoleResult>`),
    );
  });

  test("ListRoles: <member> items, IsTruncated and Marker", () => {
    const { AssumeRolePolicyDocument: _doc, Tags: _tags, ...listed } = ROLE;
    assert.equal(
      encodeQueryOutput(
        IAM_MODEL,
        "ListRoles",
        { Roles: [listed, listed], IsTruncated: true, Marker: "m1" },
        "req-1",
      ).body,
      envelope(
        "ListRoles",
        IAM_NS,
        `<ListRolesResult><Roles><member>${roleXml(false, false).slice(6, -7)}</member><member>${roleXml(false, false).slice(6, -7)}</member></Roles>` +
          "<IsTruncated>true</IsTruncated><Marker>m1</Marker></ListRolesResult>",
      ),
    );
  });

  test("AssumeRole", () => {
    const output = {
      Credentials: {
        AccessKeyId: "ASIAEXAMPLE123456789",
        SecretAccessKey: "secret",
        SessionToken: "token",
        Expiration: new Date("2024-01-02T04:04:05Z"),
      },
      AssumedRoleUser: {
        AssumedRoleId: "AROAEXAMPLEID1234567:s",
        Arn: "arn:aws:sts::123456789012:assumed-role/app/s",
      },
      PackedPolicySize: 6,
      SourceIdentity: "CN=host1",
    };
    assert.equal(
      encodeQueryOutput(STS_MODEL, "AssumeRole", output, "req-1").body,
      envelope(
        "AssumeRole",
        STS_NS,
        "<AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE123456789</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
          "<SessionToken>token</SessionToken><Expiration>2024-01-02T04:04:05Z</Expiration></Credentials>" +
          "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLEID1234567:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/app/s</Arn></AssumedRoleUser>" +
          "<PackedPolicySize>6</PackedPolicySize><SourceIdentity>CN=host1</SourceIdentity></AssumeRoleResult>",
      ),
    );
  });

  test("GetCallerIdentity", () => {
    assert.equal(
      encodeQueryOutput(
        STS_MODEL,
        "GetCallerIdentity",
        { UserId: "123456789012", Account: "123456789012", Arn: "arn:aws:iam::123456789012:root" },
        "req-1",
      ).body,
      envelope(
        "GetCallerIdentity",
        STS_NS,
        "<GetCallerIdentityResult><UserId>123456789012</UserId><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:root</Arn></GetCallerIdentityResult>",
      ),
    );
  });

  test("an operation without output: only ResponseMetadata", () => {
    assert.equal(
      encodeQueryOutput(IAM_MODEL, "DeleteRole", {}, "req-1").body,
      envelope("DeleteRole", IAM_NS, ""),
    );
  });

  test("GetRolePolicy and GetPolicyVersion URL-encode the document; list items of that shape are left alone", () => {
    const doc = '{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/a b"}]}';
    const body = encodeQueryOutput(
      IAM_MODEL,
      "GetRolePolicy",
      { RoleName: "app", PolicyName: "p", PolicyDocument: doc },
      "req-1",
    ).body;
    assert.ok(body.includes(`<PolicyDocument>${encodeURIComponent(doc)}</PolicyDocument>`), body);
    assert.ok(body.includes("%20"), "a space is %20");
    const version = encodeQueryOutput(
      IAM_MODEL,
      "GetPolicyVersion",
      { PolicyVersion: { Document: doc, VersionId: "v1", IsDefaultVersion: true, CreateDate: CREATED } },
      "req-1",
    ).body;
    assert.ok(version.includes(`<Document>${encodeURIComponent(doc)}</Document>`), version);
  });

  test("maps are <entry><key/><value/></entry>", () => {
    const body = encodeQueryOutput(
      IAM_MODEL,
      "GetAccountSummary",
      { SummaryMap: { Roles: 3, Users: 1 } },
      "req-1",
    ).body;
    assert.ok(
      body.includes(
        "<SummaryMap><entry><key>Roles</key><value>3</value></entry><entry><key>Users</key><value>1</value></entry></SummaryMap>",
      ),
      body,
    );
  });

  test("a character XML cannot carry, or a wrong type, is a ModelOutputError", () => {
    assert.throws(
      () =>
        encodeQueryOutput(IAM_MODEL, "GetRole", { Role: { ...ROLE, Description: "bell\u0007" } }, "req-1"),
      (e: unknown) => e instanceof ModelOutputError && e.path === "role.description",
    );
    assert.throws(
      () =>
        encodeQueryOutput(
          IAM_MODEL,
          "GetRole",
          { Role: { ...ROLE, MaxSessionDuration: "3600" as unknown as number } },
          "req-1",
        ),
      {
        name: "ModelOutputError",
        message: "output role.maxSessionDuration: expected an integer, got a string",
      },
    );
  });
});

test("encodeQueryError: AWS's ErrorResponse, Sender by default", () => {
  assert.deepEqual(
    encodeQueryError(
      IAM_MODEL,
      { code: "NoSuchEntity", message: "The role with name app cannot be found." },
      "req-1",
    ),
    {
      headers: { "content-type": "text/xml" },
      body:
        `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
        "<Message>The role with name app cannot be found.</Message></Error><RequestId>req-1</RequestId></ErrorResponse>",
    },
  );
  const receiver = encodeQueryError(
    STS_MODEL,
    { code: "InternalFailure", message: "a <b> \u0001", fault: "Receiver" },
    "r",
  );
  assert.equal(
    receiver.body,
    `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Receiver</Type><Code>InternalFailure</Code>` +
      "<Message>a &lt;b&gt; \uFFFD</Message></Error><RequestId>r</RequestId></ErrorResponse>",
  );
});

// Quadratic work over 200,000 segments would run for minutes; linear takes milliseconds. The test's
// timeout is the guard: no wall-clock assertion.
test("a parameter name deeper than any model path is ignored, in linear time", { timeout: 30_000 }, () => {
  const deep = `${"a.".repeat(200_000)}b`;
  const decoded = decodeQueryParams(
    STS_MODEL,
    new URLSearchParams([
      ["Action", "GetCallerIdentity"],
      ["Version", "2011-06-15"],
      [deep, "x"],
    ]),
  );
  assert.deepEqual(decoded, { operation: "GetCallerIdentity", input: {} });
});
