// Step `files`: every file the flags name exists and can be read, and the certificate file holds a
// certificate (its leaf becomes the subject of the later checks). PKCS#11 URIs are not files; a
// PKCS#12 bundle needs its passphrase, so its certificate is read by the `key` step.
import { loadCertificateOnly, MaterialError } from "@anchorage/credential-provider";
import { parseCertificate } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { fail, pass, type DoctorStep, type StepOutcome } from "../step.js";

const isPkcs11 = (value: string): boolean => value.toLowerCase().startsWith("pkcs11:");

/** `ENOENT` → "does not exist", … (the same words as the key loader's). */
export function fileProblem(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "EISDIR":
      return "is a directory";
    case "EFBIG":
      return "is far larger than a certificate or key could be";
    default:
      return `cannot be read (${code || (error instanceof Error ? error.message : String(error))})`;
  }
}

export const filesStep: DoctorStep<DoctorContext> = {
  id: "files",
  title: "files readable",
  async run(context): Promise<StepOutcome> {
    const m = context.config.material;
    const named: [flag: string, role: string, path: string | undefined][] = [
      ["--certificate", "certificate", m.certificate],
      ["--private-key", "private key", m.privateKey],
      ["--intermediates", "intermediates", m.intermediates],
      ["--passphrase-file", "passphrase file", m.passphraseFile],
    ];
    const found: string[] = [];
    const problems: { flag: string; text: string }[] = [];
    for (const [flag, role, path] of named) {
      if (path === undefined) continue;
      if (isPkcs11(path)) {
        found.push(`${role} on a PKCS#11 token`);
        continue;
      }
      try {
        const bytes = await context.readFile(path);
        found.push(`${role} ${path} (${bytes.length} bytes)`);
      } catch (error) {
        problems.push({ flag, text: `${role} file ${path} ${fileProblem(error)}` });
      }
    }
    if (problems.length > 0)
      return fail(
        problems.map((p) => p.text).join("; "),
        `check the ${problems.map((p) => p.flag).join(" and ")} path${problems.length === 1 ? "" : "s"}`,
      );
    if (!isPkcs11(m.certificate)) {
      try {
        const only = await loadCertificateOnly({
          certificate: m.certificate,
          readFile: context.readFile,
          prompt: false,
          env: {},
        });
        context.facts.leaf = { loaded: only.certificate, parsed: parseCertificate(only.certificate.der) };
      } catch (error) {
        if (!(error instanceof MaterialError)) throw error;
        // A PKCS#12 bundle opens with its passphrase: the `key` step reads it.
        if (!error.code.startsWith("Pkcs12") && error.code !== "WrongPassphrase")
          return fail(error.message, "pass the certificate file (PEM or DER) to --certificate");
      }
    }
    const leaf = context.facts.leaf;
    context.facts.filesReadable = true;
    return pass(
      `${found.join(", ")}: readable${leaf === undefined ? "" : `; the certificate is "${leaf.parsed.subject.text}" (serial ${leaf.parsed.serialHex})`}`,
    );
  },
};
