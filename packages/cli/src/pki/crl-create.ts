// `anchorage crl create`: signs a CRL listing every serial revoked in the CA directory's index,
// with the next CRL number; optionally imports it into a Roles Anywhere endpoint (--upload).
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PkiError } from "@anchorage/pki";
import { PUBLIC_FILE_MODE, writeFileAtomic } from "@anchorage/server/atomic-file";
import { caLocation, caMaterialOf, loadCa, updateCaIndex } from "./ca-dir.js";
import type { CaIndex } from "./ca-index.js";
import { DEFAULT_CA_DIR } from "./choices.js";
import { CliError, usageError } from "./cli-error.js";
import type { CommandIo } from "./command-io.js";
import { uploadCredentials, uploadCrl, uploadTarget, type CrlUploadFlags } from "./crl-upload.js";
import { describeFsError } from "./input-file.js";
import { integerOption } from "./option-values.js";
import { shellWord } from "./shell-word.js";

export const DEFAULT_NEXT_UPDATE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface CrlCreateFlags extends CrlUploadFlags {
  readonly caDir?: string;
  readonly passphraseFile?: string;
  readonly nextUpdateDays?: string;
  readonly out?: string;
  readonly der?: boolean;
}

export async function crlCreate(flags: CrlCreateFlags, io: CommandIo): Promise<void> {
  const days = integerOption(
    flags.nextUpdateDays ?? String(DEFAULT_NEXT_UPDATE_DAYS),
    "--next-update-days",
    1,
    3660,
  );
  // Check the upload flags before signing anything.
  const target = flags.upload === true ? uploadTarget(flags) : undefined;
  if (flags.upload !== true)
    for (const f of ["trustAnchorArn", "crlArn", "endpoint", "crlName", "region", "awsProfile"] as const)
      if (flags[f] !== undefined)
        throw usageError(`--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --upload`);
  const location = caLocation(
    { ...(flags.caDir !== undefined ? { caDir: flags.caDir } : {}) },
    DEFAULT_CA_DIR,
  );
  const dir = location.dir!;
  const out = flags.out ?? join(dir, flags.der === true ? "crl.der" : "crl.pem");
  if (flags.out !== undefined)
    try {
      await access(dirname(out));
    } catch (error) {
      throw usageError(`cannot write ${out}: ${describeFsError(error)}`, error);
    }
  const credentials = target === undefined ? undefined : await uploadCredentials(target, io);
  const ca = await loadCa(location, {
    file: flags.passphraseFile,
    fileFlag: "--passphrase-file",
    env: io.env,
    prompt: io.prompt,
  });
  const { createCrl } = await import("@anchorage/pki/issue");
  const now = io.now();
  // Take the next number under the lock and record it before signing: a number is never reused,
  // even when writing the CRL fails afterwards (a gap is harmless; a repeat is not).
  const index = await updateCaIndex(
    dir,
    ca.cert.serialHex,
    () => io.now().getTime(),
    (current) => {
      const next: CaIndex = { ...current, lastCrlNumber: current.lastCrlNumber + 1 };
      return { index: next, result: next };
    },
  );
  let crl;
  try {
    crl = await createCrl({
      ca: caMaterialOf(ca),
      entries: index.revoked.map((r) => ({
        serialHex: r.serial,
        revokedAt: new Date(r.revokedAt),
        ...(r.reason !== undefined ? { reason: r.reason } : {}),
      })),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + days * DAY_MS),
      crlNumber: index.lastCrlNumber,
    });
  } catch (error) {
    if (error instanceof PkiError) throw new CliError(error.message, 1, { cause: error });
    throw error;
  }
  try {
    await writeFileAtomic(out, flags.der === true ? crl.der : crl.pem, PUBLIC_FILE_MODE);
  } catch (error) {
    throw usageError(`cannot write ${out}: ${describeFsError(error)}`, error);
  }
  const nextUpdate = new Date(now.getTime() + days * DAY_MS).toISOString();
  io.out(
    `wrote CRL number ${index.lastCrlNumber} of "${ca.cert.subject.text}" listing ${index.revoked.length} revoked serial(s), next update ${nextUpdate}: ${out}${flags.der === true ? " (DER)" : ""}\n`,
  );
  if (target !== undefined && credentials !== undefined) {
    const result = await uploadCrl(target, credentials, crl.pem, ca.cert.subject.text, io);
    io.out(`${result}\n`);
  } else {
    io.out(
      `next: import it into the trust anchor, e.g. anchorage crl create --ca-dir ${shellWord(dir)} --upload --trust-anchor-arn ARN --endpoint URL\n`,
    );
  }
}
