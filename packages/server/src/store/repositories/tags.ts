import type { Kysely } from "kysely";

import type { StoreContext } from "../context.js";
import type { Database } from "../schema.js";
import { generationScopes, type TagRecord, type TagRepository, type TagWriteOptions } from "../store.js";
import { bumpGeneration } from "./generations.js";
import { checkRoomFor } from "./limits.js";

/** Deletes every tag of a resource inside the caller's write (used when the resource is deleted). */
export async function deleteTagsOf(
  ctx: StoreContext,
  db: Kysely<Database>,
  resourceArn: string,
): Promise<void> {
  await bumpGeneration(ctx, db, generationScopes.tags(resourceArn));
  await db.deleteFrom("tags").where("resource_arn", "=", resourceArn).execute();
}

/** Moves the tags of a renamed resource to its new ARN inside the caller's write. */
export async function moveTags(
  ctx: StoreContext,
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<void> {
  if (from === to) return;
  await bumpGeneration(ctx, db, generationScopes.tags(from));
  await bumpGeneration(ctx, db, generationScopes.tags(to));
  await db.updateTable("tags").set({ resource_arn: to }).where("resource_arn", "=", from).execute();
}

const keyOf = (key: string, ignoreCase: boolean | undefined) =>
  ignoreCase === true ? key.toLowerCase() : key;

export class TagTable implements TagRepository {
  constructor(private readonly ctx: StoreContext) {}

  list(resourceArn: string): Promise<TagRecord[]> {
    return this.listIn(this.ctx.db, resourceArn);
  }

  private async listIn(db: Kysely<Database>, resourceArn: string): Promise<TagRecord[]> {
    const rows = await db
      .selectFrom("tags")
      .select(["key", "value"])
      .where("resource_arn", "=", resourceArn)
      .orderBy("key")
      .execute();
    return rows.map((r) => ({ key: r.key, value: r.value }));
  }

  put(
    resourceArn: string,
    tags: readonly TagRecord[],
    options: TagWriteOptions & { readonly maxTags: number },
  ): Promise<TagRecord[]> {
    return this.ctx.write(async (db) => {
      // Bumping first locks the resource's tag scope: concurrent writers of this resource queue here.
      await bumpGeneration(this.ctx, db, generationScopes.tags(resourceArn));
      const incoming = new Map<string, TagRecord>();
      for (const tag of tags)
        incoming.set(keyOf(tag.key, options.ignoreKeyCase), { key: tag.key, value: tag.value });
      const existing = await this.listIn(db, resourceArn);
      const replaced = existing.filter((t) => incoming.has(keyOf(t.key, options.ignoreKeyCase)));
      checkRoomFor(
        "tag",
        resourceArn,
        existing.length - replaced.length,
        incoming.size,
        options.maxTags,
        `tags on ${resourceArn}`,
      );
      if (replaced.length > 0) {
        await db
          .deleteFrom("tags")
          .where("resource_arn", "=", resourceArn)
          .where(
            "key",
            "in",
            replaced.map((t) => t.key),
          )
          .execute();
      }
      if (incoming.size > 0) {
        await db
          .insertInto("tags")
          .values(
            [...incoming.values()].map((t) => ({ resource_arn: resourceArn, key: t.key, value: t.value })),
          )
          .execute();
      }
      return this.listIn(db, resourceArn);
    });
  }

  remove(resourceArn: string, keys: readonly string[], options: TagWriteOptions = {}): Promise<TagRecord[]> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.tags(resourceArn));
      const wanted = new Set(keys.map((k) => keyOf(k, options.ignoreKeyCase)));
      const existing = await this.listIn(db, resourceArn);
      const doomed = existing
        .filter((t) => wanted.has(keyOf(t.key, options.ignoreKeyCase)))
        .map((t) => t.key);
      if (doomed.length > 0) {
        await db
          .deleteFrom("tags")
          .where("resource_arn", "=", resourceArn)
          .where("key", "in", doomed)
          .execute();
      }
      return this.listIn(db, resourceArn);
    });
  }

  deleteAll(resourceArn: string): Promise<void> {
    return this.ctx.write((db) => deleteTagsOf(this.ctx, db, resourceArn));
  }
}
