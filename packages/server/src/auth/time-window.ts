// When a signed request may be accepted: header-signed requests within the clock-skew window of
// the server's clock (both directions), presigned URLs until X-Amz-Date + X-Amz-Expires. The
// messages are AWS's (iam-sts.md §6) so that people and tools recognise them.
import { AnchorageError } from "../http/errors.js";
import { formatAmzDate } from "./amz-date.js";

const minutes = (ms: number) => `${ms / 60_000} min.`;

/** Rejects a header-signed request dated more than `maxSkewMs` away from `now`. */
export function checkRequestTime(signedAt: Date, now: Date, maxSkewMs: number): void {
  const earliest = new Date(now.getTime() - maxSkewMs);
  if (signedAt.getTime() < earliest.getTime()) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      `Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(earliest)} ` +
        `(${formatAmzDate(now)} - ${minutes(maxSkewMs)})`,
    );
  }
  checkNotInFuture(signedAt, now, maxSkewMs);
}

/** Rejects a presigned URL used after it expired, or dated more than `maxSkewMs` ahead of `now`. */
export function checkPresignedTime(
  signedAt: Date,
  expiresSeconds: number,
  now: Date,
  maxSkewMs: number,
): void {
  const expiresAt = new Date(signedAt.getTime() + expiresSeconds * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw new AnchorageError(
      "RequestExpired",
      `Request has expired: the presigned URL was valid until ${formatAmzDate(expiresAt)} ` +
        `(X-Amz-Date ${formatAmzDate(signedAt)} + X-Amz-Expires ${expiresSeconds}); it is now ${formatAmzDate(now)}.`,
    );
  }
  checkNotInFuture(signedAt, now, maxSkewMs);
}

function checkNotInFuture(signedAt: Date, now: Date, maxSkewMs: number): void {
  const latest = new Date(now.getTime() + maxSkewMs);
  if (signedAt.getTime() > latest.getTime()) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      `Signature not yet current: ${formatAmzDate(signedAt)} is still later than ${formatAmzDate(latest)} ` +
        `(${formatAmzDate(now)} + ${minutes(maxSkewMs)})`,
    );
  }
}
