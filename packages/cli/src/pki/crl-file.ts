// CRLs from a file: PEM (any number of `X509 CRL` blocks) or one DER CRL. A file that holds other
// things (a certificate, a key) is a usage error; a CRL that cannot be honoured (bad encoding,
// critical cRLNumber, delta CRL…) is the PKI's NotACrl, reported by the caller.
import { parseCrlBundle, parsePem, type ParsedCrl } from "@anchorage/pki";
import { usageError } from "./cli-error.js";
import { readInputFile } from "./input-file.js";

const CRL_LABELS: ReadonlySet<string> = new Set(["X509 CRL", "CRL"]);

export async function readCrlFile(path: string, what: string): Promise<ParsedCrl[]> {
  const bytes = await readInputFile(path, what);
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN")) {
    let labels: string[];
    try {
      labels = parsePem(text).map((b) => b.label);
    } catch (cause) {
      throw usageError(`${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    const other = labels.find((l) => !CRL_LABELS.has(l));
    if (other !== undefined) throw usageError(`${what} ${path}: expected CRLs, found a ${other} PEM block`);
  } else if (bytes.length > 0 && text.trim() !== "" && bytes[0] !== 0x30) {
    throw usageError(`${what} ${path} is neither a PEM nor a DER CRL`);
  }
  return parseCrlBundle(bytes);
}
