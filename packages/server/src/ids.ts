// Identifiers as AWS forms them. Every generator takes the random source as an argument: the
// composition root passes `crypto.randomBytes`, tests pass a deterministic one.
import type { RandomBytes } from "./http/request-id.js";
import { uuidV4 } from "./http/request-id.js";

/** The alphabet of AWS unique ids and access key ids after their prefix (RFC 4648 base32). */
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** Secret access keys: 40 characters of the base64 alphabet, as AWS issues them. */
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Prefixes of AWS unique ids (IAM identifiers reference, "unique identifier prefixes"). */
export type IdPrefix = "AKIA" | "ASIA" | "AROA" | "AIDA" | "ANPA";

/** Characters drawn from `alphabet` (its length must be a power of two, ≤ 256), uniformly. */
function draw(random: RandomBytes, alphabet: string, length: number): string {
  const mask = alphabet.length - 1;
  const bytes = random(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) & mask];
  return out;
}

/** An access key id or unique id: the prefix then 16 characters (20 in all, as AWS's). */
export const awsId = (prefix: IdPrefix, random: RandomBytes): string =>
  prefix + draw(random, ID_ALPHABET, 16);

/** A 40-character secret access key (240 bits of randomness). */
export const secretAccessKey = (random: RandomBytes): string => draw(random, SECRET_ALPHABET, 40);

/** A lower-case v4 UUID, the id form of Roles Anywhere resources. */
export const resourceUuid = (random: RandomBytes): string => uuidV4(random(16));

/** A random 12-digit AWS account id (not starting with 0, so it never loses a digit). */
export function accountId(random: RandomBytes): string {
  const bytes = random(12);
  let out = String(1 + ((bytes[0] ?? 0) % 9));
  for (let i = 1; i < 12; i++) out += String((bytes[i] ?? 0) % 10);
  return out;
}
