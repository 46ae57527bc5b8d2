import type { SessionCredentials } from "@anchorage/credential-provider";

/** The keys `update` manages in its profile, in the order it writes them. */
export const MANAGED_KEYS = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"] as const;

const SECTION = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/;
const KEY = /^\s*([^=:\s[#;][^=:]*?)\s*[=:]/;

const values = (c: SessionCredentials): Record<(typeof MANAGED_KEYS)[number], string> => ({
  aws_access_key_id: c.accessKeyId,
  aws_secret_access_key: c.secretAccessKey,
  aws_session_token: c.sessionToken,
});

/** Refuses values that would break the file's line structure (the server's, so unlikely). */
function checkValue(name: string, value: string): void {
  if (/[\r\n]/.test(value) || value !== value.trim() || value === "")
    throw new Error(`CreateSession returned a ${name} that cannot be written to a credentials file`);
}

/**
 * Writes the credentials into profile `profile` of a shared credentials file's content and returns
 * the new content. Every other byte is kept: other profiles, comments, blank lines, unmanaged keys
 * of the profile (`region`…), the line ending style (CRLF stays CRLF) and a missing final newline
 * elsewhere. Managed keys already present are replaced in place (a later duplicate is dropped, with
 * its continuation lines); missing ones are added right after the profile's last key line. A new
 * profile is appended after a blank line. Unlike AWS's helper v1.4, the profile's last line is never
 * dropped and nothing is added past the section's end.
 *
 * @example
 * mergeCredentials("[other]\nregion = eu-west-1\n", "default", credentials)
 * // "[other]\nregion = eu-west-1\n\n[default]\naws_access_key_id = ASIA…\naws_secret_access_key = …\naws_session_token = …\n"
 */
export function mergeCredentials(
  content: string | undefined,
  profile: string,
  credentials: SessionCredentials,
): string {
  const wanted = values(credentials);
  for (const key of MANAGED_KEYS) checkValue(key, wanted[key]);
  const text = content ?? "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const block = MANAGED_KEYS.map((k) => `${k} = ${wanted[k]}`);
  if (text === "") return `[${profile}]${eol}${block.join(eol)}${eol}`;

  // Lines with their terminators, so untouched lines come back byte for byte.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const body = (line: string): string => line.replace(/\r?\n$/, "");
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = SECTION.exec(body(lines[i]!));
    if (m !== null && m[1]!.trim() === profile) {
      start = i;
      break;
    }
  }
  if (start === -1) {
    const ended = text.endsWith("\n");
    const blankBefore = ended && (text.endsWith(`${eol}${eol}`) || lines.length === 0) ? "" : eol;
    return `${text}${ended ? "" : eol}${blankBefore}[${profile}]${eol}${block.join(eol)}${eol}`;
  }
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (SECTION.test(body(lines[i]!))) {
      end = i;
      break;
    }
  }
  const out: string[] = lines.slice(0, start + 1);
  const written = new Set<string>();
  let lastKeyLine = out.length - 1; // insertion point: after the last key (or the header)
  let skippingContinuation = false;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]!;
    const text = body(line);
    if (skippingContinuation && /^\s+\S/.test(text) && !/^\s*[#;]/.test(text)) continue;
    skippingContinuation = false;
    const key = KEY.exec(text)?.[1]?.toLowerCase();
    const managed = MANAGED_KEYS.find((k) => k === key);
    if (managed !== undefined) {
      skippingContinuation = true;
      if (written.has(managed)) continue; // a later duplicate: the file keeps one value
      written.add(managed);
      const terminator = line.endsWith("\n") ? line.slice(text.length) : eol;
      out.push(`${/^\s*/.exec(text)![0]}${managed} = ${wanted[managed]}${terminator}`);
      lastKeyLine = out.length - 1;
      continue;
    }
    out.push(line);
    if (key !== undefined && !/^\s/.test(text)) lastKeyLine = out.length - 1;
  }
  const missing = MANAGED_KEYS.filter((k) => !written.has(k)).map((k) => `${k} = ${wanted[k]}${eol}`);
  if (missing.length > 0) {
    const at = out[lastKeyLine]!;
    if (!at.endsWith("\n")) out[lastKeyLine] = `${at}${eol}`;
    out.splice(lastKeyLine + 1, 0, ...missing);
  }
  return [...out, ...lines.slice(end)].join("");
}
