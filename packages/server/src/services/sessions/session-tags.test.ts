import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compileAttributeMappings,
  DEFAULT_ATTRIBUTE_MAPPINGS,
  type CertificateAttributes,
} from "@anchorage/pki";
import { CreateSessionRefusal } from "./refusal.js";
import { mappedSessionTags } from "./session-tags.js";

/** A certificate whose subject has `n` distinct RDN short names (one tag each), and nothing else. */
const withSubjectTags = (n: number): CertificateAttributes => ({
  subject: Array.from({ length: n }, (_, i) => [`X${i}`, "v"] as const),
  issuer: [],
  san: {},
  serialHex: "1002",
  subjectDn: "",
  issuerDn: "",
});

test("more than 50 session tags are refused with the profile named", () => {
  const filter = compileAttributeMappings(DEFAULT_ATTRIBUTE_MAPPINGS);
  assert.throws(
    () => mappedSessionTags(withSubjectTags(51), filter, "my-profile"),
    (e: unknown) =>
      e instanceof CreateSessionRefusal &&
      e.code === "TooManySessionTags" &&
      /profile my-profile/.test(e.reason),
  );
  assert.equal(mappedSessionTags(withSubjectTags(50), filter, "p").length, 50);
});
