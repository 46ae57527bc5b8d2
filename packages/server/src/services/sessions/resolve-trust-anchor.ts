// Step `trust-anchor`: the trust anchor named by trustAnchorArn must be one of this server's (its
// partition, region and account), exist, be enabled (DisableTrustAnchor: "requests naming a
// disabled anchor are unauthorized") and hold a bundle that can anchor a path. Whatever fails, the
// client hears only "Untrusted signing certificate": which of these it was is for the log.
import { formatArn, isLocal, parseArn, type ArnScope } from "../rolesanywhere/arns.js";
import type { TrustAnchorRecord } from "../../store/store.js";
import type { TrustAnchorSet, RevocationIndex } from "@anchorage/pki";
import { CreateSessionRefusal } from "./refusal.js";
import type { SessionCaches } from "./session-caches.js";

/** An enabled, usable trust anchor. */
export interface UsableTrustAnchor {
  readonly record: TrustAnchorRecord;
  readonly anchors: TrustAnchorSet;
  readonly revocation: RevocationIndex;
  readonly crlProblems: readonly string[];
}

/** Resolves trustAnchorArn to a usable trust anchor of this server. */
export async function resolveTrustAnchor(
  trustAnchorArn: string,
  scope: ArnScope,
  caches: SessionCaches,
): Promise<UsableTrustAnchor> {
  const detail = { trustAnchorArn };
  const arn = parseArn(trustAnchorArn);
  if (arn === undefined || arn.resourceType !== "trust-anchor") {
    throw new CreateSessionRefusal(
      "TrustAnchorNotFound",
      `trustAnchorArn ${trustAnchorArn} is not a trust anchor ARN (${formatArn(scope, "trust-anchor", "<id>")})`,
      { detail },
    );
  }
  if (!isLocal(arn, scope)) {
    throw new CreateSessionRefusal(
      "TrustAnchorNotInThisAccount",
      `the trust anchor ${trustAnchorArn} is not in this server's account and region (${scope.accountId}, ${scope.region}); use a trust anchor of ${formatArn(scope, "trust-anchor", "<id>")}`,
      { detail },
    );
  }
  const state = await caches.trustAnchor(arn.resourceId);
  if (!state.found) {
    throw new CreateSessionRefusal(
      "TrustAnchorNotFound",
      `there is no trust anchor ${arn.resourceId} in account ${scope.accountId}, region ${scope.region}; check trustAnchorArn (aws rolesanywhere list-trust-anchors)`,
      { detail },
    );
  }
  if (!state.record.enabled) {
    throw new CreateSessionRefusal(
      "TrustAnchorDisabled",
      `the trust anchor ${state.record.name} (${trustAnchorArn}) is disabled; enable it (aws rolesanywhere enable-trust-anchor --trust-anchor-id ${arn.resourceId})`,
      { detail },
    );
  }
  if (state.anchors === undefined) {
    throw new CreateSessionRefusal(
      "TrustAnchorUnusable",
      `the trust anchor ${state.record.name} (${trustAnchorArn}) cannot be used: ${state.problem ?? "no certificates"}; update its source (aws rolesanywhere update-trust-anchor)`,
      { detail },
    );
  }
  return {
    record: state.record,
    anchors: state.anchors,
    revocation: state.revocation,
    crlProblems: state.crlProblems,
  };
}
