/**
 * Action matching, compiled once per statement: patterns grouped by service prefix (a prefix never
 * contains wildcards, iam-sts.md §1.1), exact names in a set, wildcard patterns as globs. A request
 * touches only its own service's patterns, so large managed policies (hundreds of `svc:Get*`
 * entries) cost one map lookup. Everything is lower-cased: action names are case-insensitive.
 */
import { compileGlob, isLiteralGlob, matchGlob, type Glob } from "./glob.js";

interface ServiceActions {
  readonly exact: Set<string>;
  readonly globs: Glob[];
}

/** The compiled `Action` / `NotAction` list of one statement. */
export interface ActionMatcher {
  /** The list contains `"*"`. */
  readonly any: boolean;
  readonly byService: ReadonlyMap<string, ServiceActions>;
}

/** The service prefix of a lower-cased action (`s3` of `s3:getobject`), or the whole text without a colon. */
export function serviceOf(actionLower: string): string {
  const colon = actionLower.indexOf(":");
  return colon < 0 ? actionLower : actionLower.slice(0, colon);
}

/**
 * Compiles valid action patterns (`"*"` or `service:pattern`).
 *
 * @example
 * const m = compileActions(["s3:Get*", "sqs:SendMessage"]);
 * matchAction(m, "s3", "s3:getobject"); // true
 */
export function compileActions(patterns: readonly string[]): ActionMatcher {
  let any = false;
  const byService = new Map<string, ServiceActions>();
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p === "*") {
      any = true;
      continue;
    }
    const service = serviceOf(p);
    let entry = byService.get(service);
    if (!entry) byService.set(service, (entry = { exact: new Set(), globs: [] }));
    const glob = compileGlob(p);
    if (isLiteralGlob(glob)) entry.exact.add(p);
    else entry.globs.push(glob);
  }
  return { any, byService };
}

/** Whether the lower-cased action matches any pattern. */
export function matchAction(m: ActionMatcher, service: string, actionLower: string): boolean {
  if (m.any) return true;
  const entry = m.byService.get(service);
  if (!entry) return false;
  if (entry.exact.has(actionLower)) return true;
  const globs = entry.globs;
  for (let i = 0; i < globs.length; i++) if (matchGlob(globs[i] as Glob, actionLower)) return true;
  return false;
}
