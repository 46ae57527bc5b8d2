// The store's public surface, for the rest of the server (and packages/server/src/index.ts).
export * from "./store.js";
export {
  StoreConflictError,
  StoreError,
  StoreInputError,
  StoreLimitError,
  StoreNotFoundError,
  StoreUnavailableError,
  type StoreConflictReason,
  type StoreEntity,
} from "./errors.js";
export { formatTimestamp, parseTimestamp, toTimestamp, type StoreClock } from "./timestamp.js";
export {
  defaultStoreUrl,
  formatStoreUrl,
  openStore,
  parseStoreUrl,
  type StoreLocation,
  type StoreOptions,
} from "./open-store.js";
export {
  DEFAULT_WATCH_INTERVAL_MS,
  watchGenerations,
  type GenerationWatcher,
  type WatchGenerationsOptions,
  type WatcherTimers,
} from "./generation-watcher.js";
export { MAX_PAGE_SIZE } from "./page.js";
