import assert from "node:assert/strict";
import { test } from "node:test";
import type { CertificateAttributes } from "@anchorage/pki";
import type { AttributeMapping } from "./api/roles-anywhere-api.js";
import { DEFAULT_ATTRIBUTE_MAPPINGS, sessionTags } from "./session-tags.js";

const ATTRIBUTES: CertificateAttributes = {
  subject: [
    ["C", "US"],
    ["O", "Example"],
    ["OU", "eng"],
    ["OU", "ops"],
    ["CN", "app-1"],
  ],
  issuer: [["CN", "Example CA"]],
  san: { dns: "app-1.example.com", uri: "spiffe://example/app", name: [["CN", "alt"]] },
  serialHex: "1002",
  subjectDn: "CN=app-1,OU=ops,OU=eng,O=Example,C=US",
  issuerDn: "CN=Example CA",
};

const cases: [string, readonly AttributeMapping[], CertificateAttributes, string[]][] = [
  [
    "the default mappings map every field",
    DEFAULT_ATTRIBUTE_MAPPINGS,
    ATTRIBUTES,
    [
      "x509Subject/C=US",
      "x509Subject/O=Example",
      "x509Subject/OU=eng/ops",
      "x509Subject/CN=app-1",
      "x509Issuer/CN=Example CA",
      "x509SAN/DNS=app-1.example.com",
      "x509SAN/URI=spiffe://example/app",
      "x509SAN/Name/CN=alt",
    ],
  ],
  [
    "a named specifier maps only that RDN, case-insensitively",
    [{ certificateField: "x509Subject", mappingRules: [{ specifier: "cn" }] }],
    ATTRIBUTES,
    ["x509Subject/CN=app-1"],
  ],
  ["no mappings, no tags", [], ATTRIBUTES, []],
  [
    "Name (without /*) under x509SAN maps every RDN of the directory name",
    [{ certificateField: "x509SAN", mappingRules: [{ specifier: "Name" }] }],
    ATTRIBUTES,
    ["x509SAN/Name/CN=alt"],
  ],
  [
    "a value outside the session-tag pattern is dropped",
    DEFAULT_ATTRIBUTE_MAPPINGS,
    { ...ATTRIBUTES, subject: [["CN", "bad,value"]], issuer: [], san: {} },
    [],
  ],
];

test("session tags follow the profile's attribute mappings", () => {
  assert.equal(cases.length, 5);
  for (const [name, mappings, attributes, expected] of cases) {
    assert.deepEqual(
      sessionTags(attributes, mappings).map((t) => `${t.key}=${t.value}`),
      expected,
      name,
    );
  }
});
