// Certificates from a file: PEM (any number of CERTIFICATE blocks) or one DER certificate. The DER
// is returned unparsed: validation and lint parse it themselves and report a broken certificate
// as their own finding, so only "this is not a certificate file at all" is a usage error here.
import { parsePem } from "@anchorage/pki";
import { usageError } from "./cli-error.js";
import { readInputFile } from "./input-file.js";

/** The DER of every certificate in `path` (`what` names the flag in messages). */
export async function readCertificateFile(
  path: string,
  what: string,
  options: { allowEmpty?: boolean } = {},
): Promise<Buffer[]> {
  const bytes = await readInputFile(path, what);
  const ders = certificatesIn(bytes, `${what} ${path}`);
  if (ders.length === 0 && options.allowEmpty !== true)
    throw usageError(`${what} ${path} holds no certificate (expected PEM CERTIFICATE blocks or DER)`);
  return ders;
}

/** Splits PEM or DER bytes into certificate DERs. Throws a usage error for anything else. */
export function certificatesIn(bytes: Buffer, what: string): Buffer[] {
  if (bytes.length === 0 || bytes.toString("latin1").trim() === "") return [];
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN")) {
    let blocks;
    try {
      blocks = parsePem(text);
    } catch (cause) {
      throw usageError(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    const other = blocks.find((b) => b.label !== "CERTIFICATE");
    if (other)
      throw usageError(
        `${what}: expected certificates, found a ${other.label} PEM block${/PRIVATE KEY/.test(other.label) ? " (never pass a private key here)" : ""}`,
      );
    return blocks.map((b) => b.der);
  }
  if (bytes[0] === 0x30) return [bytes];
  throw usageError(`${what} is neither PEM nor DER`);
}
