import { uriEncode } from "./uri-encode.js";

/** A segment that normalisation removes or changes: empty (`//`), `.` or `..`. */
const ODD_SEGMENT = /\/(?:\.\.?)?(?:\/|$)/;

/**
 * Removes `.` and `..` segments and empty segments (`//`), as SigV4 signers do when path
 * normalisation is on. Keeps a trailing slash. `"/a/./b/../c//"` → `"/a/c/"`.
 */
export function normalizePath(path: string): string {
  // Already normal (`/sessions`, `/a/b/`): starts with '/', and no segment but a final one is empty,
  // none is '.' or '..'.
  if (path.startsWith("/") && !ODD_SEGMENT.test(path.slice(0, -1)) && !/\/\.\.?$/.test(path)) return path;
  return normalizeBySegments(path);
}

/**
 * The definition of normalisation, segment by segment: drop empty and '.' segments, '..' drops the
 * previous one, keep a trailing slash. `normalizePath` returns already-normal paths without it.
 */
export function normalizeBySegments(path: string): string {
  const out: string[] = [];
  const segments = path.split("/");
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  const last = segments[segments.length - 1];
  const trailingSlash = last === "" || last === "." || last === "..";
  return out.length === 0 ? "/" : `/${out.join("/")}${trailingSlash ? "/" : ""}`;
}

/**
 * The SigV4 canonical URI of a request path as it appears on the wire (`/sessions`). Each byte other
 * than the unreserved characters and `/` is percent-encoded; an already-encoded path is encoded again
 * (`%20` → `%2520`), as every non-S3 SigV4 signer does. Path normalisation is on by default.
 */
export function canonicalUri(path: string, options: { normalize?: boolean } = {}): string {
  const p = path === "" ? "/" : path;
  return uriEncode(options.normalize === false ? p : normalizePath(p), { keepSlash: true });
}
