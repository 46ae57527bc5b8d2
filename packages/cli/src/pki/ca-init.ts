// `anchorage ca init`: creates a CA directory with a Roles Anywhere-compliant CA certificate and key
// (a self-signed root, or an intermediate signed by the CA in --parent-dir).
import { access, rm } from "node:fs/promises";
import { join, normalize, relative } from "node:path";
import { PkiError, parseCertificate, type ParsedCertificate } from "@anchorage/pki";
import { emptyCaIndex } from "./ca-index.js";
import {
  CA_FILES,
  PUBLIC_FILE_MODE,
  SECRET_FILE_MODE,
  caLocation,
  ensureCaDir,
  loadCa,
  updateCaIndex,
  writeCaIndex,
  caMaterialOf,
} from "./ca-dir.js";
import { DEFAULT_CA_DIR, DEFAULT_KEY_TYPE } from "./choices.js";
import { CliError, usageError } from "./cli-error.js";
import type { CommandIo } from "./command-io.js";
import { withDirLock } from "./dir-lock.js";
import { writeFileAtomic } from "@anchorage/server/atomic-file";
import { defaultValidityDays, integerOption, keyGenerationNote, keyTypeOption } from "./option-values.js";
import { newKeyPassphrase } from "./passphrase.js";
import { subjectFromFlags, type SubjectFlags } from "./subject-arg.js";
import { shellWord } from "./shell-word.js";

export const DEFAULT_CA_VALIDITY_DAYS = 3650;
export const DEFAULT_CA_SUBJECT = { CN: "Anchorage CA" } as const;

export interface CaInitFlags extends SubjectFlags {
  readonly keyType?: string;
  readonly validityDays?: string;
  readonly pathLength?: string;
  readonly outDir?: string;
  readonly passphraseFile?: string;
  readonly encryptKey?: boolean;
  readonly force?: boolean;
  readonly parentDir?: string;
  readonly parentPassphraseFile?: string;
}

export async function caInit(flags: CaInitFlags, io: CommandIo): Promise<void> {
  const keyType = keyTypeOption(flags.keyType ?? DEFAULT_KEY_TYPE);
  const requestedDays =
    flags.validityDays === undefined
      ? undefined
      : integerOption(flags.validityDays, "--validity-days", 1, 36600);
  const requestedPathLength =
    flags.pathLength === undefined ? undefined : integerOption(flags.pathLength, "--path-length", 0, 16);
  const subject = subjectFromFlags(flags) ?? DEFAULT_CA_SUBJECT;
  const dir = normalize(flags.outDir ?? DEFAULT_CA_DIR);
  if (flags.parentDir !== undefined && samePath(flags.parentDir, dir))
    throw usageError("--parent-dir must be another CA directory than --out-dir");

  // Refuse before any slow work (key generation, prompts).
  const existing = await existingFiles(dir);
  if (existing.length > 0 && flags.force !== true)
    throw new CliError(
      `${dir} already holds a CA (${existing.join(", ")}); pass --force to replace it (its key and index are overwritten) or choose another --out-dir`,
    );
  const parent =
    flags.parentDir === undefined
      ? undefined
      : await loadCa(caLocation({ caDir: flags.parentDir }, DEFAULT_CA_DIR), {
          file: flags.parentPassphraseFile,
          fileFlag: "--parent-passphrase-file",
          env: io.env,
          prompt: io.prompt,
        });
  const pathLength = pathLengthUnder(parent?.cert, requestedPathLength);
  const passphrase = await newKeyPassphrase(
    { file: flags.passphraseFile, fileFlag: "--passphrase-file", env: io.env, prompt: io.prompt },
    flags.encryptKey === true,
    "the new CA key",
  );
  const now = io.now();
  const validityDays = requestedDays ?? defaultValidityDays(DEFAULT_CA_VALIDITY_DAYS, parent?.cert, now, io);

  const note = keyGenerationNote(keyType, "the CA");
  if (note !== undefined) io.err(note);
  const { createCa } = await import("@anchorage/pki/issue");
  let ca;
  try {
    ca = await createCa({
      keyType,
      subject,
      validityDays,
      ...(pathLength !== undefined ? { pathLength } : {}),
      now,
      ...(parent !== undefined ? { issuer: caMaterialOf(parent) } : {}),
      ...(passphrase !== undefined ? { keyPassphrase: passphrase.value } : {}),
    });
  } catch (error) {
    if (error instanceof PkiError) throw new CliError(error.message, 1, { cause: error });
    throw error;
  }
  const cert = parseCertificate(ca.certDer);
  await ensureCaDir(dir);
  const clock = () => io.now().getTime();
  if (parent !== undefined && parent.location.dir !== undefined) {
    // Record the intermediate in its parent's index first: a CA that exists must be revocable.
    await updateCaIndex(parent.location.dir, parent.cert.serialHex, clock, (index) => ({
      index: {
        ...index,
        issued: [
          ...index.issued,
          {
            serial: ca.serialHex,
            subject: cert.subject.text,
            notAfter: cert.notAfter.toISOString(),
            issuedAt: now.toISOString(),
            kind: "ca",
          },
        ],
      },
      result: undefined,
    }));
  }
  const chainPem =
    parent === undefined ? "" : (parent.cert.selfIssued ? "" : parent.certPem) + parent.chainPem;
  await withDirLock(
    dir,
    async () => {
      await writeFileAtomic(join(dir, CA_FILES.key), ca.keyPem, SECRET_FILE_MODE);
      await writeFileAtomic(join(dir, CA_FILES.cert), ca.certPem, PUBLIC_FILE_MODE);
      if (chainPem !== "") await writeFileAtomic(join(dir, CA_FILES.chain), chainPem, PUBLIC_FILE_MODE);
      // A replaced intermediate's chain must not outlive it (cert issue would send it).
      else await rm(join(dir, CA_FILES.chain), { force: true });
      await writeCaIndex(dir, emptyCaIndex(ca.serialHex));
    },
    { now: clock },
  );

  const kind = parent === undefined ? "root CA" : "intermediate CA";
  const signedBy = parent === undefined ? "" : `, signed by "${parent.cert.subject.text}"`;
  const lines = [
    `created ${kind} "${cert.subject.text}" (${keyType}, serial ${ca.serialHex}, valid until ${cert.notAfter.toISOString()})${signedBy}`,
    `  certificate  ${join(dir, CA_FILES.cert)}`,
    `  private key  ${join(dir, CA_FILES.key)} (mode 0600, ${passphrase === undefined ? "not encrypted: pass --passphrase-file or --encrypt-key to encrypt it" : `encrypted with the passphrase from ${passphrase.label}`})`,
    ...(chainPem !== "" ? [`  chain        ${join(dir, CA_FILES.chain)}`] : []),
    `  index        ${join(dir, CA_FILES.index)}`,
    ...(existing.length > 0 ? ["  (replaced the previous CA: --force)"] : []),
    "next:",
    `  anchorage cert issue --ca-dir ${shellWord(dir)} --cn my-client --out my-client`,
    `  use ${join(dir, CA_FILES.cert)} as the trust anchor's certificate bundle`,
  ];
  io.out(`${lines.join("\n")}\n`);
}

async function existingFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of [CA_FILES.cert, CA_FILES.key])
    try {
      await access(join(dir, name));
      found.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  return found;
}

const samePath = (a: string, b: string): boolean => relative(a, b) === "";

/**
 * The new CA's pathLenConstraint: as requested, and below a parent with a pathLenConstraint at
 * most one less than the parent's (the default then); a parent with 0 cannot have a CA below it.
 */
function pathLengthUnder(
  parent: ParsedCertificate | undefined,
  requested: number | undefined,
): number | undefined {
  const limit = parent?.basicConstraints?.pathLen;
  if (parent === undefined || limit === undefined) return requested;
  if (limit === 0)
    throw new CliError(
      `the parent CA "${parent.subject.text}" has pathLenConstraint 0: it may issue client certificates but no CA`,
    );
  if (requested !== undefined && requested > limit - 1)
    throw usageError(
      `--path-length ${requested} is more than the parent CA's pathLenConstraint ${limit} allows (at most ${limit - 1})`,
    );
  return requested ?? limit - 1;
}
