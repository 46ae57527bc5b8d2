// Public surface of the shared credential cache (used by `credential-process --cache` and
// `fromRolesAnywhere({ cache })`). The package's src/index.ts re-exports this.
export { CACHE_DIR_NAME, defaultCacheDir } from "./cache-dir.js";
export { CACHE_ENTRY_VERSION, formatCacheEntry, parseCacheEntry } from "./cache-entry.js";
export type { CacheEntry, CacheEntryProblem } from "./cache-entry.js";
export { CACHE_KEY_VERSION, credentialCacheKey } from "./cache-key.js";
export type { CacheKeyInput } from "./cache-key.js";
export { cacheKeyFor } from "./material-key.js";
export {
  CACHE_DIR_MODE,
  CACHE_FILE_MODE,
  CredentialCache,
  MAX_CACHE_FILE_BYTES,
} from "./credential-cache.js";
export type { CacheEvent, CachedResult, CredentialCacheOptions } from "./credential-cache.js";
