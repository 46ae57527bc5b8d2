import type { SqlBool } from "./schema.js";
import type { Timestamp } from "./timestamp.js";

/**
 * How one backend's values become record values and back: SQLite's 0/1 flags and JSON text,
 * PostgreSQL's booleans and parsed `jsonb`. Each backend builds its codec in one place (sqlite.ts,
 * postgres.ts); repositories never look at a driver's raw values themselves.
 */
export interface SqlCodec {
  /** A flag as the backend stores it. */
  bool(value: boolean): SqlBool;
  readBool(value: SqlBool): boolean;
  /** A timestamp column's value (text from both drivers) as a `Timestamp`. */
  readTime(value: string): Timestamp;
  /** A JSON column's value (text in SQLite, already parsed in PostgreSQL). */
  readJson(value: unknown): unknown;
  /** An integer column's value. */
  readInt(value: unknown): number;
  /** A binary column's value. */
  readBytes(value: unknown): Buffer;
}

/** A JSON column holding an array of strings. */
export function jsonStringArray(codec: SqlCodec, value: unknown): string[] {
  const parsed = codec.readJson(value);
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) {
    throw new TypeError("stored JSON column is not an array of strings");
  }
  return parsed;
}

/** A JSON column holding an array of objects the store wrote from records of type `T`. */
export function jsonObjectArray<T extends object>(codec: SqlCodec, value: unknown): T[] {
  const parsed = codec.readJson(value);
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "object" && v !== null)) {
    throw new TypeError("stored JSON column is not an array of objects");
  }
  return parsed as T[];
}

/** A JSON column holding an object the store wrote from a record of type `T`. */
export function jsonObject<T extends object>(codec: SqlCodec, value: unknown): T {
  const parsed = codec.readJson(value);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TypeError("stored JSON column is not an object");
  }
  return parsed as T;
}

/** `undefined` for SQL NULL. */
export const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
