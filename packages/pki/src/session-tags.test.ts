import assert from "node:assert/strict";
import { test } from "node:test";
import type { CertificateAttributes } from "./certificate-attributes.js";
import {
  compileAttributeMappings,
  DEFAULT_ATTRIBUTE_MAPPINGS,
  sessionTags,
  type AttributeMapping,
} from "./session-tags.js";

const CERT: CertificateAttributes = {
  subject: [
    ["C", "US"],
    ["O", "Example"],
    ["OU", "Security"],
    ["OU", "Engineering"],
    ["OU", "Research"],
    ["CN", "host-1"],
  ],
  issuer: [
    ["O", "Example"],
    ["CN", "Issuing CA"],
  ],
  san: { dns: "host-1.example.com", uri: "spiffe://example.com/host-1", name: [["CN", "alt name"]] },
  serialHex: "1002",
  subjectDn: "CN=host-1,OU=Research,OU=Engineering,OU=Security,O=Example,C=US",
  issuerDn: "CN=Issuing CA,O=Example",
};
const tags = (mappings: readonly AttributeMapping[], cert = CERT) =>
  Object.fromEntries(sessionTags(cert, compileAttributeMappings(mappings)).map((t) => [t.key, t.value]));

test("the default mappings give every subject and issuer RDN and the SAN's DNS, URI and directory name", () => {
  assert.deepEqual(tags(DEFAULT_ATTRIBUTE_MAPPINGS), {
    "x509Subject/C": "US",
    "x509Subject/O": "Example",
    "x509Subject/OU": "Security/Engineering/Research",
    "x509Subject/CN": "host-1",
    "x509Issuer/O": "Example",
    "x509Issuer/CN": "Issuing CA",
    "x509SAN/DNS": "host-1.example.com",
    "x509SAN/URI": "spiffe://example.com/host-1",
    "x509SAN/Name/CN": "alt name",
  });
});

// One row per mapping shape: what PutAttributeMapping / DeleteAttributeMapping can leave behind.
const rows: [string, AttributeMapping[], Record<string, string>][] = [
  ["no mappings at all", [], {}],
  [
    "only the subject's CN (case-insensitive specifier)",
    [{ certificateField: "x509Subject", mappingRules: [{ specifier: "cn" }] }],
    { "x509Subject/CN": "host-1" },
  ],
  [
    "the issuer's O and the SAN's URI",
    [
      { certificateField: "x509Issuer", mappingRules: [{ specifier: "O" }] },
      { certificateField: "x509SAN", mappingRules: [{ specifier: "URI" }] },
    ],
    { "x509Issuer/O": "Example", "x509SAN/URI": "spiffe://example.com/host-1" },
  ],
  [
    "the SAN directory name's CN only",
    [{ certificateField: "x509SAN", mappingRules: [{ specifier: "Name/CN" }] }],
    { "x509SAN/Name/CN": "alt name" },
  ],
  [
    "`Name` alone means Name/*",
    [{ certificateField: "x509SAN", mappingRules: [{ specifier: "Name" }] }],
    { "x509SAN/Name/CN": "alt name" },
  ],
  [
    "a specifier naming an RDN the certificate does not have",
    [{ certificateField: "x509Subject", mappingRules: [{ specifier: "UID" }] }],
    {},
  ],
];
test("each mapping shape maps exactly its attributes", () => {
  let n = 0;
  for (const [name, mappings, expected] of rows) {
    assert.deepEqual(tags(mappings), expected, name);
    n++;
  }
  assert.equal(n, 6);
});

test("values outside the session-tag pattern or longer than 256 characters are dropped", () => {
  const cert: CertificateAttributes = {
    ...CERT,
    subject: [
      ["CN", "ok-name"],
      ["O", "Bad, Inc."],
      ["OU", "x".repeat(257)],
      ["L", "Zürich"],
    ],
  };
  assert.deepEqual(tags([{ certificateField: "x509Subject", mappingRules: [{ specifier: "*" }] }], cert), {
    "x509Subject/CN": "ok-name",
    "x509Subject/L": "Zürich",
  });
});
