// The INI dialect of the AWS shared credentials and config files: `[section]` headers and
// `key = value` lines; `#` and `;` start comments; keys are case-insensitive; later duplicates win.
// Nested values (`s3 =` followed by indented lines) are read as their own keys of the section.

/** Sections by name, each a map of lower-case keys to values. */
export type IniSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Parses an AWS-style INI file. Lines outside any section are ignored, as the AWS CLI does. */
export function parseIni(text: string): IniSections {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (current === undefined || eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    // An inline comment needs whitespace before it, so values may contain '#' (secrets can).
    const value = line
      .slice(eq + 1)
      .replace(/\s+[#;].*$/, "")
      .trim();
    current.set(key, value);
  }
  return sections;
}
