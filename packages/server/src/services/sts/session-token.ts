// STS GetSessionToken (iam-sts.md §5.3): temporary credentials with the caller's own permissions,
// for long-term credentials only. Users: 900..129600 s, default 43200; the root: at most 3600 s
// (longer requests are silently shortened), default 3600. No permission is needed (AWS's rule).
import { mintUserSession } from "../../credentials/mint.js";
import type { GetSessionTokenRequest, GetSessionTokenResponse } from "../../generated/sts.js";
import { AnchorageError } from "../../http/errors.js";
import type { Call, QueryServiceDeps } from "../iam/call.js";

export const USER_DEFAULT_SECONDS = 43_200;
export const ROOT_MAX_SECONDS = 3600;

export async function getSessionToken(
  deps: QueryServiceDeps,
  input: GetSessionTokenRequest,
  call: Call,
): Promise<GetSessionTokenResponse> {
  const { caller } = call;
  if (call.auth.withSessionToken || caller.kind === "assumed-role") {
    throw new AnchorageError("AccessDenied", "Cannot call GetSessionToken with session credentials");
  }
  const durationSeconds =
    caller.kind === "root"
      ? Math.min(input.DurationSeconds ?? ROOT_MAX_SECONDS, ROOT_MAX_SECONDS)
      : (input.DurationSeconds ?? USER_DEFAULT_SECONDS);
  const minted = await mintUserSession(deps.context, {
    subject:
      caller.kind === "root"
        ? { kind: "root" }
        : { kind: "user", userName: caller.userName, userId: caller.userId, arn: caller.arn },
    durationSeconds,
  });
  return {
    Credentials: {
      AccessKeyId: minted.accessKeyId,
      SecretAccessKey: minted.secretAccessKey,
      SessionToken: minted.sessionToken,
      Expiration: minted.expiration,
    },
  };
}
