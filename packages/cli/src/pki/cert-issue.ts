// `anchorage cert issue`: a client certificate from the CA, for a new key or a CSR; the serial is
// recorded in the CA directory's index so `crl revoke` can check it later.
import { access } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { PkiError, formatPem, parseCertificate } from "@anchorage/pki";
import type { SubjectFields } from "@anchorage/pki/issue";
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE, writeFileAtomic } from "@anchorage/server/atomic-file";
import { caLocation, loadCa, updateCaIndex, caMaterialOf } from "./ca-dir.js";
import { DEFAULT_CA_DIR, DEFAULT_KEY_TYPE } from "./choices.js";
import { CliError, usageError } from "./cli-error.js";
import type { CommandIo } from "./command-io.js";
import { readInputFile } from "./input-file.js";
import { defaultValidityDays, integerOption, keyGenerationNote, keyTypeOption } from "./option-values.js";
import { newKeyPassphrase } from "./passphrase.js";
import { shellWord } from "./shell-word.js";
import { subjectFromFlags, type SubjectFlags } from "./subject-arg.js";

export const DEFAULT_LEAF_VALIDITY_DAYS = 365;

export interface CertIssueFlags extends SubjectFlags {
  readonly caDir?: string;
  readonly caCert?: string;
  readonly caKey?: string;
  readonly passphraseFile?: string;
  readonly dns?: readonly string[];
  readonly uri?: readonly string[];
  readonly email?: readonly string[];
  readonly keyType?: string;
  readonly validityDays?: string;
  readonly csr?: string;
  readonly out?: string;
  readonly keyPassphraseFile?: string;
  readonly force?: boolean;
}

export async function certIssue(flags: CertIssueFlags, io: CommandIo): Promise<void> {
  if (flags.csr !== undefined && flags.keyType !== undefined)
    throw usageError("give --csr (certify the CSR's key) or --key-type (generate a key), not both");
  if (flags.csr !== undefined && flags.keyPassphraseFile !== undefined)
    throw usageError("--key-passphrase-file encrypts a generated key; with --csr no key is generated");
  const keyType = flags.csr === undefined ? keyTypeOption(flags.keyType ?? DEFAULT_KEY_TYPE) : undefined;
  const requestedDays =
    flags.validityDays === undefined
      ? undefined
      : integerOption(flags.validityDays, "--validity-days", 1, 36600);
  const subject = subjectFromFlags(flags);
  if (subject === undefined && flags.csr === undefined)
    throw usageError('give the subject: --cn NAME (and --o, --ou, --c) or --subject "CN=…,O=…"');
  for (const [flag, values] of [
    ["--dns", flags.dns],
    ["--uri", flags.uri],
    ["--email", flags.email],
  ] as const)
    for (const v of values ?? [])
      if (v.trim() === "" || /\s/.test(v)) throw usageError(`${flag} "${v}" is empty or contains spaces`);
  const csrPem = flags.csr === undefined ? undefined : await readCsr(flags.csr);

  const prefix = flags.out ?? defaultPrefix(subject);
  const location = caLocation(flags, DEFAULT_CA_DIR);
  const ca = await loadCa(location, {
    file: flags.passphraseFile,
    fileFlag: "--passphrase-file",
    env: io.env,
    prompt: io.prompt,
  });
  const isIntermediate = !ca.cert.selfIssued;
  const files = {
    cert: `${prefix}.cert.pem`,
    key: csrPem === undefined ? `${prefix}.key.pem` : undefined,
    chain: isIntermediate ? `${prefix}.chain.pem` : undefined,
  };
  const targets = [files.cert, files.key, files.chain].filter((f): f is string => f !== undefined);
  if (flags.force !== true) {
    const taken = await existing(targets);
    if (taken.length > 0)
      throw new CliError(
        `${taken.join(", ")} already exist${taken.length === 1 ? "s" : ""}; pass --force to overwrite or choose another --out`,
      );
  }
  await checkWritableDir(prefix);
  const keyPassphrase =
    keyType === undefined
      ? undefined
      : await newKeyPassphrase(
          // The client key is encrypted only when asked: ANCHORAGE_PASSPHRASE unlocks the CA key here.
          { file: flags.keyPassphraseFile, fileFlag: "--key-passphrase-file", env: {}, prompt: io.prompt },
          false,
          "the client key",
        );

  const now = io.now();
  const validityDays = requestedDays ?? defaultValidityDays(DEFAULT_LEAF_VALIDITY_DAYS, ca.cert, now, io);
  if (keyType !== undefined) {
    const note = keyGenerationNote(keyType, "the client");
    if (note !== undefined) io.err(note);
  }
  const { issueCertificate } = await import("@anchorage/pki/issue");
  let issued;
  try {
    issued = await issueCertificate({
      ca: caMaterialOf(ca),
      ...(subject !== undefined ? { subject } : {}),
      sans: { dns: flags.dns ?? [], uri: flags.uri ?? [], email: flags.email ?? [] },
      ...(keyType !== undefined ? { keyType } : {}),
      ...(csrPem !== undefined ? { csrPem } : {}),
      validityDays,
      now,
      ...(keyPassphrase !== undefined ? { keyPassphrase: keyPassphrase.value } : {}),
    });
  } catch (error) {
    if (error instanceof PkiError)
      throw new CliError(error.code === "BadCsr" ? `${flags.csr}: ${error.message}` : error.message, 1, {
        cause: error,
      });
    throw error;
  }
  const cert = parseCertificate(issued.certDer);
  if (location.dir !== undefined)
    await updateCaIndex(
      location.dir,
      ca.cert.serialHex,
      () => io.now().getTime(),
      (index) => ({
        index: {
          ...index,
          issued: [
            ...index.issued,
            {
              serial: issued.serialHex,
              subject: cert.subject.text,
              notAfter: cert.notAfter.toISOString(),
              issuedAt: now.toISOString(),
              kind: "leaf",
            },
          ],
        },
        result: undefined,
      }),
    );
  if (files.key !== undefined && issued.keyPem !== undefined)
    await writeFileAtomic(files.key, issued.keyPem, SECRET_FILE_MODE);
  await writeFileAtomic(files.cert, issued.certPem, PUBLIC_FILE_MODE);
  if (files.chain !== undefined)
    await writeFileAtomic(files.chain, formatPem("CERTIFICATE", ca.cert.raw) + ca.chainPem, PUBLIC_FILE_MODE);

  const lines = [
    `issued "${cert.subject.text}" (serial ${issued.serialHex}, valid until ${cert.notAfter.toISOString()}) by "${ca.cert.subject.text}"`,
    `  certificate  ${files.cert}`,
    ...(files.key !== undefined
      ? [
          `  private key  ${files.key} (mode 0600, ${keyPassphrase === undefined ? "not encrypted" : `encrypted with the passphrase from ${keyPassphrase.label}`})`,
        ]
      : [`  key          the CSR's (${flags.csr})`]),
    ...(files.chain !== undefined ? [`  chain        ${files.chain} (send it as --intermediates)`] : []),
    ...(location.dir === undefined
      ? ["  (no --ca-dir: the serial is not recorded; `crl revoke` will need --force)"]
      : []),
    "next:",
    `  anchorage cert verify --anchor ${shellWord(location.certPath)}${files.chain !== undefined ? ` --chain ${shellWord(files.chain)}` : ""} ${shellWord(files.cert)}`,
    ...(location.dir !== undefined
      ? [
          `  anchorage crl revoke ${issued.serialHex} --ca-dir ${shellWord(location.dir)}   (when the key is lost)`,
        ]
      : []),
  ];
  io.out(`${lines.join("\n")}\n`);
}

async function readCsr(path: string): Promise<string> {
  const bytes = await readInputFile(path, "--csr");
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN")) return bytes.toString("utf8");
  if (bytes[0] === 0x30) return formatPem("CERTIFICATE REQUEST", bytes);
  throw new CliError(`${path}: not a PEM or DER certificate signing request (PKCS#10)`);
}

/** The CN made safe as a file name, when --out is absent. */
function defaultPrefix(subject: SubjectFields | undefined): string {
  const cn = subject?.CN?.replace(/[^\w.@-]+/g, "_").replace(/^[.]+/, "");
  if (cn === undefined || cn === "")
    throw usageError("give --out PREFIX (the subject has no CN to name the files after)");
  return cn;
}

async function existing(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths)
    try {
      await access(p);
      found.push(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  return found;
}

async function checkWritableDir(prefix: string): Promise<void> {
  const dir = dirname(prefix);
  try {
    await access(dir);
  } catch (error) {
    throw usageError(
      `--out ${prefix}: the directory ${dir} does not exist (for files named ${basename(prefix)}.*)`,
      error,
    );
  }
}
