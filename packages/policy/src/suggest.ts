/** "Did you mean …?" suggestions for misspelt element names and condition operators. */

/** Inputs longer than this get no suggestion (edit distance is quadratic). */
export const MAX_SUGGEST_INPUT = 64;

/** Levenshtein distance, case-sensitive. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/**
 * The candidate closest to `input`: an exact case-insensitive match first, otherwise the nearest by
 * edit distance (ignoring case) when it is within a third of the input's length (at least 2). No
 * suggestion for inputs longer than {@link MAX_SUGGEST_INPUT}.
 *
 * @example
 * suggest("Efect", ["Sid", "Effect", "Action"]); // "Effect"
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_SUGGEST_INPUT) return undefined; // bounded work for hostile input
  const lower = input.toLowerCase();
  for (const c of candidates) if (c.toLowerCase() === lower) return c;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "X"?` or the empty string. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const s = suggest(input, candidates);
  return s === undefined ? "" : `; did you mean "${s}"?`;
}
