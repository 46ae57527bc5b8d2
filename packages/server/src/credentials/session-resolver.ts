// The credential resolver's seam for temporary (`ASIA…`) keys: opens the session token with the
// shared sealing keys (no database read once the keys are loaded), checks it belongs to this
// account and to the access key id of the request, and returns the secret and the principal with
// what its session carries. Expiry is enforced by the SigV4 layer on every request (`expiresAt`),
// after the signature verified, as ExpiredToken.
import { assumedRoleArn } from "@anchorage/policy";
import type { ResolvedCredentials } from "../auth/sigv4.js";
import type { SessionResolver } from "../credential-resolver.js";
import { AnchorageError } from "../http/errors.js";
import { rootArn, type CallerPrincipal } from "../principal.js";
import type { SessionClaims } from "./session-claims.js";
import { unsealSession } from "./seal.js";
import type { SealingKeyring } from "./sealing-keyring.js";
import { parseSessionToken, SessionTokenError } from "./session-token.js";

/** Options of {@link sessionResolver}. */
export interface SessionResolverInit {
  readonly keyring: SealingKeyring;
  /** Tokens of other accounts do not open here. */
  readonly accountId: string;
  /** How many opened tokens to keep (they are reused for every request of a session); default 10,000. */
  readonly cacheSize?: number;
}

const INVALID_TOKEN = "The security token included in the request is invalid.";

/**
 * Opens session tokens for the SigV4 credential resolver.
 *
 * @throws AnchorageError `InvalidClientTokenId` for a token that is malformed, tampered with,
 *   sealed with an unknown key, for another access key id or for another account.
 */
export function sessionResolver(init: SessionResolverInit): SessionResolver {
  const capacity = init.cacheSize ?? 10_000;
  const opened = new Map<string, ResolvedCredentials<CallerPrincipal>>();
  return async ({ accessKeyId, sessionToken }) => {
    const cacheKey = `${accessKeyId} ${sessionToken}`;
    const hit = opened.get(cacheKey);
    if (hit !== undefined) {
      opened.delete(cacheKey); // most recently used last
      opened.set(cacheKey, hit);
      return hit;
    }
    const resolved = await open(init, accessKeyId, sessionToken);
    opened.set(cacheKey, resolved);
    if (opened.size > capacity) opened.delete(opened.keys().next().value as string);
    return resolved;
  };
}

async function open(
  init: SessionResolverInit,
  accessKeyId: string,
  sessionToken: string,
): Promise<ResolvedCredentials<CallerPrincipal>> {
  try {
    const envelope = parseSessionToken(sessionToken);
    const key = await init.keyring.keyById(envelope.keyId);
    if (key === undefined) {
      throw new SessionTokenError(
        "unknown-key",
        `no sealing key ${envelope.keyId} (removed, or from another deployment)`,
      );
    }
    const { claims, secretAccessKey } = unsealSession(envelope, key, accessKeyId);
    if (claims.accountId !== init.accountId) {
      throw new SessionTokenError("claims", `the session belongs to account ${claims.accountId}`);
    }
    return { secretAccessKey, principal: principalOf(claims), expiresAt: new Date(claims.expiresAt * 1000) };
  } catch (error) {
    if (error instanceof SessionTokenError) {
      throw new AnchorageError("InvalidClientTokenId", INVALID_TOKEN, {
        cause: error,
        detail: { accessKeyId, sessionToken: error.problem, why: error.message },
      });
    }
    throw error;
  }
}

/** The principal a session's claims describe. */
export function principalOf(claims: SessionClaims): CallerPrincipal {
  const session = {
    issuedAt: new Date(claims.issuedAt * 1000),
    expiresAt: new Date(claims.expiresAt * 1000),
  };
  switch (claims.kind) {
    case "root":
      return { kind: "root", accountId: claims.accountId, arn: rootArn(claims.accountId), session };
    case "user":
      return {
        kind: "user",
        accountId: claims.accountId,
        arn: claims.userArn,
        userName: claims.userName,
        userId: claims.userId,
        session,
      };
    case "role": {
      const roleName = claims.roleArn.slice(claims.roleArn.lastIndexOf("/") + 1);
      return {
        kind: "assumed-role",
        accountId: claims.accountId,
        arn: assumedRoleArn(claims.roleArn, claims.sessionName),
        roleArn: claims.roleArn,
        roleName,
        roleId: claims.roleId,
        sessionName: claims.sessionName,
        session: {
          ...session,
          ...(claims.policy === undefined ? {} : { policy: claims.policy }),
          policyArns: claims.policyArns,
          tags: claims.tags,
          transitiveTagKeys: claims.transitiveTagKeys,
          ...(claims.sourceIdentity === undefined ? {} : { sourceIdentity: claims.sourceIdentity }),
          chained: claims.chained,
          issuer: claims.issuer,
        },
      };
    }
  }
}
