// The session tags of a CreateSession: @anchorage/pki derives them from the certificate under the
// profile's attribute mappings (spec §5.8); here, STS's limit on how many a session takes.
import { sessionTags, type AttributeMappingFilter, type CertificateAttributes } from "@anchorage/pki";
import type { SessionTag } from "../../principal.js";
import { CreateSessionRefusal } from "./refusal.js";

/** STS's limit of session tags (UNCONFIRMED for Roles Anywhere: a clear refusal beyond it). */
export const MAX_SESSION_TAGS = 50;

/** {@link sessionTags}, refused when the certificate yields more than STS's 50 session tags. */
export function mappedSessionTags(
  attributes: CertificateAttributes,
  filter: AttributeMappingFilter,
  profileName: string,
): SessionTag[] {
  const tags = sessionTags(attributes, filter);
  if (tags.length > MAX_SESSION_TAGS) {
    throw new CreateSessionRefusal(
      "TooManySessionTags",
      `The certificate maps to ${tags.length} session tags under the attribute mappings of profile ${profileName}; a session takes at most ${MAX_SESSION_TAGS}. Map fewer attributes (aws rolesanywhere put-attribute-mapping / delete-attribute-mapping).`,
      { detail: { tagKeys: tags.map((t) => t.key) } },
    );
  }
  return tags;
}
