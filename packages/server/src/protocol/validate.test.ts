import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { IAM_MODEL } from "../generated/iam.js";
import { ROLESANYWHERE_MODEL } from "../generated/rolesanywhere.js";
import { STS_MODEL } from "../generated/sts.js";
import { ModelSerializationError, ModelValidationError } from "./errors.js";
import type { ServiceModel } from "./model.js";
import { MAX_REPORTED_VIOLATIONS, findViolations, validateInput } from "./validate.js";

const ANCHOR_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const anchor = (over: Record<string, unknown> = {}) => ({
  name: "anchor",
  source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: ANCHOR_PEM } },
  ...over,
});
const profile = (over: Record<string, unknown> = {}) => ({
  name: "profile",
  roleArns: ["arn:aws:iam::123456789012:role/app"],
  ...over,
});
const assumeRole = (over: Record<string, unknown> = {}) => ({
  RoleArn: "arn:aws:iam::123456789012:role/app",
  RoleSessionName: "session",
  ...over,
});
const ROLE_ARN_PATTERN = "arn:aws(-[^:]+)?:iam(:.*){2}(:role.*)";
const UUID_PATTERN = ".*[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}.*";

interface Case {
  readonly name: string;
  readonly model: ServiceModel;
  readonly shape: string;
  readonly input: Record<string, unknown>;
  /** AWS's exact message; null when the input is valid. */
  readonly message: string | null;
}

// Each rule with AWS's wording (see messages.ts for the real responses they are taken from).
const CASES: readonly Case[] = [
  {
    name: "a missing required member",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: { roleArns: [] },
    message:
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
  },
  {
    name: "a pattern, quoted as the model spells it",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateTrustAnchorRequest",
    input: anchor({ name: "bad:name" }),
    message:
      "1 validation error detected: Value 'bad:name' at 'name' failed to satisfy constraint: " +
      "Member must satisfy regular expression pattern: [ a-zA-Z0-9-_]*",
  },
  {
    name: "a maximum length",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateTrustAnchorRequest",
    input: anchor({ name: "n".repeat(256) }),
    message: `1 validation error detected: Value '${"n".repeat(256)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 255`,
  },
  {
    name: "a minimum length",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateTrustAnchorRequest",
    input: anchor({ name: "" }),
    message:
      "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
  },
  {
    name: "a maximum value",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: profile({ durationSeconds: 43201 }),
    message:
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: " +
      "Member must have value less than or equal to 43200",
  },
  {
    name: "a minimum value",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: profile({ durationSeconds: 899 }),
    message:
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: " +
      "Member must have value greater than or equal to 900",
  },
  {
    name: "an enum, listing the values in model order",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateTrustAnchorRequest",
    input: anchor({ source: { sourceType: "BOGUS", sourceData: { acmPcaArn: "arn" } } }),
    message:
      "1 validation error detected: Value 'BOGUS' at 'source.sourceType' failed to satisfy constraint: " +
      "Member must satisfy enum value set: [AWS_ACM_PCA, CERTIFICATE_BUNDLE, SELF_SIGNED_REPOSITORY]",
  },
  {
    name: "a nested member path",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateTrustAnchorRequest",
    input: anchor({ source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: "" } } }),
    message:
      "1 validation error detected: Value '' at 'source.sourceData.x509CertificateData' failed to satisfy constraint: " +
      "Member must have length greater than or equal to 1",
  },
  {
    name: "a list member is <list>.<1-based index>.member",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: profile({ roleArns: ["arn:aws:iam::123456789012:role/ok", "nope"] }),
    message:
      "1 validation error detected: Value 'nope' at 'roleArns.2.member' failed to satisfy constraint: " +
      `Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN}`,
  },
  {
    name: "a list's own length prints the list as Java does",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: profile({ managedPolicyArns: Array.from({ length: 51 }, (_, i) => `p${i}`) }),
    message:
      `1 validation error detected: Value '[${Array.from({ length: 51 }, (_, i) => `p${i}`).join(", ")}]' ` +
      "at 'managedPolicyArns' failed to satisfy constraint: Member must have length less than or equal to 50",
  },
  {
    name: "a sensitive member's value is never echoed",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: profile({ tags: [{ key: "secret#key", value: "v" }] }),
    message:
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: " +
      "Member must satisfy regular expression pattern: [ a-zA-Z0-9_.:/=+@-]*",
  },
  {
    name: "a structure inside a list misses a required member",
    model: ROLESANYWHERE_MODEL,
    shape: "PutAttributeMappingRequest",
    input: {
      profileId: "0b7d0c6e-1111-2222-3333-444455556666",
      certificateField: "x509SAN",
      mappingRules: [{}],
    },
    message:
      "1 validation error detected: Value null at 'mappingRules.1.member.specifier' failed to satisfy constraint: " +
      "Member must not be null",
  },
  {
    name: "several errors, in model member order, pattern before length",
    model: ROLESANYWHERE_MODEL,
    shape: "ScalarTrustAnchorRequest",
    input: { trustAnchorId: "abc" },
    message:
      "2 validation errors detected: Value 'abc' at 'trustAnchorId' failed to satisfy constraint: " +
      `Member must satisfy regular expression pattern: ${UUID_PATTERN}; ` +
      "Value 'abc' at 'trustAnchorId' failed to satisfy constraint: Member must have length greater than or equal to 36",
  },
  {
    name: "errors in different members",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: { roleArns: ["x"], durationSeconds: 1 },
    message:
      "3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
      `Value 'x' at 'roleArns.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN}; ` +
      "Value '1' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
  },
  {
    name: "a blob prints as a Java byte buffer",
    model: ROLESANYWHERE_MODEL,
    shape: "ImportCrlRequest",
    input: {
      name: "crl",
      crlData: Buffer.alloc(0),
      trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:1:trust-anchor/x",
    },
    message:
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'crlData' failed to satisfy constraint: " +
      "Member must have length greater than or equal to 1",
  },
  {
    name: "a Java `.` does not match U+0085",
    model: ROLESANYWHERE_MODEL,
    shape: "ScalarTrustAnchorRequest",
    input: { trustAnchorId: "\u00850b7d0c6-1111-2222-3333-444455556666" },
    message:
      "1 validation error detected: Value '\u00850b7d0c6-1111-2222-3333-444455556666' at 'trustAnchorId' failed to satisfy constraint: " +
      `Member must satisfy regular expression pattern: ${UUID_PATTERN}`,
  },
  {
    name: "IAM paths lower-case the member's first letter",
    model: IAM_MODEL,
    shape: "CreateRoleRequest",
    input: { RoleName: "a b", AssumeRolePolicyDocument: "{}" },
    message:
      "1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: " +
      "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
  },
  {
    name: "IAM tag values: \\p{L} admits letters beyond ASCII, '&' fails",
    model: IAM_MODEL,
    shape: "CreateRoleRequest",
    input: {
      RoleName: "r",
      AssumeRolePolicyDocument: "{}",
      Tags: [
        { Key: "équipe", Value: "Sécurité" },
        { Key: "org", Value: "MOJ D&T" },
      ],
    },
    message:
      "1 validation error detected: Value 'MOJ D&T' at 'tags.2.member.value' failed to satisfy constraint: " +
      "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
  },
  {
    name: "STS: the whole value must match, so 'a:b' fails [\\w+=,.@-]*",
    model: STS_MODEL,
    shape: "AssumeRoleRequest",
    input: assumeRole({ RoleSessionName: "a:b" }),
    message:
      "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: " +
      "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
  },
  {
    name: "STS: an empty ARN fails its pattern, then its length",
    model: STS_MODEL,
    shape: "AssumeRoleRequest",
    input: assumeRole({ RoleArn: "", DurationSeconds: 100 }),
    message:
      "3 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
      "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+; " +
      "Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
      "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
  },
  {
    name: "STS: an escaped '/' in a Java class stays literal",
    model: STS_MODEL,
    shape: "AssumeRoleRequest",
    input: assumeRole({ ExternalId: "tenant/a:b" }),
    message: null,
  },
  {
    name: "STS: an escaped ':' (an error under JavaScript's u flag) is converted to a literal",
    model: STS_MODEL,
    shape: "FederatedUser",
    input: { FederatedUserId: "123456789012:bob", Arn: "arn:aws:sts::123456789012:federated-user/bob" },
    message: null,
  },
  {
    name: "STS: nested lists of structures (PolicyArns.member.N.arn)",
    model: STS_MODEL,
    shape: "AssumeRoleRequest",
    input: assumeRole({ PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { arn: "short" }] }),
    message:
      "1 validation error detected: Value 'short' at 'policyArns.2.member.arn' failed to satisfy constraint: " +
      "Member must have length greater than or equal to 20",
  },
  {
    name: "map keys are reported once for the map, with every key constraint",
    model: ROLESANYWHERE_MODEL,
    shape: "InstanceProperty",
    input: { properties: { "": "v", ok: "w" } },
    message:
      "1 validation error detected: Value '{=v, ok=w}' at 'properties' failed to satisfy constraint: Map keys must satisfy constraint: " +
      "[Member must have length less than or equal to 200, Member must have length greater than or equal to 1]",
  },
  {
    name: "map values likewise",
    model: ROLESANYWHERE_MODEL,
    shape: "InstanceProperty",
    input: { properties: { k: "v".repeat(201) } },
    message:
      `1 validation error detected: Value '{k=${"v".repeat(201)}}' at 'properties' failed to satisfy constraint: Map value must satisfy constraint: ` +
      "[Member must have length less than or equal to 200, Member must have length greater than or equal to 1]",
  },
  {
    name: "a valid input",
    model: ROLESANYWHERE_MODEL,
    shape: "CreateProfileRequest",
    input: profile({ durationSeconds: 3600, tags: [{ key: "team", value: "" }], managedPolicyArns: [] }),
    message: null,
  },
];

describe("validateInput: AWS's message for each rule", () => {
  test("the table has every case", () => assert.equal(CASES.length, 26));
  for (const c of CASES) {
    test(c.name, () => {
      if (c.message === null) {
        assert.doesNotThrow(() => validateInput(c.model, c.shape, c.input));
        return;
      }
      assert.throws(
        () => validateInput(c.model, c.shape, c.input),
        (error: unknown) => {
          assert.ok(error instanceof ModelValidationError);
          assert.equal(error.message, c.message);
          assert.equal(error.kind, "validation");
          assert.equal(error.fieldPaths.length, error.violations.length);
          return true;
        },
      );
    });
  }
});

describe("validateInput: collection and types", () => {
  test(`at most ${MAX_REPORTED_VIOLATIONS} violations are reported, and counted`, () => {
    const roleArns = Array.from({ length: 12 }, (_, i) => `bad${i}`);
    assert.throws(
      () => validateInput(ROLESANYWHERE_MODEL, "CreateProfileRequest", profile({ roleArns })),
      (error: unknown) => {
        assert.ok(error instanceof ModelValidationError);
        assert.equal(error.violations.length, 10);
        assert.ok(
          error.message.startsWith("10 validation errors detected: Value 'bad0' at 'roleArns.1.member'"),
        );
        assert.deepEqual(
          error.fieldPaths,
          Array.from({ length: 10 }, (_, i) => `roleArns.${i + 1}.member`),
        );
        return true;
      },
    );
  });

  test("code points count as one character each", () => {
    // 255 emoji are 510 UTF-16 units but 255 characters: within ResourceName's limit by length,
    // then refused by its pattern only.
    const violations = findViolations(
      ROLESANYWHERE_MODEL,
      "CreateTrustAnchorRequest",
      anchor({ name: "😀".repeat(255) }),
    );
    assert.deepEqual(
      violations.map((v) => v.message.split(": ").at(-1)),
      ["[ a-zA-Z0-9-_]*"],
    );
  });

  test("supplementary characters fail STS arnType, as under Java's reading of \\u10000", () => {
    const violations = findViolations(
      STS_MODEL,
      "AssumeRoleRequest",
      assumeRole({ RoleArn: "arn:aws:iam::1:role/😀xxxxxxx" }),
    );
    assert.deepEqual(
      violations.map((v) => v.path),
      ["roleArn"],
    );
  });

  const WRONG_TYPES: readonly [string, Record<string, unknown>, string][] = [
    ["a number for a string", anchor({ name: 5 }), "Expected a string at 'name', found a number"],
    ["a string for a list", profile({ roleArns: "arn" }), "Expected a list at 'roleArns', found a string"],
    ["a list for a structure", anchor({ source: [] }), "Expected a structure at 'source', found a list"],
    [
      "a fraction for an integer",
      profile({ durationSeconds: 1.5 }),
      "Expected an integer at 'durationSeconds', found a number",
    ],
  ];
  test("the type table has every case", () => assert.equal(WRONG_TYPES.length, 4));
  for (const [name, input, message] of WRONG_TYPES) {
    test(`a wrong type is a ModelSerializationError: ${name}`, () => {
      const shape =
        "name" in input && "source" in input ? "CreateTrustAnchorRequest" : "CreateProfileRequest";
      assert.throws(
        () => validateInput(ROLESANYWHERE_MODEL, shape, input),
        (error: unknown) => {
          assert.ok(error instanceof ModelSerializationError);
          assert.equal(error.message, message);
          assert.equal(error.kind, "serialization");
          return true;
        },
      );
    });
  }
});
