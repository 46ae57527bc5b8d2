/**
 * Quotes text taken from a policy document for an error message, cut to a bounded length so a
 * hostile or accidental megabyte-long value cannot blow up a message or a log line.
 */
export const MAX_QUOTED = 120;

/**
 * @example
 * quoteInput("allow"); // '"allow"'
 * quoteInput("x".repeat(500)).length; // 124 (120 characters, the ellipsis and two quotes)
 */
export function quoteInput(text: string, max = MAX_QUOTED): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
