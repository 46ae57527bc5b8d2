// The paths and header names of the IMDSv2 endpoint, as AWS's helper v1.4 registers them.
export const TOKEN_PATH = "/latest/api/token";
export const CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials";
export const CREDENTIALS_DIR = `${CREDENTIALS_PATH}/`;
export const TOKEN_HEADER = "x-aws-ec2-metadata-token";
export const TOKEN_TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
/** How the helper spells the TTL header on the wire (Go's canonical form). */
export const TOKEN_TTL_HEADER_WIRE = "X-Aws-Ec2-Metadata-Token-Ttl-Seconds";
export const FORWARDED_FOR_HEADER = "x-forwarded-for";

/**
 * Go's `path.Clean` for a request path, as `http.ServeMux` applies it (a trailing slash is kept): a
 * path that differs from its clean form is redirected to it.
 */
export function cleanPath(path: string): string {
  if (path === "") return "/";
  const rooted = path.startsWith("/") ? path : `/${path}`;
  const out: string[] = [];
  for (const part of rooted.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  let clean = `/${out.join("/")}`;
  if (rooted.endsWith("/") && clean !== "/") clean += "/";
  return clean;
}

/** Which handler of the helper's mux a clean path reaches. */
export type ImdsRoute =
  | { readonly kind: "token" }
  | { readonly kind: "role-name" }
  | { readonly kind: "credentials" }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "not-found" };

/**
 * Routes like the helper v1.4's `http.ServeMux`: `/latest/api/token` exactly; the credentials of
 * `…/security-credentials/<role>` exactly; anything else under `…/security-credentials/` the role
 * name; `…/security-credentials` (no slash) and unclean paths a 301; everything else 404.
 */
export function routeImds(rawPath: string, roleName: string): ImdsRoute {
  const clean = cleanPath(rawPath);
  if (clean !== rawPath) return { kind: "redirect", location: clean };
  if (rawPath === TOKEN_PATH) return { kind: "token" };
  if (rawPath === `${CREDENTIALS_DIR}${roleName}`) return { kind: "credentials" };
  if (rawPath.startsWith(CREDENTIALS_DIR)) return { kind: "role-name" };
  if (rawPath === CREDENTIALS_PATH) return { kind: "redirect", location: CREDENTIALS_DIR };
  return { kind: "not-found" };
}
