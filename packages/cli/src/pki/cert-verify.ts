// `anchorage cert verify`: the server's path validation (validatePath, same profile, limits and
// revocation handling) from the command line. Exit 0 valid (the path on stdout), 1 invalid (the
// reason on stderr, one line), 2 bad usage.
import {
  PkiError,
  RevocationIndex,
  createTrustAnchorSet,
  sharedPkiCache,
  trustAnchorProblems,
  validatePath,
  DEFAULT_MAX_DEPTH,
  type ParsedCertificate,
  type ParsedCrl,
  type ValidationProfile,
} from "@anchorage/pki";
import { readCertificateFile } from "./certificate-file.js";
import { PROFILE_CHOICES } from "./choices.js";
import { usageError } from "./cli-error.js";
import type { CommandIo } from "./command-io.js";
import { readCrlFile } from "./crl-file.js";
import { integerOption } from "./option-values.js";
import { oneLineMessage } from "./run-action.js";
import { parseTimeArg } from "./time-arg.js";

export interface CertVerifyFlags {
  readonly anchor?: readonly string[];
  readonly chain?: readonly string[];
  readonly crl?: readonly string[];
  readonly at?: string;
  readonly profile?: string;
  readonly maxDepth?: string;
  readonly json?: boolean;
}

interface PathEntry {
  readonly role: "leaf" | "intermediate" | "anchor";
  readonly subject: string;
  readonly serial: string;
  readonly notAfter: string;
  readonly sha256: string;
}

/** Validates `file`'s leaf; returns the exit code. */
export async function certVerify(file: string, flags: CertVerifyFlags, io: CommandIo): Promise<number> {
  if (flags.anchor === undefined || flags.anchor.length === 0)
    throw usageError("give the trust anchor: --anchor FILE (the CA certificate(s) of the trust anchor)");
  const profile = (flags.profile ?? "roles-anywhere") as ValidationProfile;
  if (!(PROFILE_CHOICES as readonly string[]).includes(profile))
    throw usageError(`--profile must be ${PROFILE_CHOICES.join(" or ")}, got "${flags.profile}"`);
  // validatePath caps the depth at HARD_MAX_INTERMEDIATES (16), as the server does.
  const maxDepth =
    flags.maxDepth === undefined
      ? DEFAULT_MAX_DEPTH
      : integerOption(flags.maxDepth, "--max-depth", 0, 1_000_000);
  const time = flags.at === undefined ? io.now() : parseTimeArg(flags.at);

  const cache = sharedPkiCache();
  // Notes go to stderr after a valid result; an invalid result is one line with the notes appended.
  const notes: string[] = [];
  const anchors: ParsedCertificate[] = [];
  for (const path of flags.anchor) {
    const ders = await readCertificateFile(path, "--anchor");
    ders.forEach((der, i) => {
      try {
        anchors.push(cache.certificate(der));
      } catch (cause) {
        // A certificate that cannot be parsed cannot end a path; the others still can.
        notes.push(
          `--anchor ${path}${ders.length > 1 ? ` #${i + 1}` : ""} is ignored: ${oneLineMessage(cause)}`,
        );
      }
    });
  }
  const [leaf, ...extra] = await readCertificateFile(file, "certificate");
  const intermediates = [...extra];
  for (const path of flags.chain ?? [])
    intermediates.push(...(await readCertificateFile(path, "--chain", { allowEmpty: true })));
  const crls: ParsedCrl[] = [];
  for (const path of flags.crl ?? []) {
    try {
      crls.push(...(await readCrlFile(path, "--crl")));
    } catch (error) {
      if (error instanceof PkiError)
        return invalid(io, flags, `the CRL in ${path} cannot be used: ${error.message}`, error.code, notes);
      throw error;
    }
  }
  for (const a of anchors)
    for (const problem of trustAnchorProblems(a))
      notes.push(`Roles Anywhere would refuse "${a.subject.text}" as a trust anchor: ${problem}`);

  const result = validatePath({
    leaf: leaf!,
    intermediates,
    anchors: createTrustAnchorSet(anchors, { cache }),
    time,
    ...(crls.length > 0 ? { revocation: new RevocationIndex(crls) } : {}),
    maxDepth,
    profile,
    cache,
  });
  if (!result.ok) return invalid(io, flags, result.reason, result.code, [...result.warnings, ...notes]);
  for (const w of result.warnings) io.err(`warning: ${oneLine(w)}\n`);
  for (const n of notes) io.err(`note: ${oneLine(n)}\n`);

  const path: PathEntry[] = result.path.map((c, i) => ({
    role: i === 0 ? "leaf" : i === result.path.length - 1 ? "anchor" : "intermediate",
    subject: c.subject.text,
    serial: c.serialHex,
    notAfter: c.notAfter.toISOString(),
    sha256: c.sha256,
  }));
  if (flags.json === true) {
    io.out(
      `${JSON.stringify({ valid: true, profile, time: time.toISOString(), path, warnings: result.warnings }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = [`valid (${profile} profile, at ${time.toISOString()}):`];
  for (const e of path)
    lines.push(
      `  ${e.role.padEnd(12)} "${e.subject || "<empty subject>"}" (serial ${e.serial}, until ${e.notAfter})`,
    );
  io.out(`${lines.join("\n")}\n`);
  return 0;
}

function invalid(
  io: CommandIo,
  flags: CertVerifyFlags,
  reason: string,
  code: string,
  notes: readonly string[],
): number {
  if (flags.json === true) io.out(`${JSON.stringify({ valid: false, code, reason, notes }, null, 2)}\n`);
  const also = notes.length > 0 ? ` (also: ${notes.map(oneLine).join("; ")})` : "";
  io.err(`invalid (${code}): ${oneLine(reason)}${also}\n`);
  return 1;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ");
