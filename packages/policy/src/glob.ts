/**
 * IAM wildcard patterns (`*` = any run of characters, including none, `/` and `:`; `?` = exactly one
 * character), compiled once into tokens and matched without regular expressions or allocation.
 *
 * Used for `Action`/`NotAction` (case-insensitive: both sides lower-cased by the caller),
 * `Resource`/`NotResource`, `StringLike`, and each field of `ArnLike` (case-sensitive).
 * Source: iam-sts.md §1.1, §2.2.
 */

/** Any run of characters (`*`). */
export const STAR = 0;
/** Exactly one character (`?`). */
export const QMARK = 1;

/** A literal run of text, or one of the wildcards. */
export type GlobToken = string | typeof STAR | typeof QMARK;

/** A compiled pattern: a sequence of tokens; adjacent literal runs are merged, repeated `*` collapsed. */
export type Glob = readonly GlobToken[];

/** Compiles pattern text in which every `*` and `?` is a wildcard. */
export function compileGlob(pattern: string): Glob {
  const out: GlobToken[] = [];
  appendGlob(out, pattern);
  return out;
}

/** Appends pattern text (wildcards active) to a token list under construction. */
export function appendGlob(out: GlobToken[], pattern: string): void {
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */) {
      if (i > start) appendLiteral(out, pattern.slice(start, i));
      const token = c === 42 ? STAR : QMARK;
      if (!(token === STAR && out[out.length - 1] === STAR)) out.push(token);
      start = i + 1;
    }
  }
  if (start < pattern.length) appendLiteral(out, pattern.slice(start));
}

/** Appends literal text (no wildcards: `*` and `?` stand for themselves). */
export function appendLiteral(out: GlobToken[], text: string): void {
  if (text.length === 0) return;
  const last = out[out.length - 1];
  if (typeof last === "string") out[out.length - 1] = last + text;
  else out.push(text);
}

/** True when the pattern contains no wildcard, i.e. it is one literal (or empty). */
export function isLiteralGlob(glob: Glob): boolean {
  return glob.length === 0 || (glob.length === 1 && typeof glob[0] === "string");
}

/**
 * Matches `text` against the whole pattern. Greedy with backtracking to the last `*` (the classic
 * linear-space algorithm; worst case O(|pattern|·|text|), no recursion).
 *
 * @example
 * matchGlob(compileGlob("arn:aws:s3:::bucket/*"), "arn:aws:s3:::bucket/a/b") // true
 * matchGlob(compileGlob("s3:get?bject"), "s3:getobject") // true
 */
export function matchGlob(glob: Glob, text: string): boolean {
  // Fast paths for the common shapes.
  const n = glob.length;
  if (n === 0) return text.length === 0;
  if (n === 1) {
    const t = glob[0];
    if (t === STAR) return true;
    if (t === QMARK) return text.length === 1;
    return t === text;
  }
  if (n === 2 && glob[1] === STAR && typeof glob[0] === "string") return text.startsWith(glob[0]);
  if (n === 2 && glob[0] === STAR && typeof glob[1] === "string") return text.endsWith(glob[1]);

  let ti = 0; // token index
  let p = 0; // position in text
  let starToken = -1;
  let starPos = 0;
  for (;;) {
    if (ti < n) {
      const t = glob[ti] as GlobToken;
      if (t === STAR) {
        starToken = ti;
        starPos = p;
        ti++;
        continue;
      }
      if (t === QMARK) {
        if (p < text.length) {
          p++;
          ti++;
          continue;
        }
      } else if (text.startsWith(t, p)) {
        p += t.length;
        ti++;
        continue;
      }
    } else if (p === text.length) {
      return true;
    }
    // Mismatch: let the last `*` absorb one more character, or fail.
    if (starToken < 0 || starPos >= text.length) return false;
    starPos++;
    p = starPos;
    ti = starToken + 1;
  }
}

/** Renders a compiled pattern back to IAM pattern text (literal `*`/`?` shown as `${*}`/`${?}`). */
export function formatGlob(glob: Glob): string {
  let s = "";
  for (const t of glob) {
    if (t === STAR) s += "*";
    else if (t === QMARK) s += "?";
    else s += t.replace(/[*?$]/g, (c) => "${" + c + "}");
  }
  return s;
}
