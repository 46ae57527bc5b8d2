// Creating CA certificates: a self-signed root, or an intermediate signed by another CA.
import { parseCertificate } from "../certificate.js";
import { PkiError } from "../errors.js";
import { formatPem } from "../pem.js";
import { chooseSerial, loadCa, serialForX509, validityWindow, type CaMaterial } from "./common.js";
import { exportPrivateKeyPem, generateSigningKey, type KeyType } from "./keys.js";
import { subjectToJsonName, type SubjectFields } from "./subject.js";
import { crypto, x509 } from "./x509-lib.js";

export interface CreateCaOptions {
  readonly keyType: KeyType;
  readonly subject: SubjectFields;
  readonly validityDays: number;
  /** basicConstraints pathLenConstraint; omitted = unlimited. */
  readonly pathLength?: number;
  readonly now: Date;
  /** Hex serial; default 16 random bytes. */
  readonly serialHex?: string;
  /** Issue an intermediate CA signed by this CA instead of a self-signed root. */
  readonly issuer?: CaMaterial;
  /** Encrypt the returned private key PEM (PKCS#8, AES-256-CBC). */
  readonly keyPassphrase?: string;
  /** Randomness for serials (default crypto.randomBytes). */
  readonly random?: (size: number) => Buffer;
}

export interface IssuedCertificate {
  readonly certPem: string;
  readonly certDer: Buffer;
  readonly serialHex: string;
  /** PKCS#8 PEM of the generated private key (encrypted when a passphrase was given). */
  readonly keyPem?: string;
}

export interface CreatedCa extends IssuedCertificate {
  readonly keyPem: string;
}

/**
 * Creates a Roles Anywhere-compliant CA certificate: basicConstraints CA:TRUE (critical, with
 * the path length), keyUsage keyCertSign + cRLSign (critical), subject and authority key ids.
 *
 * @example
 * const root = await createCa({ keyType: "p256", subject: { CN: "Example Root", O: "Example" }, validityDays: 3650, now: new Date() });
 * writeFileSync("ca.pem", root.certPem); writeFileSync("ca.key", root.keyPem, { mode: 0o600 });
 */
export async function createCa(options: CreateCaOptions): Promise<CreatedCa> {
  if (options.pathLength !== undefined && (!Number.isInteger(options.pathLength) || options.pathLength < 0))
    throw new PkiError(
      "InvalidIssuanceRequest",
      `pathLength must be a non-negative integer, got ${options.pathLength}`,
    );
  const issuer = options.issuer ? await loadCa(options.issuer) : undefined;
  const key = await generateSigningKey(options.keyType);
  const { notBefore, notAfter } = validityWindow(options.now, options.validityDays, issuer?.cert);
  const serialHex = chooseSerial(options.serialHex, options.random);
  const name = new x509.Name(subjectToJsonName(options.subject));
  const ski = await x509.SubjectKeyIdentifierExtension.create(key.spki, false, crypto);
  const akiKeyId = issuer ? (issuer.cert.subjectKeyId?.toString("hex") ?? null) : ski.keyId;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, options.pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ski,
    akiKeyId
      ? new x509.AuthorityKeyIdentifierExtension(akiKeyId, false)
      : await x509.AuthorityKeyIdentifierExtension.create(issuer!.key.spki, false, crypto),
  ];
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialForX509(serialHex),
      subject: name,
      issuer: issuer ? new x509.Name(issuer.cert.subject.raw) : name,
      notBefore,
      notAfter,
      publicKey: key.spki,
      signingKey: issuer ? issuer.key.privateKey : key.privateKey,
      signingAlgorithm: issuer ? issuer.key.signingAlgorithm : key.signingAlgorithm,
      extensions,
    },
    crypto,
  );
  const certDer = Buffer.from(cert.rawData);
  const parsed = parseCertificate(certDer);
  return {
    certPem: formatPem("CERTIFICATE", certDer),
    certDer,
    serialHex: parsed.serialHex,
    keyPem: exportPrivateKeyPem(key, options.keyPassphrase),
  };
}
