// Tags sent to IAM (CreateRole, TagRole, CreateUser, CreatePolicy): keys unique case-insensitively,
// and the condition keys a request with tags carries (`aws:RequestTag/<key>`, `aws:TagKeys`).
import type { ContextValue } from "@anchorage/policy";
import type { Tag } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { IAM_MESSAGES } from "./iam-messages.js";

/** IAM's tag quota per role, user or policy. */
export const MAX_TAGS = 50;

/** Refuses two tags whose keys differ only in case (InvalidInput, AWS's wording). */
export function checkTagKeys(tags: readonly Tag[] | undefined): void {
  const seen = new Set<string>();
  for (const tag of tags ?? []) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) throw new AnchorageError("InvalidInput", IAM_MESSAGES.duplicateTagKeys);
    seen.add(key);
  }
}

/** `aws:RequestTag/<key>` for each tag and `aws:TagKeys` (empty when there are none). */
export function requestTagContext(tags: readonly Tag[] | undefined): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  if (tags === undefined || tags.length === 0) return out;
  for (const tag of tags) out[`aws:RequestTag/${tag.Key}`] = tag.Value;
  out["aws:TagKeys"] = tags.map((t) => t.Key);
  return out;
}
