// Subjects on the command line: `--subject "CN=app,O=Example,OU=a,OU=b"` (RFC 4514 order as written,
// `\,` escapes), the openssl form `/CN=app/O=Example`, or the flags --cn --o --ou --c --st --l.
import type { SubjectFields } from "@anchorage/pki/issue";
import { usageError } from "./cli-error.js";

/** The subject flags a command accepts. */
export interface SubjectFlags {
  readonly subject?: string;
  readonly cn?: string;
  readonly o?: string;
  readonly ou?: readonly string[];
  readonly c?: string;
  readonly st?: string;
  readonly l?: string;
}

type Key = keyof SubjectFields;
const KEYS: Readonly<Record<string, Key>> = {
  c: "C",
  st: "ST",
  l: "L",
  o: "O",
  ou: "OU",
  cn: "CN",
  emailaddress: "emailAddress",
  e: "emailAddress",
  email: "emailAddress",
  uid: "UID",
  serialnumber: "SERIALNUMBER",
  dc: "DC",
};
const REPEATABLE: ReadonlySet<Key> = new Set<Key>(["OU", "DC"]);

/** Parses `--subject`; throws a usage error naming the bad part. */
export function parseSubjectArg(text: string): SubjectFields {
  const slashForm = text.trimStart().startsWith("/");
  const parts = splitUnescaped(slashForm ? text.trim().slice(1) : text, slashForm ? "/" : ",");
  const out: Partial<Record<Key, string | string[]>> = {};
  for (const part of parts) {
    if (part.trim() === "") continue;
    const eq = indexOfUnescaped(part, "=");
    if (eq < 0) throw usageError(`--subject: "${part.trim()}" is not TYPE=value`);
    const type = part.slice(0, eq).trim();
    const key = KEYS[type.toLowerCase()];
    if (key === undefined)
      throw usageError(
        `--subject: unknown attribute type "${type}"; use C, ST, L, O, OU, CN, emailAddress, UID, SERIALNUMBER or DC`,
      );
    if (indexOfUnescaped(part.slice(eq + 1), "+") >= 0)
      throw usageError(`--subject: multi-valued RDNs ("+") are not supported: "${part.trim()}"`);
    const value = unescape(part.slice(eq + 1).trim());
    if (value === "") throw usageError(`--subject: ${type} has an empty value`);
    const prev = out[key];
    if (prev === undefined) out[key] = REPEATABLE.has(key) ? [value] : value;
    else if (Array.isArray(prev)) prev.push(value);
    else throw usageError(`--subject: ${type} appears more than once`);
  }
  if (Object.keys(out).length === 0) throw usageError("--subject is empty; give at least CN=NAME");
  checkCountry(out.C as string | undefined, "--subject C");
  return out as SubjectFields;
}

/**
 * The subject from `--subject` or the individual flags (not both); `undefined` when none is given.
 */
export function subjectFromFlags(flags: SubjectFlags): SubjectFields | undefined {
  const single = {
    ...(flags.c !== undefined ? { C: flags.c } : {}),
    ...(flags.st !== undefined ? { ST: flags.st } : {}),
    ...(flags.l !== undefined ? { L: flags.l } : {}),
    ...(flags.o !== undefined ? { O: flags.o } : {}),
    ...(flags.ou !== undefined && flags.ou.length > 0 ? { OU: [...flags.ou] } : {}),
    ...(flags.cn !== undefined ? { CN: flags.cn } : {}),
  };
  const hasSingle = Object.keys(single).length > 0;
  if (flags.subject !== undefined && hasSingle)
    throw usageError("give either --subject or the --cn/--o/--ou/--c/--st/--l flags, not both");
  if (flags.subject !== undefined) return parseSubjectArg(flags.subject);
  for (const [k, v] of Object.entries(single))
    if ((Array.isArray(v) ? v : [v]).some((x: string) => x.trim() === ""))
      throw usageError(`--${k.toLowerCase()} must not be empty`);
  checkCountry(flags.c, "--c");
  return hasSingle ? single : undefined;
}

function checkCountry(value: string | undefined, what: string): void {
  if (value !== undefined && !/^[A-Z]{2}$/.test(value))
    throw usageError(`${what} must be a two-letter country code in capitals (ISO 3166), got "${value}"`);
}

function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      cur += ch + text[++i]!;
    } else if (ch === sep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function indexOfUnescaped(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, "$1");
