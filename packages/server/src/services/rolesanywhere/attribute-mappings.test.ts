import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AnchorageError } from "../../http/errors.js";
import type { AttributeMappingRecord } from "../../store/store.js";
import {
  DEFAULT_ATTRIBUTE_MAPPINGS,
  defaultAttributeMappings,
  deleteAttributeMapping,
  normaliseSpecifier,
  putAttributeMapping,
} from "./attribute-mappings.js";
import { ACCOUNT, BACKENDS, startHarness } from "./harness.fixture.js";

const rules = (...specifiers: string[]) => specifiers.map((specifier) => ({ specifier }));
const field = (mappings: readonly AttributeMappingRecord[], name: string) =>
  mappings.find((m) => m.certificateField === name)?.mappingRules.map((r) => r.specifier);

describe("attribute mapping rules", () => {
  const normalised = [
    ["x509SAN", "Name", "Name/*"],
    ["x509SAN", "Name/", "Name/*"],
    ["x509SAN", "Name/*", "Name/*"],
    ["x509SAN", "Name/CN", "Name/CN"],
    ["x509SAN", "DNS", "DNS"],
    ["x509Subject", "Name", "Name"],
    ["x509Issuer", "Name/", "Name/"],
  ] as const;
  for (const [certificateField, given, stored] of normalised) {
    test(`${certificateField} ${JSON.stringify(given)} is stored as ${JSON.stringify(stored)}`, () =>
      assert.equal(normaliseSpecifier(certificateField, given), stored));
  }
  test("the table has every case", () => assert.equal(normalised.length, 7));

  test("Put replaces one field's rules, dedupes, and keeps the field order", () => {
    const next = putAttributeMapping(DEFAULT_ATTRIBUTE_MAPPINGS, "x509Subject", rules("CN", "OU", "CN"));
    assert.deepEqual(field(next, "x509Subject"), ["CN", "OU"]);
    assert.deepEqual(field(next, "x509SAN"), ["DNS", "URI", "Name/*"], "other fields untouched");
    assert.deepEqual(
      next.map((m) => m.certificateField),
      ["x509Issuer", "x509SAN", "x509Subject"],
    );
  });

  test("Put with no rules removes the field; Put adds a removed field back in order", () => {
    const without = putAttributeMapping(DEFAULT_ATTRIBUTE_MAPPINGS, "x509Issuer", []);
    assert.deepEqual(
      without.map((m) => m.certificateField),
      ["x509SAN", "x509Subject"],
    );
    const back = putAttributeMapping(without, "x509Issuer", rules("O"));
    assert.deepEqual(
      back.map((m) => m.certificateField),
      ["x509Issuer", "x509SAN", "x509Subject"],
    );
  });

  test("Delete removes listed specifiers (Name and Name/ mean Name/*), or the whole field", () => {
    assert.deepEqual(
      field(deleteAttributeMapping(DEFAULT_ATTRIBUTE_MAPPINGS, "x509SAN", ["Name", "DNS"]), "x509SAN"),
      ["URI"],
    );
    const noSan = deleteAttributeMapping(DEFAULT_ATTRIBUTE_MAPPINGS, "x509SAN", undefined);
    assert.equal(field(noSan, "x509SAN"), undefined);
    assert.equal(
      field(deleteAttributeMapping(noSan, "x509SAN", undefined), "x509SAN"),
      undefined,
      "idempotent",
    );
    const emptied = deleteAttributeMapping(DEFAULT_ATTRIBUTE_MAPPINGS, "x509Subject", ["*"]);
    assert.equal(field(emptied, "x509Subject"), undefined, "a field without rules is removed");
  });

  test("Delete of a specifier the field does not have names it", () => {
    assert.throws(
      () => deleteAttributeMapping(DEFAULT_ATTRIBUTE_MAPPINGS, "x509Subject", ["*", "CN"]),
      (e: unknown) =>
        e instanceof AnchorageError &&
        e.code === "Validation" &&
        /Value 'CN' at 'specifiers\.2\.member'.*no x509Subject mapping rule/.test(e.message),
    );
  });

  test("defaultAttributeMappings returns a copy", () => {
    const copy = defaultAttributeMappings();
    copy[0]?.mappingRules.push({ specifier: "CN" });
    assert.deepEqual(field(DEFAULT_ATTRIBUTE_MAPPINGS, "x509Issuer"), ["*"]);
  });
});

for (const { name: backend, skip } of BACKENDS) {
  describe(`PutAttributeMapping and DeleteAttributeMapping (${backend})`, { skip }, () => {
    test("over HTTP: put, delete some, delete a field, refuse an unknown specifier without writing", async (t) => {
      const h = await startHarness(t, { backend });
      const id =
        (await h.ok("CreateProfile", { name: "p", roleArns: [`arn:aws:iam::${ACCOUNT}:role/r`] })).profile
          ?.profileId ?? "";
      const put = await h.ok("PutAttributeMapping", {
        profileId: id,
        certificateField: "x509SAN",
        mappingRules: rules("DNS", "Name/"),
      });
      assert.deepEqual(field(put.profile?.attributeMappings as AttributeMappingRecord[], "x509SAN"), [
        "DNS",
        "Name/*",
      ]);
      const deleted = await h.ok("DeleteAttributeMapping", {
        profileId: id,
        certificateField: "x509SAN",
        specifiers: ["Name"],
      });
      assert.deepEqual(field(deleted.profile?.attributeMappings as AttributeMappingRecord[], "x509SAN"), [
        "DNS",
      ]);
      const refused = await h.fail("DeleteAttributeMapping", {
        profileId: id,
        certificateField: "x509Issuer",
        specifiers: ["*", "URI"],
      });
      assert.deepEqual([refused.status, refused.type], [400, "ValidationException"]);
      assert.match(refused.message, /'URI'/);
      assert.deepEqual(field((await h.store.profiles.get(id))?.attributeMappings ?? [], "x509Issuer"), ["*"]);
      const whole = await h.ok("DeleteAttributeMapping", { profileId: id, certificateField: "x509Issuer" });
      assert.deepEqual(
        whole.profile?.attributeMappings?.map((m) => m.certificateField),
        ["x509SAN", "x509Subject"],
      );
    });

    test("unknown profile: ResourceNotFoundException; bad certificateField: ValidationException", async (t) => {
      const h = await startHarness(t, { backend });
      const unknown = "0b7d0c6e-1111-4222-8333-444455556666";
      const put = await h.fail("PutAttributeMapping", {
        profileId: unknown,
        certificateField: "x509Subject",
        mappingRules: rules("CN"),
      });
      assert.deepEqual([put.status, put.type], [404, "ResourceNotFoundException"]);
      const del = await h.fail("DeleteAttributeMapping", {
        profileId: unknown,
        certificateField: "x509Subject",
      });
      assert.equal(del.status, 404);
      const bad = await h.raw({
        method: "DELETE",
        path: `/profiles/${unknown}/mappings`,
        query: { certificateField: "x509Whatever" },
      });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /certificateField/);
    });
  });
}
