// IAM's Marker/MaxItems pagination. Markers are opaque to clients: base64url of a small JSON
// value that only this server reads back (and validates: a tampered marker is a ValidationError).
import { AnchorageError } from "../../http/errors.js";
import type { PageCursor } from "../../store/store.js";

/** IAM's default page size (MaxItems), UNCONFIRMED in the spec; botocore paginates on IsTruncated. */
export const DEFAULT_MAX_ITEMS = 100;

const INVALID = "The Marker is not valid: pass the Marker of the previous response unchanged.";

/** A marker carrying `value` for the given list (a marker of one list is refused by another). */
export function encodeMarker(list: string, value: unknown): string {
  return Buffer.from(JSON.stringify({ l: list, v: value }), "utf8").toString("base64url");
}

/** The value of a marker of `list`, or a ValidationError. */
export function decodeMarker(list: string, marker: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(marker)) throw new AnchorageError("Validation", INVALID);
  try {
    const parsed = JSON.parse(Buffer.from(marker, "base64url").toString("utf8")) as unknown;
    if (typeof parsed === "object" && parsed !== null && (parsed as { l?: unknown }).l === list) {
      return (parsed as { v?: unknown }).v;
    }
  } catch (error) {
    throw new AnchorageError("Validation", INVALID, { cause: error });
  }
  throw new AnchorageError("Validation", INVALID);
}

/** A store cursor from a marker. */
export function cursorFromMarker(list: string, marker: string | undefined): PageCursor | undefined {
  if (marker === undefined) return undefined;
  const v = decodeMarker(list, marker);
  if (typeof v === "object" && v !== null) {
    const { c, i } = v as { c?: unknown; i?: unknown };
    if (typeof c === "string" && typeof i === "string") return { createdAt: c, id: i };
  }
  throw new AnchorageError("Validation", INVALID);
}

/** An offset from a marker (lists paginated in memory). */
export function offsetFromMarker(list: string, marker: string | undefined): number {
  if (marker === undefined) return 0;
  const v = decodeMarker(list, marker);
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return v;
  throw new AnchorageError("Validation", INVALID);
}

/** One page of an in-memory list, with IAM's `IsTruncated` and `Marker`. */
export function pageOf<T>(
  list: string,
  items: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const start = offsetFromMarker(list, marker);
  const end = start + (maxItems ?? DEFAULT_MAX_ITEMS);
  const page = items.slice(start, end);
  return end < items.length
    ? { page, IsTruncated: true, Marker: encodeMarker(list, end) }
    : { page, IsTruncated: false };
}

/** IAM's `IsTruncated`/`Marker` for a store page. */
export function truncation(
  list: string,
  next: PageCursor | undefined,
): { IsTruncated: boolean; Marker?: string } {
  return next === undefined
    ? { IsTruncated: false }
    : { IsTruncated: true, Marker: encodeMarker(list, { c: next.createdAt, i: next.id }) };
}
