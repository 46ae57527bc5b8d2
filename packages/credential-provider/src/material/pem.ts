// PEM (RFC 7468, with RFC 1421 headers for legacy encrypted keys): parse and format as a pair.

/** One `-----BEGIN <label>-----` … `-----END <label>-----` block. */
export interface PemBlock {
  readonly label: string;
  /** RFC 1421 headers such as `Proc-Type` and `DEK-Info` (legacy OpenSSL encryption). */
  readonly headers: Readonly<Record<string, string>>;
  readonly der: Buffer;
  /** The block re-encoded canonically (headers kept, 64-character lines): what node:crypto is given. */
  readonly text: string;
}

/** A PEM syntax error; `block` is the 1-based index of the offending block. */
export class PemError extends Error {
  override readonly name = "PemError";
  constructor(
    message: string,
    readonly block: number,
  ) {
    super(message);
  }
}

const BEGIN = /^-----BEGIN ([A-Z0-9][A-Z0-9 ]*)-----$/;
const END = /^-----END ([A-Z0-9][A-Z0-9 ]*)-----$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BEGIN_MARKER = "-----BEGIN ";

/** True when the content is PEM text (contains a BEGIN line marker). */
export function looksLikePem(content: string | Uint8Array): boolean {
  return typeof content === "string"
    ? content.includes(BEGIN_MARKER)
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(BEGIN_MARKER, 0, "latin1");
}

/**
 * Every block in `text`, in order. Text outside blocks (comments, `openssl x509 -text` output,
 * `Bag Attributes`) is ignored; a block without its END line, with a mismatched END label, or with
 * anything but base64 in its body is an error.
 */
export function parsePem(text: string): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]!.trim());
    if (begin === null) {
      if (lines[i]!.includes(BEGIN_MARKER)) throw new PemError(`malformed BEGIN line`, blocks.length + 1);
      continue;
    }
    const label = begin[1]!;
    const index = blocks.length + 1;
    const headers: Record<string, string> = {};
    const body: string[] = [];
    let inHeaders = true;
    let lastHeader: string | undefined;
    for (i++; ; i++) {
      if (i >= lines.length) throw new PemError(`${label} block has no END line`, index);
      const line = lines[i]!.trim();
      const end = END.exec(line);
      if (end !== null) {
        if (end[1] !== label) throw new PemError(`${label} block ends with END ${end[1]}`, index);
        break;
      }
      if (line.startsWith("-----")) throw new PemError(`${label} block has no END line`, index);
      if (inHeaders) {
        const header = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (header !== null) {
          lastHeader = header[1]!;
          headers[lastHeader] = header[2]!;
          continue;
        }
        if (lastHeader !== undefined && /^\s/.test(lines[i]!) && line !== "") {
          headers[lastHeader] += line;
          continue;
        }
        inHeaders = false;
        if (line === "") continue;
      }
      body.push(line);
    }
    const base64 = body.join("");
    if (!BASE64.test(base64) || base64.length % 4 !== 0 || base64.length === 0) {
      throw new PemError(`${label} block is not valid base64`, index);
    }
    const der = Buffer.from(base64, "base64");
    blocks.push({ label, headers, der, text: formatPem(label, der, headers) });
  }
  return blocks;
}

/** PEM text of one block, 64 base64 characters a line, ending with a newline. */
export function formatPem(
  label: string,
  der: Uint8Array,
  headers: Readonly<Record<string, string>> = {},
): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\n`);
  const separator = head.length > 0 ? "\n" : "";
  return `-----BEGIN ${label}-----\n${head.join("")}${separator}${lines.join("\n")}\n-----END ${label}-----\n`;
}
