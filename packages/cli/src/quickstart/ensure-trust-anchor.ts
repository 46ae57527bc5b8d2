// The quickstart's trust anchor: found by name and reused (its bundle replaced when the CA changed,
// enabled when someone disabled it), or created enabled. Never a second one.
import type { RolesAnywhereApi, TrustAnchorDetail } from "../doctor/api/roles-anywhere-api.js";
import { QUICKSTART_TAG } from "./documents.js";

export type Ensured = "created" | "reused" | "updated";

export interface EnsuredResource<T> {
  readonly value: T;
  readonly action: Ensured;
  /** What changed, for an update. */
  readonly changes: readonly string[];
}

type AnchorApi = Pick<
  RolesAnywhereApi,
  "listTrustAnchors" | "createTrustAnchor" | "updateTrustAnchorBundle" | "enableTrustAnchor"
>;

const normalisePem = (pem: string): string => pem.replace(/\s+/g, "");

export async function ensureTrustAnchor(
  api: AnchorApi,
  name: string,
  bundlePem: string,
): Promise<EnsuredResource<TrustAnchorDetail>> {
  let anchor = (await api.listTrustAnchors()).find((a) => a.name === name);
  if (anchor === undefined)
    return {
      value: await api.createTrustAnchor({ name, bundlePem, enabled: true, tags: [QUICKSTART_TAG] }),
      action: "created",
      changes: [],
    };
  const changes: string[] = [];
  if (normalisePem(anchor.source.sourceData?.x509CertificateData ?? "") !== normalisePem(bundlePem)) {
    anchor = await api.updateTrustAnchorBundle(anchor.trustAnchorId, bundlePem);
    changes.push("bundle replaced with the CA certificate");
  }
  if (!anchor.enabled) {
    anchor = await api.enableTrustAnchor(anchor.trustAnchorId);
    changes.push("enabled");
  }
  return { value: anchor, action: changes.length === 0 ? "reused" : "updated", changes };
}
