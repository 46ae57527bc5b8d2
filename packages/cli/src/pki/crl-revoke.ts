// `anchorage crl revoke <serial-or-certificate>`: records a revocation (reason, date) in the CA
// directory's index; `crl create` publishes it.
import { stat } from "node:fs/promises";
import { parseCertificate } from "@anchorage/pki";
import type { IssuedEntry, RevokedEntry } from "./ca-index.js";
import { caLocation, loadCaCertificate, updateCaIndex } from "./ca-dir.js";
import { readCertificateFile } from "./certificate-file.js";
import { DEFAULT_CA_DIR, REASON_CHOICES } from "./choices.js";
import { CliError, usageError } from "./cli-error.js";
import type { CommandIo } from "./command-io.js";
import { parseSerialArg } from "./serial-arg.js";
import { shellWord } from "./shell-word.js";

export interface CrlRevokeFlags {
  readonly caDir?: string;
  readonly reason?: string;
  readonly force?: boolean;
}

export async function crlRevoke(target: string, flags: CrlRevokeFlags, io: CommandIo): Promise<void> {
  const reason = flags.reason === undefined ? undefined : reasonOption(flags.reason);
  const location = caLocation(
    { ...(flags.caDir !== undefined ? { caDir: flags.caDir } : {}) },
    DEFAULT_CA_DIR,
  );
  const dir = location.dir!;
  const { cert: ca } = await loadCaCertificate(location);
  const { serial, subject } = await serialOf(target, ca.subject.key, ca.subject.text);
  const now = io.now();
  type Outcome = { already: RevokedEntry } | { entry: RevokedEntry; issued: IssuedEntry | undefined };
  const outcome = await updateCaIndex<Outcome>(
    dir,
    ca.serialHex,
    () => io.now().getTime(),
    (index) => {
      const already = index.revoked.find((r) => r.serial === serial);
      if (already !== undefined) return { index: undefined, result: { already } };
      const issued = index.issued.find((e) => e.serial === serial);
      if (issued === undefined && flags.force !== true)
        throw new CliError(
          `serial ${serial} is not in ${dir}'s index of issued certificates; check the serial (\`anchorage cert issue\` prints it) or pass --force to revoke it anyway`,
        );
      const entry: RevokedEntry = {
        serial,
        revokedAt: now.toISOString(),
        ...(reason !== undefined ? { reason } : {}),
      };
      return { index: { ...index, revoked: [...index.revoked, entry] }, result: { entry, issued } };
    },
  );
  if ("already" in outcome) {
    const a = outcome.already;
    io.out(
      `serial ${serial} is already revoked (${a.reason ?? "no reason given"}, since ${a.revokedAt}); nothing changed\n`,
    );
    return;
  }
  const who = outcome.issued?.subject ?? subject;
  io.out(
    [
      `revoked serial ${serial}${who !== undefined ? ` ("${who}")` : ""}${reason !== undefined ? `, reason ${reason}` : ""}, at ${now.toISOString()}`,
      ...(outcome.issued === undefined
        ? ["  (not in the index of issued certificates: revoked with --force)"]
        : []),
      "next: publish it in a new CRL and import that into the trust anchor:",
      `  anchorage crl create --ca-dir ${shellWord(dir)}`,
    ].join("\n") + "\n",
  );
}

function reasonOption(value: string): (typeof REASON_CHOICES)[number] {
  const found = REASON_CHOICES.find((r) => r.toLowerCase() === value.toLowerCase());
  if (found === undefined)
    throw usageError(`--reason must be one of ${REASON_CHOICES.join(", ")}, got "${value}"`);
  return found;
}

/** The serial to revoke: from a certificate file (which must be this CA's) or typed as hex. */
async function serialOf(
  target: string,
  caSubjectKey: string,
  caSubjectText: string,
): Promise<{ serial: string; subject: string | undefined }> {
  const isFile = await stat(target).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!isFile) {
    if (/[/\\]|\.(pem|crt|cer|der)$/i.test(target)) throw usageError(`${target}: no such certificate file`);
    return { serial: parseSerialArg(target), subject: undefined };
  }
  const [der] = await readCertificateFile(target, "certificate");
  let cert;
  try {
    cert = parseCertificate(der!);
  } catch (cause) {
    throw new CliError(`${target}: ${cause instanceof Error ? cause.message : String(cause)}`, 1, { cause });
  }
  if (cert.issuer.key !== caSubjectKey)
    throw new CliError(
      `${target} ("${cert.subject.text}") was issued by "${cert.issuer.text}", not by this CA ("${caSubjectText}")`,
    );
  return { serial: cert.serialHex, subject: cert.subject.text };
}
