// PEM (RFC 7468) parse/format pair. Text outside BEGIN/END lines is ignored, as openssl does;
// inside a block only strict base64 is accepted.
import { PkiError } from "./errors.js";

export interface PemBlock {
  /** The label between "BEGIN " and "-----", e.g. "CERTIFICATE" or "X509 CRL". */
  readonly label: string;
  readonly der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every PEM block in `text`, in order. Throws `InvalidPem` on a broken block. */
export function parsePem(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const [, begin, body, end] = m as unknown as [string, string, string, string];
    if (begin !== end) throw new PkiError("InvalidPem", `PEM block "BEGIN ${begin}" ends with "END ${end}"`);
    const b64 = body.replace(/\s+/g, "");
    if (body.includes(":"))
      throw new PkiError(
        "InvalidPem",
        `PEM block "${begin}" has headers (encrypted legacy PEM is not supported)`,
      );
    if (!BASE64.test(b64) || b64.length % 4 !== 0)
      throw new PkiError("InvalidPem", `PEM block "${begin}" is not valid base64`);
    const der = Buffer.from(b64, "base64");
    if (der.length === 0) throw new PkiError("InvalidPem", `PEM block "${begin}" is empty`);
    out.push({ label: begin, der });
  }
  return out;
}

/** Formats DER as PEM with 64-character lines and a trailing newline. */
export function formatPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * The DER of every `CERTIFICATE` block. Any other block (a key, a CRL) is an error naming it,
 * so a bundle that accidentally contains a private key is never silently accepted.
 */
export function parseCertificatePems(text: string, what = "PEM input"): Buffer[] {
  const blocks = parsePem(text);
  const other = blocks.find((b) => b.label !== "CERTIFICATE");
  if (other)
    throw new PkiError(
      "InvalidPem",
      `${what}: expected only CERTIFICATE blocks, found a ${other.label} block`,
    );
  return blocks.map((b) => b.der);
}
