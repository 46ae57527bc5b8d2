// Random bytes drawn in blocks: one call into the CSPRNG (`crypto.randomFillSync`) fills a block,
// and small requests are served from it, as node's own randomUUID does. A call into OpenSSL costs
// ~4 µs whatever its size, and a CreateSession draws three times (request id, access key id,
// nonce). The composition root builds one; tests keep injecting their own sources.
import type { RandomBytes } from "./request-id.js";

/** Fills a buffer with random bytes, like `crypto.randomFillSync`. */
export type RandomFill = (buffer: Buffer) => unknown;

/** Default block size: 4 KiB (~100 CreateSessions per call into the CSPRNG). */
export const DEFAULT_RANDOM_POOL_BYTES = 4096;

/**
 * A {@link RandomBytes} that serves requests of at most a quarter of `poolBytes` from a block filled
 * by `fill`, larger ones directly. Every byte is handed out once: each caller gets its own copy (not
 * a view of the block, so no caller can read another's bytes through `.buffer`), the bytes handed
 * out are zeroed in the block, and a used-up block is dropped, never refilled in place.
 *
 * @example
 * const random = pooledRandomBytes(randomFillSync); // at the composition root
 * random(16); // 16 fresh bytes
 */
export function pooledRandomBytes(fill: RandomFill, poolBytes = DEFAULT_RANDOM_POOL_BYTES): RandomBytes {
  if (!Number.isSafeInteger(poolBytes) || poolBytes < 64) {
    throw new RangeError(`the random pool needs at least 64 bytes, got ${poolBytes}`);
  }
  const largest = poolBytes >>> 2;
  let pool = Buffer.alloc(0);
  let offset = 0;
  return (size: number): Buffer => {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`cannot draw ${size} random bytes`);
    if (size > largest) {
      const out = Buffer.alloc(size);
      fill(out);
      return out;
    }
    if (pool.length - offset < size) {
      pool = Buffer.alloc(poolBytes);
      fill(pool);
      offset = 0;
    }
    const out = Buffer.from(pool.subarray(offset, offset + size));
    pool.fill(0, offset, offset + size);
    offset += size;
    return out;
  };
}
