import { createHash } from "node:crypto";

/** Token length and alphabet of AWS's helper: the first 100 characters of base64 of random bytes. */
export const IMDS_TOKEN_LENGTH = 100;
/** Token TTL bounds, in seconds (as EC2's IMDSv2 and the helper). */
export const MIN_TOKEN_TTL_SECONDS = 1;
export const MAX_TOKEN_TTL_SECONDS = 21_600;
/** Most live tokens kept (the helper's MAX_TOKENS): the one expiring first is evicted beyond it. */
export const MAX_TOKENS = 256;

/**
 * The session tokens of the IMDSv2 endpoint. Tokens are stored by their SHA-256, so a lookup compares
 * digests, not the secret itself (no timing signal about the token). Expired tokens are dropped on
 * each insert; beyond {@link MAX_TOKENS} the earliest-expiring one is evicted.
 */
export class ImdsTokens {
  readonly #expiries = new Map<string, number>();
  readonly #now: () => number;
  readonly #randomBytes: (n: number) => Buffer;

  constructor(now: () => number, randomBytes: (n: number) => Buffer) {
    this.#now = now;
    this.#randomBytes = randomBytes;
  }

  /** Issues a token valid for `ttlSeconds`. */
  issue(ttlSeconds: number): string {
    const token = this.#randomBytes(75).toString("base64").slice(0, IMDS_TOKEN_LENGTH);
    const now = this.#now();
    for (const [key, expiry] of this.#expiries) if (expiry <= now) this.#expiries.delete(key);
    if (this.#expiries.size >= MAX_TOKENS) {
      let earliest: [string, number] | undefined;
      for (const entry of this.#expiries)
        if (earliest === undefined || entry[1] < earliest[1]) earliest = entry;
      if (earliest !== undefined) this.#expiries.delete(earliest[0]);
    }
    this.#expiries.set(digest(token), now + ttlSeconds * 1000);
    return token;
  }

  /** Seconds left on a valid token (whole seconds, rounded down as Go truncates), or undefined. */
  remainingSeconds(token: string): number | undefined {
    if (token.length !== IMDS_TOKEN_LENGTH) return undefined;
    const expiry = this.#expiries.get(digest(token));
    if (expiry === undefined) return undefined;
    const left = expiry - this.#now();
    if (left <= 0) return undefined;
    // Go truncates a duration that has always lost a few nanoseconds: 21600 s issued → 21599.
    return Math.max(0, Math.ceil(left / 1000) - 1);
  }

  get size(): number {
    return this.#expiries.size;
  }
}

const digest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Parses `X-Aws-Ec2-Metadata-Token-Ttl-Seconds` as the helper does (Go's `strconv.Atoi`: optional
 * sign, decimal digits); absent means 21600. Undefined when invalid or outside 1..21600.
 */
export function parseTokenTtl(header: string | undefined): number | undefined {
  const text = header === undefined || header === "" ? String(MAX_TOKEN_TTL_SECONDS) : header;
  if (!/^[+-]?\d{1,19}$/.test(text)) return undefined;
  const ttl = Number(text);
  return ttl >= MIN_TOKEN_TTL_SECONDS && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
}
