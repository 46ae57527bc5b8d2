// Runs validatePath in-process over the x509-limbo corpus, with the corpus's own selection and
// scoring rules (classify/expectedFor imported from run-limbo.mjs beside the corpus, so they can
// never drift from the reference runner). Used by conformance/limbo.ts and by the test suite;
// scripts/conformance.mjs reuses the loading, selection, scoring and report lines for its run
// through the CLI.
// The corpus is never copied into this repository: it is read from ../shared relative to the repo.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { parseCrl } from "./crl.js";
import { parsePem } from "./pem.js";
import { PkiCache } from "./pki-cache.js";
import { RevocationIndex } from "./revocation-index.js";
import { createTrustAnchorSet } from "./trust-anchors.js";
import { validatePath, type ValidationProfile } from "./validate-path.js";

/** Regression gates: the scores achieved when this was last changed (see CONFORMANCE.md). */
export const LIMBO_THRESHOLDS: Readonly<Record<ValidationProfile, number>> = {
  rfc5280: 146,
  "roles-anywhere": 136,
};

export interface LimboTestcase {
  readonly id: string;
  readonly trusted_certs: readonly string[];
  readonly untrusted_intermediates: readonly string[];
  readonly peer_certificate: string;
  readonly validation_time: string | null;
  readonly max_chain_depth: number | null;
  readonly crls?: readonly string[];
  readonly expected_result: "SUCCESS" | "FAILURE";
}

/** The parts of run-limbo.mjs we reuse (its exported selection and scoring rules). */
export interface LimboRules {
  classify(
    tc: LimboTestcase,
    tpl: ReadonlySet<string>,
    opts: { profile: string; includeWebpki: boolean },
  ): string | null;
  expectedFor(tc: LimboTestcase, opts: { profile: string }): "SUCCESS" | "FAILURE";
  category(id: string): string;
}

export type Verdict = "SUCCESS" | "FAILURE" | "ERROR" | "TIMEOUT";

export interface CaseResult {
  readonly id: string;
  readonly category: string;
  readonly expected: "SUCCESS" | "FAILURE";
  readonly got: Verdict;
  readonly pass: boolean;
  readonly ms: number;
  /** The validator's error code and reason (or the crash/timeout message). */
  readonly code: string | undefined;
  readonly reason: string | undefined;
}

export interface CategoryScore {
  scored: number;
  pass: number;
  successCases: number;
  successPass: number;
  failureCases: number;
  failurePass: number;
  skipped: number;
}

/** A case left out by the corpus's selection rules, and why. */
export interface SkippedCase {
  readonly id: string;
  readonly reason: string;
}

/** The scores of a run: per category and in total (ERROR and TIMEOUT verdicts counted apart). */
export interface LimboScore {
  readonly byCategory: Readonly<Record<string, CategoryScore>>;
  readonly pass: number;
  readonly scored: number;
  readonly errors: number;
}

export interface LimboReport extends LimboScore {
  readonly profile: ValidationProfile;
  readonly corpus: string;
  readonly results: readonly CaseResult[];
  readonly skipped: readonly SkippedCase[];
  readonly seconds: number;
}

/** Where the shared corpus lives: `<repo>/../shared/conformance/x509-limbo`. */
export function defaultLimboDir(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
  return join(repoRoot, "..", "shared", "conformance", "x509-limbo");
}

export const limboAvailable = (dir = defaultLimboDir()): boolean =>
  existsSync(join(dir, "limbo.json.gz")) && existsSync(join(dir, "run-limbo.mjs"));

// The template placeholders a full verifier uses; with {crls} and {max_depth} every case applies.
const FULL_TEMPLATE: ReadonlySet<string> = new Set([
  "anchors",
  "leaf",
  "intermediates",
  "crls",
  "time",
  "max_depth",
]);

export interface RunLimboOptions {
  readonly profile: ValidationProfile;
  readonly dir?: string;
  /** Per-case time bound (the validator's own budget, and the verdict becomes TIMEOUT beyond it). */
  readonly timeoutMs?: number;
  /** Time for testcases without validation_time (the corpus's certificates are valid 1970–2969). */
  readonly now: Date;
}

/** The corpus's test cases and its own rules (run-limbo.mjs), read from `dir`. */
export async function loadLimbo(dir = defaultLimboDir()): Promise<{
  readonly corpusPath: string;
  readonly rules: LimboRules;
  readonly testcases: readonly LimboTestcase[];
}> {
  const corpusPath = join(dir, "limbo.json.gz");
  const rules = (await import(pathToFileURL(join(dir, "run-limbo.mjs")).href)) as LimboRules;
  const corpus = JSON.parse(gunzipSync(readFileSync(corpusPath)).toString("utf8")) as {
    testcases: LimboTestcase[];
  };
  return { corpusPath, rules, testcases: corpus.testcases };
}

/**
 * The cases that apply to `profile` for a full verifier (the corpus's own `classify`), and the
 * others with the reason; `include` narrows the corpus first (e.g. an id filter).
 */
export function selectLimboCases(
  rules: LimboRules,
  testcases: readonly LimboTestcase[],
  profile: ValidationProfile,
  include: (tc: LimboTestcase) => boolean = () => true,
): { readonly selected: LimboTestcase[]; readonly skipped: SkippedCase[] } {
  const opts = { profile, includeWebpki: false };
  const selected: LimboTestcase[] = [];
  const skipped: SkippedCase[] = [];
  for (const tc of testcases) {
    if (!include(tc)) continue;
    const why = rules.classify(tc, FULL_TEMPLATE, opts);
    if (why) skipped.push({ id: tc.id, reason: why });
    else selected.push(tc);
  }
  return { selected, skipped };
}

/** Scores verdicts per category (RESULTS.md's columns), counting the skipped cases of each too. */
export function scoreLimbo(
  results: readonly Pick<CaseResult, "category" | "expected" | "got" | "pass">[],
  skipped: readonly SkippedCase[],
  category: (id: string) => string,
): LimboScore {
  const byCategory: Record<string, CategoryScore> = {};
  const bucket = (cat: string): CategoryScore =>
    (byCategory[cat] ??= {
      scored: 0,
      pass: 0,
      successCases: 0,
      successPass: 0,
      failureCases: 0,
      failurePass: 0,
      skipped: 0,
    });
  for (const r of results) {
    const b = bucket(r.category);
    b.scored++;
    if (r.pass) b.pass++;
    if (r.expected === "SUCCESS") {
      b.successCases++;
      if (r.pass) b.successPass++;
    } else {
      b.failureCases++;
      if (r.pass) b.failurePass++;
    }
  }
  for (const s of skipped) bucket(category(s.id)).skipped++;
  return {
    byCategory,
    pass: results.filter((r) => r.pass).length,
    scored: results.length,
    errors: results.filter((r) => r.got === "ERROR" || r.got === "TIMEOUT").length,
  };
}

export async function runLimbo(options: RunLimboOptions): Promise<LimboReport> {
  const { corpusPath, rules, testcases } = await loadLimbo(options.dir);
  const opts = { profile: options.profile };
  const timeoutMs = options.timeoutMs ?? 5_000;
  const t0 = performance.now();
  const { selected, skipped } = selectLimboCases(rules, testcases, options.profile);
  const results: CaseResult[] = selected.map((tc) => {
    const expected = rules.expectedFor(tc, opts);
    const r = runCase(tc, options.profile, options.now, timeoutMs);
    return { id: tc.id, category: rules.category(tc.id), expected, pass: r.got === expected, ...r };
  });
  return {
    profile: options.profile,
    corpus: corpusPath,
    results,
    skipped,
    ...scoreLimbo(results, skipped, (id) => rules.category(id)),
    seconds: (performance.now() - t0) / 1000,
  };
}

const pemDers = (pems: readonly string[]): Buffer[] => pems.flatMap((p) => parsePem(p).map((b) => b.der));

function runCase(
  tc: LimboTestcase,
  profile: ValidationProfile,
  now: Date,
  timeoutMs: number,
): Omit<CaseResult, "id" | "category" | "expected" | "pass"> {
  const start = performance.now();
  const done = (got: Verdict, code?: string, reason?: string) => {
    const ms = performance.now() - start;
    if (ms > timeoutMs)
      return {
        got: "TIMEOUT" as const,
        ms,
        code,
        reason: `took ${ms.toFixed(0)} ms (bound ${timeoutMs} ms)`,
      };
    return { got, ms, code, reason };
  };
  try {
    // A fresh cache per case: cases reuse subjects and keys, verdicts must not leak between them.
    const cache = new PkiCache();
    const anchors = createTrustAnchorSet(
      pemDers(tc.trusted_certs).flatMap((der) => {
        try {
          return [cache.certificate(der)];
        } catch {
          // An anchor we cannot parse cannot terminate a path; the case goes on without it.
          return [];
        }
      }),
      { cache },
    );
    let revocation: RevocationIndex | undefined;
    if (tc.crls && tc.crls.length > 0) {
      try {
        revocation = new RevocationIndex(tc.crls.map((c) => parseCrl(c)));
      } catch (cause) {
        return done("FAILURE", "NotACrl", cause instanceof Error ? cause.message : String(cause));
      }
    }
    const [leaf] = pemDers([tc.peer_certificate]);
    if (!leaf) return done("FAILURE", "InvalidPem", "no leaf certificate");
    const r = validatePath({
      leaf,
      intermediates: pemDers(tc.untrusted_intermediates),
      anchors,
      time: tc.validation_time ? new Date(tc.validation_time) : now,
      revocation,
      maxDepth: tc.max_chain_depth ?? undefined,
      profile,
      cache,
      limits: { maxMillis: timeoutMs },
    });
    return r.ok ? done("SUCCESS") : done("FAILURE", r.code, r.reason);
  } catch (cause) {
    return done("ERROR", "crash", cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
  }
}

/** `p` of `t` as a percentage with one decimal. */
export const percent = (p: number, t: number): string => (t ? ((100 * p) / t).toFixed(1) : "0.0");

/** One line per category, sorted, in the shape of RESULTS.md. */
export function formatCategoryScores(byCategory: Readonly<Record<string, CategoryScore>>): string[] {
  return Object.entries(byCategory)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([k, c]) =>
        `  ${`${k}::`.padEnd(15)} ${String(c.pass).padStart(3)}/${String(c.scored).padEnd(3)} (${percent(c.pass, c.scored)}%)  accept-ok ${c.successPass}/${c.successCases}  reject-ok ${c.failurePass}/${c.failureCases}  skipped ${c.skipped}`,
    );
}

/** Text report in the shape of RESULTS.md: one line per category, failures with reasons, the score. */
export function formatLimboReport(r: LimboReport): string {
  const lines = [
    `x509-limbo, profile ${r.profile} (${r.corpus}), ${r.seconds.toFixed(1)} s`,
    ...formatCategoryScores(r.byCategory),
  ];
  const failures = r.results.filter((x) => !x.pass);
  if (failures.length > 0) {
    lines.push(`failures (${failures.length}):`);
    for (const f of failures)
      lines.push(
        `  ${f.id}: expected ${f.expected}, got ${f.got}${f.code ? ` [${f.code}]` : ""}${f.reason ? ` — ${f.reason}` : ""}`,
      );
  }
  lines.push(`limbo: ${r.pass}/${r.scored} (${percent(r.pass, r.scored)}%)`);
  return lines.join("\n");
}
