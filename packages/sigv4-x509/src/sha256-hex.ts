import { hash } from "node:crypto";

/** Lower-case hex SHA-256 of a string (UTF-8) or bytes (one-shot: no Hash object per call). */
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}
