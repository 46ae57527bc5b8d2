import {
  RETRY_BASE_DELAY_MS,
  RETRYABLE_ERROR_TYPES,
  RETRYABLE_NETWORK_CODES,
  RETRYABLE_STATUS,
} from "./constants.js";

/**
 * The wait before retry `retry` (0 for the first retry), as the AWS SDK for Go v1's default retryer
 * (AWS's helper) computes it: `2^retry × (30 + random × 30)` ms, so 30–60, 60–120 and 120–240 ms.
 * `random` returns a number in [0, 1).
 *
 * @example
 * backoffDelay(2, () => 0.5) // 180
 */
export const backoffDelay = (retry: number, random: () => number): number =>
  Math.round(2 ** retry * (RETRY_BASE_DELAY_MS + random() * RETRY_BASE_DELAY_MS));

/** True for an HTTP answer worth retrying: 5xx (not 501), 429, or a throttling error type. */
export const isRetryableResponse = (status: number, errorType: string | undefined): boolean =>
  RETRYABLE_STATUS(status) || (errorType !== undefined && RETRYABLE_ERROR_TYPES.includes(errorType));

/** True for a connection-level failure worth retrying (refused, reset, timed out, proxy refused…). */
export const isRetryableNetworkError = (code: string): boolean => RETRYABLE_NETWORK_CODES.includes(code);
