// Validation times on the command line: ISO 8601 / RFC 3339 (`2026-03-01T12:00:00Z`, a date alone
// is midnight UTC, a time without a zone is UTC) or Unix seconds (`1772366400`, optionally `@1772366400`).
import { usageError } from "./cli-error.js";

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseTimeArg(text: string, flag = "--at"): Date {
  const s = text.trim();
  let ms: number;
  if (/^@?\d{1,12}$/.test(s)) ms = Number(s.replace("@", "")) * 1000;
  else if (ISO.test(s)) {
    // A date alone is midnight UTC; a time without a zone is UTC too (not the machine's local time).
    const t = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00` : s.replace(" ", "T");
    ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) ? t : `${t}Z`);
  } else ms = Number.NaN;
  if (!Number.isFinite(ms))
    throw usageError(`${flag} "${text}" is not a time; use ISO 8601 (2026-03-01T12:00:00Z) or Unix seconds`);
  return new Date(ms);
}
