/**
 * Base64 as AWS protocols carry blobs: the standard alphabet, padded, canonical. Node's own decoder
 * accepts anything (it skips bad characters), so the strict form is checked first.
 */

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict base64; returns the reason as a string when the text is not strict base64. */
export function decodeBase64Strict(text: string): Buffer | string {
  if (text.length % 4 !== 0) return `its length ${text.length} is not a multiple of 4`;
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) return `character '${bad[0]}' at offset ${bad.index} is not in the base64 alphabet`;
  if (!CANONICAL.test(text)) return "padding '=' may only end the text";
  const bytes = Buffer.from(text, "base64");
  if (bytes.toString("base64") !== text) return "the bits after the last character are not zero";
  return bytes;
}

export const encodeBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
