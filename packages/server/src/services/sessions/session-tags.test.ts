import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compileAttributeMappings,
  DEFAULT_ATTRIBUTE_MAPPINGS,
  type CertificateAttributes,
} from "@anchorage/pki";
import { CreateSessionRefusal } from "./refusal.js";
import { mappedSessionTags } from "./session-tags.js";

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

test("more than 50 session tags are refused with the profile named", () => {
  const many: CertificateAttributes = {
    ...CERT,
    subject: Array.from(
      { length: 51 },
      (_, i) => [["C", "ST", "L", "O", "OU", "CN"][i % 6] + String(i), "v"] as const,
    ),
  };
  const filter = compileAttributeMappings(DEFAULT_ATTRIBUTE_MAPPINGS);
  assert.throws(
    () => mappedSessionTags(many, filter, "my-profile"),
    (e: unknown) =>
      e instanceof CreateSessionRefusal &&
      e.code === "TooManySessionTags" &&
      /profile my-profile/.test(e.reason),
  );
  assert.equal(mappedSessionTags(CERT, filter, "p").length, 9);
});
