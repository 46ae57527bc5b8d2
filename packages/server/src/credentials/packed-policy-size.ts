// PackedPolicySize (AssumeRole's response, iam-sts.md §5.2): how much of the room a session token
// has for session policies and tags is used, in percent. AWS's packing is internal (UNCONFIRMED);
// Anchorage's is a documented, deterministic estimate that also bounds the size of its tokens:
//
//   packed bytes = deflate-raw (level 9) of the compact JSON
//                  {"p": <inline policy, whitespace-free when it is JSON>, "m": [policy ARNs], "g": [[key, value], …]}
//   PackedPolicySize = ceil(100 × packed bytes / 1024)
//
// Over 100 is PackedPolicyTooLarge. With nothing to pack the size is 0 (and AssumeRole omits it).
import { deflateRawSync } from "node:zlib";
import { AnchorageError } from "../http/errors.js";
import type { SessionTag } from "../principal.js";

/** The room for packed session policies and tags, in bytes after compression. */
export const PACKED_POLICY_BUDGET_BYTES = 1024;

/** What is packed into a session token besides its identity. */
export interface PackedSessionData {
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  readonly tags?: readonly SessionTag[];
}

/**
 * Sizes already computed, by packed text: the same role's sessions (a returning Roles Anywhere
 * client, an AssumeRole loop) pack the same text, and deflating it costs ~35 µs.
 */
const SIZES = new Map<string, number>();
const SIZES_CAPACITY = 1024;

/** The percentage of the budget the session's policies and tags use (may exceed 100). */
export function packedPolicySize(data: PackedSessionData): number {
  const arns = data.policyArns ?? [];
  const tags = data.tags ?? [];
  if (data.policy === undefined && arns.length === 0 && tags.length === 0) return 0;
  const packed = JSON.stringify({
    ...(data.policy === undefined ? {} : { p: compact(data.policy) }),
    ...(arns.length === 0 ? {} : { m: arns }),
    ...(tags.length === 0 ? {} : { g: tags.map((t) => [t.key, t.value]) }),
  });
  const known = SIZES.get(packed);
  if (known !== undefined) return known;
  const bytes = deflateRawSync(Buffer.from(packed, "utf8"), { level: 9 }).length;
  const size = Math.ceil((100 * bytes) / PACKED_POLICY_BUDGET_BYTES);
  if (SIZES.size >= SIZES_CAPACITY) SIZES.delete(SIZES.keys().next().value as string);
  SIZES.set(packed, size);
  return size;
}

/** Throws PackedPolicyTooLarge (AWS's wording) when the session data do not fit. */
export function checkPackedPolicySize(data: PackedSessionData): number {
  const size = packedPolicySize(data);
  if (size > 100) {
    throw new AnchorageError(
      "PackedPolicyTooLarge",
      `Packed policy consumes ${size}% of allotted space, please use smaller policy or fewer or shorter session tags.`,
    );
  }
  return size;
}

function compact(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy));
  } catch (error) {
    // Not JSON (the caller validates policies): pack the text as given.
    void error;
    return policy;
  }
}
