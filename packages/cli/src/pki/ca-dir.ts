// The CA directory `ca init` creates and the other PKI commands use:
//   ca.cert.pem   the CA certificate (0644)          ca.key.pem   its private key (0600)
//   ca.chain.pem  intermediates above it, when it is an intermediate CA (0644)
//   index.json    issued and revoked serials, last CRL number (0600)
// The directory itself is created 0700.
import { mkdir, readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { formatPem, parseCertificate, type ParsedCertificate } from "@anchorage/pki";
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE, writeFileAtomic } from "@anchorage/server/atomic-file";
import { emptyCaIndex, formatCaIndex, parseCaIndex, type CaIndex } from "./ca-index.js";
import { certificatesIn } from "./certificate-file.js";
import { CliError, usageError } from "./cli-error.js";
import { withDirLock } from "./dir-lock.js";
import { describeFsError, readInputFile } from "./input-file.js";
import { unlockPrivateKey, type PassphraseInit } from "./passphrase.js";

export const CA_FILES = {
  cert: "ca.cert.pem",
  key: "ca.key.pem",
  chain: "ca.chain.pem",
  index: "index.json",
} as const;

export { PUBLIC_FILE_MODE, SECRET_FILE_MODE };
export const CA_DIR_MODE = 0o700;

/** Where a CA's files are: a CA directory, or explicit --ca-cert/--ca-key (no index then). */
export interface CaLocation {
  readonly dir: string | undefined;
  readonly certPath: string;
  readonly keyPath: string;
  readonly chainPath: string | undefined;
}

export interface CaLocationFlags {
  readonly caDir?: string;
  readonly caCert?: string;
  readonly caKey?: string;
}

/** The CA named by the flags: `--ca-cert` + `--ca-key` together, else `--ca-dir` (default given). */
export function caLocation(flags: CaLocationFlags, defaultDir: string): CaLocation {
  if ((flags.caCert === undefined) !== (flags.caKey === undefined))
    throw usageError("give --ca-cert and --ca-key together (or --ca-dir)");
  if (flags.caCert !== undefined && flags.caKey !== undefined) {
    if (flags.caDir !== undefined) throw usageError("give either --ca-dir or --ca-cert/--ca-key, not both");
    return { dir: undefined, certPath: flags.caCert, keyPath: flags.caKey, chainPath: undefined };
  }
  const dir = normalize(flags.caDir ?? defaultDir);
  return {
    dir,
    certPath: join(dir, CA_FILES.cert),
    keyPath: join(dir, CA_FILES.key),
    chainPath: join(dir, CA_FILES.chain),
  };
}

/** A CA loaded from disk, its key unlocked. */
export interface LoadedCa {
  readonly location: CaLocation;
  readonly certPem: string;
  readonly cert: ParsedCertificate;
  readonly keyPem: string;
  readonly keyPassphrase: string | undefined;
  /** PEM of the intermediates above this CA (empty for a root or when unknown). */
  readonly chainPem: string;
}

/** The CA as @anchorage/pki/issue takes it. */
export const caMaterialOf = (ca: LoadedCa): { certPem: string; keyPem: string; keyPassphrase?: string } => ({
  certPem: ca.certPem,
  keyPem: ca.keyPem,
  ...(ca.keyPassphrase !== undefined ? { keyPassphrase: ca.keyPassphrase } : {}),
});

/** Reads the CA certificate (and chain) without its key. */
export async function loadCaCertificate(
  location: CaLocation,
): Promise<{ certPem: string; cert: ParsedCertificate; chainPem: string }> {
  const certBytes = await readCaFile(location, location.certPath, "CA certificate");
  const ders = certificatesIn(certBytes, location.certPath);
  if (ders.length !== 1)
    throw usageError(
      `${location.certPath} must hold exactly one certificate (the CA's), found ${ders.length}`,
    );
  let cert: ParsedCertificate;
  try {
    cert = parseCertificate(ders[0]!);
  } catch (cause) {
    throw new CliError(`${location.certPath}: ${cause instanceof Error ? cause.message : String(cause)}`, 1, {
      cause,
    });
  }
  if (cert.basicConstraints?.ca !== true)
    throw new CliError(
      `${location.certPath} ("${cert.subject.text}") is not a CA certificate (basicConstraints cA is not TRUE)`,
    );
  let chainPem = "";
  if (location.chainPath !== undefined) {
    try {
      chainPem = await readFile(location.chainPath, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        throw usageError(`cannot read ${location.chainPath}: ${describeFsError(error)}`, error);
    }
  }
  const certPem = formatPem("CERTIFICATE", ders[0]!);
  return { certPem, cert, chainPem };
}

/** Reads the CA certificate and key, unlocking the key with the passphrase sources. */
export async function loadCa(location: CaLocation, passphrase: PassphraseInit): Promise<LoadedCa> {
  const { certPem, cert, chainPem } = await loadCaCertificate(location);
  const keyPem = (await readCaFile(location, location.keyPath, "CA private key")).toString("utf8");
  const keyPassphrase = await unlockPrivateKey(keyPem, location.keyPath, passphrase);
  return { location, certPem, cert, keyPem, keyPassphrase, chainPem };
}

async function readCaFile(location: CaLocation, path: string, what: string): Promise<Buffer> {
  try {
    return await readInputFile(path, what);
  } catch (error) {
    if (location.dir !== undefined && (error as { cause?: NodeJS.ErrnoException }).cause?.code === "ENOENT")
      throw usageError(
        `no CA in ${location.dir} (${path}: no such file); create one with \`anchorage ca init --out-dir ${location.dir}\` or pass --ca-dir`,
        error,
      );
    throw error;
  }
}

/** Creates the CA directory (0700) if needed. */
export async function ensureCaDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: CA_DIR_MODE });
  } catch (error) {
    throw usageError(`cannot create ${dir}: ${describeFsError(error)}`, error);
  }
}

/** Reads index.json of a CA directory; a missing file is an empty index. */
export async function readCaIndex(dir: string, caSerial: string): Promise<CaIndex> {
  const path = join(dir, CA_FILES.index);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyCaIndex(caSerial);
    throw usageError(`cannot read ${path}: ${describeFsError(error)}`, error);
  }
  const index = parseCaIndex(text, path);
  if (index.caSerial !== caSerial)
    throw new CliError(
      `${path} belongs to another CA (serial ${index.caSerial}; ${join(dir, CA_FILES.cert)} has serial ${caSerial}); move it away to start a new index`,
    );
  return index;
}

export const writeCaIndex = (dir: string, index: CaIndex): Promise<void> =>
  writeFileAtomic(join(dir, CA_FILES.index), formatCaIndex(index), SECRET_FILE_MODE);

/**
 * Reads, changes and writes index.json under the directory's lock. `change` returns the new index
 * (or undefined to leave it as it is) and a result.
 */
export async function updateCaIndex<T>(
  dir: string,
  caSerial: string,
  now: () => number,
  change: (index: CaIndex) => { index: CaIndex | undefined; result: T },
): Promise<T> {
  return withDirLock(
    dir,
    async () => {
      const { index, result } = change(await readCaIndex(dir, caSerial));
      if (index !== undefined) await writeCaIndex(dir, index);
      return result;
    },
    { now },
  );
}
