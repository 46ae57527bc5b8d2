import { PACKAGE_VERSION, USER_AGENT_PRODUCT } from "./constants.js";

/** The runtime facts a User-Agent names (`process` has them all). */
export interface RuntimeInfo {
  readonly versions: { readonly node: string };
  readonly platform: string;
  readonly arch: string;
}

/**
 * The unsigned User-Agent of CreateSession, shaped like AWS's helper's
 * (`CredHelper/1.4.0 (go1.19.8; linux; amd64)`): `anchorage/0.1.0 (node 20.20.2; linux; x64)`.
 *
 * @example
 * userAgent("anchorage", "0.1.0", { versions: { node: "20.20.2" }, platform: "linux", arch: "x64" })
 * // "anchorage/0.1.0 (node 20.20.2; linux; x64)"
 */
export function userAgent(
  product: string = USER_AGENT_PRODUCT,
  version: string = PACKAGE_VERSION,
  runtime: RuntimeInfo = process,
): string {
  return `${product}/${version} (node ${runtime.versions.node}; ${runtime.platform}; ${runtime.arch})`;
}
