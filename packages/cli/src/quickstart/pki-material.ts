// The quickstart's CA and client certificate, made with the PKI commands' own code (`ca init`,
// `cert issue`: no OpenSSL) in <dir>/ca and <dir>/client, and reused on a re-run. A CA that cannot
// be reused is an error (a new CA would orphan every certificate it issued); a client certificate
// that cannot be reused (not from this CA, expiring, key mismatch) is simply issued again.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { access, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { caInit } from "../pki/ca-init.js";
import { certIssue } from "../pki/cert-issue.js";
import type { CommandIo } from "../pki/command-io.js";
import { CA_COMMON_NAME, CLIENT_COMMON_NAME } from "./documents.js";

export interface PkiPaths {
  readonly caDir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

export function pkiPaths(dir: string): PkiPaths {
  const caDir = join(dir, "ca");
  const prefix = join(dir, "client", CLIENT_COMMON_NAME);
  return {
    caDir,
    caCert: join(caDir, "ca.cert.pem"),
    caKey: join(caDir, "ca.key.pem"),
    clientCert: `${prefix}.cert.pem`,
    clientKey: `${prefix}.key.pem`,
  };
}

/** The quickstart's material is unusable and will not be replaced silently. */
export class QuickstartMaterialError extends Error {
  override readonly name = "QuickstartMaterialError";
}

const exists = async (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );

/** The PKI commands write their "next:" hints to `out`: quickstart keeps them quiet. */
const quietIo = (now: () => Date): CommandIo => ({
  out: () => undefined,
  err: () => undefined,
  env: {}, // no ANCHORAGE_PASSPHRASE: the quickstart's keys are not encrypted
  now,
  prompt: undefined,
});

export interface Made {
  readonly action: "created" | "reused" | "re-issued";
  readonly detail: string;
}

/** Creates the CA in <dir>/ca, or checks and reuses the one there. */
export async function ensureCa(paths: PkiPaths, now: () => Date): Promise<Made> {
  const [haveCert, haveKey] = await Promise.all([exists(paths.caCert), exists(paths.caKey)]);
  if (haveCert && haveKey) {
    const [certPem, keyPem] = await Promise.all([
      readFile(paths.caCert, "utf8"),
      readFile(paths.caKey, "utf8"),
    ]);
    const cert = new X509Certificate(certPem);
    const problem = !cert.checkPrivateKey(createPrivateKey(keyPem))
      ? "its key is not the certificate's"
      : Date.parse(cert.validTo) <= now().getTime()
        ? `it expired on ${cert.validTo}`
        : undefined;
    if (problem !== undefined)
      throw new QuickstartMaterialError(
        `the CA in ${paths.caDir} cannot be reused: ${problem}; delete the quickstart folder to start over`,
      );
    return { action: "reused", detail: `reused "${cert.subject.replace(/\n/g, ",")}" in ${paths.caDir}` };
  }
  if (haveCert !== haveKey)
    throw new QuickstartMaterialError(
      `${paths.caDir} holds a CA ${haveCert ? "certificate without its key" : "key without its certificate"}; delete the quickstart folder to start over`,
    );
  await caInit({ outDir: paths.caDir, cn: CA_COMMON_NAME, keyType: "p256" }, quietIo(now));
  return {
    action: "created",
    detail: `created "CN=${CA_COMMON_NAME}" (EC P-256, 10 years) in ${paths.caDir}`,
  };
}

/** Why the client certificate there cannot be reused, or undefined when it can. */
async function clientProblem(paths: PkiPaths, now: Date): Promise<string | undefined> {
  if (!(await exists(paths.clientCert)) || !(await exists(paths.clientKey))) return "none yet";
  const [certPem, keyPem, caPem] = await Promise.all([
    readFile(paths.clientCert, "utf8"),
    readFile(paths.clientKey, "utf8"),
    readFile(paths.caCert, "utf8"),
  ]);
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caPem);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return "it was not issued by this CA";
  if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return "its key is not the certificate's";
  if (Date.parse(cert.validTo) - now.getTime() < 86_400_000) return `it expires on ${cert.validTo}`;
  if (!cert.subject.split("\n").includes(`CN=${CLIENT_COMMON_NAME}`)) return "its CN is not the quickstart's";
  return undefined;
}

/** Issues the client certificate (CN=quickstart-client), or reuses the one there. */
export async function ensureClientCertificate(paths: PkiPaths, now: () => Date): Promise<Made> {
  const problem = await clientProblem(paths, now());
  if (problem === undefined)
    return { action: "reused", detail: `reused "CN=${CLIENT_COMMON_NAME}" (${paths.clientCert})` };
  await mkdir(join(paths.clientCert, ".."), { recursive: true, mode: 0o700 });
  await certIssue(
    {
      caDir: paths.caDir,
      cn: CLIENT_COMMON_NAME,
      keyType: "p256",
      validityDays: "365",
      out: paths.clientCert.replace(/\.cert\.pem$/, ""),
      force: true,
    },
    quietIo(now),
  );
  return problem === "none yet"
    ? {
        action: "created",
        detail: `issued "CN=${CLIENT_COMMON_NAME}" (EC P-256, 365 days): ${paths.clientCert}`,
      }
    : {
        action: "re-issued",
        detail: `re-issued "CN=${CLIENT_COMMON_NAME}" (${problem}): ${paths.clientCert}`,
      };
}
