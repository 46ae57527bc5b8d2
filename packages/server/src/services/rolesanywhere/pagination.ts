// Pagination of the List operations (spec §2.1): `pageSize` (default 50; values above 100 are
// clamped to 100 — the model sets no bound and clamping keeps SDKs and scripts working; below 1 is a
// ValidationException) and an opaque `nextToken`. A token is the store's cursor (createdAt, id) and
// the operation it belongs to, base64url-encoded and authenticated with an HMAC under a key every
// replica shares (kept in the store's settings), so a changed, truncated or foreign token is a
// ValidationException and any replica continues a listing another one started.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ListRequest } from "../../generated/rolesanywhere.js";
import { AnchorageError } from "../../http/errors.js";
import type { RandomBytes } from "../../http/request-id.js";
import { StoreInputError } from "../../store/errors.js";
import type { ListOptions, Page, PageCursor, SettingsRepository } from "../../store/store.js";
import { formatTimestamp, parseTimestamp } from "../../store/timestamp.js";
import { MESSAGES } from "./messages.js";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** The settings key of the page-token HMAC key (32 random bytes, hex). */
export const PAGE_TOKEN_KEY_SETTING = "rolesanywhere:page-token-key";

export type ListOperation = "ListTrustAnchors" | "ListProfiles" | "ListCrls" | "ListSubjects";

const TOKEN_VERSION = 1;
const MAC_BYTES = 16;
const MAC_LABEL = "anchorage rolesanywhere page token\n";
const TOKEN = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{22})$/;
const MAX_ID_LENGTH = 64;

/** The page size to ask the store for. */
export function pageSizeOf(pageSize: number | undefined): number {
  if (pageSize === undefined) return DEFAULT_PAGE_SIZE;
  if (pageSize < 1) throw new AnchorageError("Validation", MESSAGES.pageSizeTooSmall(pageSize));
  return Math.min(pageSize, MAX_PAGE_SIZE);
}

/** Opaque `nextToken`s: format and parse as a pair. */
export interface PageTokens {
  format(operation: ListOperation, cursor: PageCursor): string;
  /** The cursor a token carries; ValidationException when it is not one this service issued for `operation`. */
  parse(operation: ListOperation, token: string): PageCursor;
}

/** Page tokens authenticated with `key`. */
export function pageTokens(key: Uint8Array): PageTokens {
  const mac = (payload: string) =>
    createHmac("sha256", key)
      .update(MAC_LABEL + payload)
      .digest()
      .subarray(0, MAC_BYTES);
  return {
    format(operation, cursor) {
      const payload = Buffer.from(
        JSON.stringify([TOKEN_VERSION, operation, cursor.createdAt, cursor.id]),
      ).toString("base64url");
      return `${payload}.${mac(payload).toString("base64url")}`;
    },
    parse(operation, token) {
      const bad = () => new AnchorageError("Validation", MESSAGES.badNextToken(operation));
      const m = TOKEN.exec(token);
      if (m === null) throw bad();
      const [, payload = "", sent = ""] = m;
      const sentMac = Buffer.from(sent, "base64url");
      if (sentMac.length !== MAC_BYTES || !timingSafeEqual(sentMac, mac(payload))) throw bad();
      let fields: unknown;
      try {
        fields = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch (cause) {
        throw new AnchorageError("Validation", MESSAGES.badNextToken(operation), { cause });
      }
      if (!Array.isArray(fields) || fields.length !== 4) throw bad();
      const [version, list, createdAt, id] = fields as unknown[];
      if (version !== TOKEN_VERSION || list !== operation) throw bad();
      if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH) throw bad();
      if (typeof createdAt !== "string" || !isTimestamp(createdAt)) throw bad();
      return { createdAt, id };
    },
  };
}

function isTimestamp(text: string): boolean {
  try {
    return formatTimestamp(parseTimestamp(text)) === text;
  } catch (error) {
    if (error instanceof StoreInputError) return false;
    throw error;
  }
}

/**
 * The replicas' shared page-token key: created once (the first replica to start wins) and kept in
 * the store's settings.
 */
export async function loadPageTokenKey(settings: SettingsRepository, random: RandomBytes): Promise<Buffer> {
  const stored = await settings.setIfAbsent(PAGE_TOKEN_KEY_SETTING, random(32).toString("hex"));
  if (!/^[0-9a-f]{64}$/.test(stored)) {
    throw new Error(
      `the setting ${PAGE_TOKEN_KEY_SETTING} is not 32 bytes of hex; delete it to create a new key`,
    );
  }
  return Buffer.from(stored, "hex");
}

/** One page of a List operation: the store's page for the request, with the next token. */
export async function readPage<T>(
  tokens: PageTokens,
  operation: ListOperation,
  input: ListRequest,
  fetch: (options: ListOptions) => Promise<Page<T>>,
): Promise<{ items: T[]; nextToken?: string }> {
  const limit = pageSizeOf(input.pageSize);
  const after = input.nextToken === undefined ? undefined : tokens.parse(operation, input.nextToken);
  const page = await fetch(after === undefined ? { limit } : { limit, after });
  return page.next === undefined
    ? { items: page.items }
    : { items: page.items, nextToken: tokens.format(operation, page.next) };
}
