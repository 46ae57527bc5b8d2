// Tags of trust anchors, profiles and CRLs (spec §1.5): TagResource, UntagResource,
// ListTagsForResource, and the checks shared with the Create operations' `tags`. At most 50 tags
// per resource; keys starting with `aws:` (any case) are reserved; a key given twice in one request
// is refused. Keys and values are compared case-sensitively (as Roles Anywhere, unlike IAM).
import type { Tag } from "../../generated/rolesanywhere.js";
import { AnchorageError } from "../../http/errors.js";
import { StoreLimitError } from "../../store/errors.js";
import type { StoreRepositories } from "../../store/store.js";
import { isLocal, parseArn } from "./arns.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { MESSAGES } from "./messages.js";
import { QUOTAS } from "./quotas.js";

const RESERVED_PREFIX = "aws:";

/** The key-set checks every tag list of a request passes (reserved prefix, duplicates). */
export function checkTagKeys(keys: readonly string[], field: string): void {
  const seen = new Map<string, number>();
  keys.forEach((key, i) => {
    const path = `${field}.${i + 1}.member`;
    if (key.toLowerCase().startsWith(RESERVED_PREFIX))
      throw new AnchorageError("Validation", MESSAGES.reservedTagKey(path));
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AnchorageError("Validation", MESSAGES.duplicateTagKey(path, `${field}.${first + 1}.member`));
    }
    seen.set(key, i);
  });
}

/** Checks the `tags` of a Create operation: the key rules and the per-resource cap. */
export function checkNewTags(tags: readonly Tag[] | undefined): void {
  if (tags === undefined) return;
  checkTagKeys(
    tags.map((t) => t.key),
    "tags",
  );
  if (tags.length > QUOTAS.tagsPerResource)
    throw new AnchorageError("Validation", MESSAGES.tagQuotaOnCreate(tags.length));
}

/** The authorization context of a request carrying tags: `aws:RequestTag/<key>` and `aws:TagKeys`. */
export function requestTagContext(
  tags: readonly Tag[] | undefined,
): Record<string, string | readonly string[]> {
  if (tags === undefined || tags.length === 0) return {};
  const context: Record<string, string | readonly string[]> = { "aws:TagKeys": tags.map((t) => t.key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.key}`] = tag.value;
  return context;
}

/** Writes the tags of a resource being created, in the creating transaction. */
export async function writeNewTags(
  tx: StoreRepositories,
  arn: string,
  tags: readonly Tag[] | undefined,
): Promise<void> {
  if (tags === undefined || tags.length === 0) return;
  await tx.tags.put(arn, tags, { maxTags: QUOTAS.tagsPerResource });
}

/** What a tag API's `resourceArn` names: a trust anchor, profile or CRL of this server. */
interface TaggableRef {
  readonly resourceType: "trust-anchor" | "profile" | "crl";
  readonly resourceId: string;
}

/**
 * The resource a tag API names: ValidationException for something that is not the ARN of a trust
 * anchor, profile or CRL; ResourceNotFoundException for one of another account, region or partition.
 */
function taggableRef(service: RolesAnywhere, arn: string): TaggableRef {
  const parsed = parseArn(arn);
  if (parsed === undefined || parsed.resourceType === "subject") {
    throw new AnchorageError("Validation", MESSAGES.notATaggableArn("resourceArn", arn));
  }
  if (!isLocal(parsed, service.scope)) throw new AnchorageError("NotFound", MESSAGES.arnNotFound(arn));
  return { resourceType: parsed.resourceType, resourceId: parsed.resourceId };
}

/** ResourceNotFoundException unless the resource exists (read through `repos`: a transaction or the store). */
async function requireExists(repos: StoreRepositories, ref: TaggableRef, arn: string): Promise<void> {
  const found =
    ref.resourceType === "trust-anchor"
      ? await repos.trustAnchors.get(ref.resourceId)
      : ref.resourceType === "profile"
        ? await repos.profiles.get(ref.resourceId)
        : await repos.crls.get(ref.resourceId);
  if (found?.arn !== arn) throw new AnchorageError("NotFound", MESSAGES.arnNotFound(arn));
}

export function tagHandlers(
  service: RolesAnywhere,
): Pick<Handlers, "TagResource" | "UntagResource" | "ListTagsForResource"> {
  const { store } = service.context;
  return {
    async TagResource({ resourceArn, tags }, call) {
      await call.authorize("TagResource", resourceArn, requestTagContext(tags));
      const ref = taggableRef(service, resourceArn);
      checkTagKeys(
        tags.map((t) => t.key),
        "tags",
      );
      await store.transaction(async (tx) => {
        // Writing first takes the resource's tag lock, so a concurrent delete of the resource either
        // comes after (and deletes these tags too) or has committed (and the check below fails).
        try {
          await tx.tags.put(resourceArn, tags, { maxTags: QUOTAS.tagsPerResource });
        } catch (error) {
          if (!(error instanceof StoreLimitError)) throw error;
          await requireExists(tx, ref, resourceArn);
          const current = await tx.tags.list(resourceArn);
          const resulting = new Set([...current.map((t) => t.key), ...tags.map((t) => t.key)]).size;
          throw new AnchorageError("TooManyTags", MESSAGES.tagQuota(resourceArn, resulting), {
            cause: error,
          });
        }
        await requireExists(tx, ref, resourceArn);
      });
      return {};
    },

    async UntagResource({ resourceArn, tagKeys }, call) {
      await call.authorize("UntagResource", resourceArn, { "aws:TagKeys": tagKeys });
      const ref = taggableRef(service, resourceArn);
      checkTagKeys(tagKeys, "tagKeys");
      await store.transaction(async (tx) => {
        await tx.tags.remove(resourceArn, tagKeys);
        await requireExists(tx, ref, resourceArn);
      });
      return {};
    },

    async ListTagsForResource({ resourceArn }, call) {
      await call.authorize("ListTagsForResource", resourceArn);
      await requireExists(store, taggableRef(service, resourceArn), resourceArn);
      const tags = await store.tags.list(resourceArn);
      return { tags: tags.map(({ key, value }) => ({ key, value })) };
    },
  };
}
