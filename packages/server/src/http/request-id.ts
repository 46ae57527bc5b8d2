// Request ids: a random (version 4) UUID per request, from the injected source of randomness, so
// tests can fix it and production draws it from the CSPRNG.

/** A source of random bytes, like `crypto.randomBytes`. */
export type RandomBytes = (size: number) => Buffer;

/** Formats 16 random bytes as a version 4, variant 1 UUID (RFC 9562 §5.4). */
export function uuidV4(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a UUID needs 16 random bytes, got ${bytes.length}`);
  const b = Buffer.from(bytes);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A request-id generator drawing from `random`. */
export const requestIdGenerator =
  (random: RandomBytes): (() => string) =>
  () =>
    uuidV4(random(16));
