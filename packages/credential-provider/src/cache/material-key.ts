import type { LoadedCertificate } from "../material/certificate.js";
import type { SessionConfig } from "../session-config.js";
import { credentialCacheKey } from "./cache-key.js";

/**
 * The cache key of a CreateSession call with this material and configuration: the certificate, its
 * public key (the private key's public half: loading checks they match), the chain, the ARNs, region,
 * endpoint, duration and session name. Never the private key.
 */
export function cacheKeyFor(
  material: {
    readonly certificate: Pick<LoadedCertificate, "der" | "x509">;
    readonly chain: readonly Uint8Array[];
  },
  config: SessionConfig,
): string {
  return credentialCacheKey({
    certificate: material.certificate.der,
    chain: material.chain,
    publicKey: material.certificate.x509.publicKey.export({ type: "spki", format: "der" }),
    trustAnchorArn: config.trustAnchorArn,
    profileArn: config.profileArn,
    roleArn: config.roleArn,
    region: config.region,
    endpoint: config.endpoint.href,
    durationSeconds: config.durationSeconds,
    roleSessionName: config.roleSessionName,
  });
}
