// Issuing end-entity (client) certificates that meet the Roles Anywhere requirements.
import { createPublicKey } from "node:crypto";
import { parseCertificate } from "../certificate.js";
import { PkiError } from "../errors.js";
import { formatPem } from "../pem.js";
import { chooseSerial, loadCa, serialForX509, validityWindow, type CaMaterial } from "./common.js";
import type { IssuedCertificate } from "./create-ca.js";
import { exportPrivateKeyPem, generateSigningKey, type KeyType } from "./keys.js";
import { subjectToJsonName, type SubjectFields } from "./subject.js";
import { crypto, x509 } from "./x509-lib.js";

export interface SubjectAltNames {
  readonly dns?: readonly string[];
  readonly uri?: readonly string[];
  readonly email?: readonly string[];
}

export interface IssueCertificateOptions {
  readonly ca: CaMaterial;
  /** Subject; defaults to the CSR's subject when `csrPem` is given. */
  readonly subject?: SubjectFields;
  readonly sans?: SubjectAltNames;
  /** Generate a new key of this type (the private key is returned). */
  readonly keyType?: KeyType;
  /** Or certify an existing public key (PEM SubjectPublicKeyInfo, or any PEM node reads as a key). */
  readonly publicKeyPem?: string;
  /** Or certify the key of a PKCS#10 request (its signature is verified first). */
  readonly csrPem?: string;
  readonly validityDays: number;
  readonly now: Date;
  readonly serialHex?: string;
  /** Encrypt the returned private key PEM when a key is generated. */
  readonly keyPassphrase?: string;
  readonly random?: (size: number) => Buffer;
}

async function subjectKey(
  o: IssueCertificateOptions,
): Promise<{ spki: Buffer; keyPem?: string; csrSubject?: string }> {
  const given = [o.keyType, o.publicKeyPem, o.csrPem].filter((x) => x !== undefined).length;
  if (given !== 1)
    throw new PkiError(
      "InvalidIssuanceRequest",
      "give exactly one of keyType (generate a key), publicKeyPem or csrPem",
    );
  if (o.keyType !== undefined) {
    const key = await generateSigningKey(o.keyType);
    return { spki: key.spki, keyPem: exportPrivateKeyPem(key, o.keyPassphrase) };
  }
  if (o.publicKeyPem !== undefined) {
    try {
      return { spki: createPublicKey(o.publicKeyPem).export({ type: "spki", format: "der" }) };
    } catch (cause) {
      throw new PkiError("InvalidIssuanceRequest", "publicKeyPem is not a PEM public key", { cause });
    }
  }
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(o.csrPem!);
  } catch (cause) {
    throw new PkiError("BadCsr", "the CSR is not a PEM/DER PKCS#10 certificate request", { cause });
  }
  let ok: boolean;
  try {
    ok = await csr.verify(crypto);
  } catch (cause) {
    throw new PkiError(
      "BadCsr",
      `the CSR's signature cannot be checked: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  if (!ok)
    throw new PkiError(
      "BadCsr",
      `the CSR for "${csr.subject}" has a bad signature: it was altered or not signed by its own key`,
    );
  return { spki: Buffer.from(csr.publicKey.rawData), csrSubject: csr.subject };
}

function sanExtension(sans: SubjectAltNames | undefined): x509.Extension[] {
  const names: { type: "dns" | "url" | "email"; value: string }[] = [
    ...(sans?.dns ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(sans?.uri ?? []).map((value) => ({ type: "url" as const, value })),
    ...(sans?.email ?? []).map((value) => ({ type: "email" as const, value })),
  ];
  for (const n of names)
    if (n.value.length === 0 || /\s/.test(n.value))
      throw new PkiError(
        "InvalidIssuanceRequest",
        `subjectAltName ${n.type} "${n.value}" is empty or contains spaces`,
      );
  return names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names, false)] : [];
}

/**
 * Issues a client certificate: basicConstraints CA:FALSE (critical), keyUsage digitalSignature
 * (critical), extendedKeyUsage clientAuth, subject/authority key ids, and the SANs given.
 *
 * @example
 * const leaf = await issueCertificate({ ca: { certPem, keyPem }, subject: { CN: "app-1", O: "Example" },
 *   sans: { dns: ["app-1.example.com"] }, keyType: "p256", validityDays: 365, now: new Date() });
 */
export async function issueCertificate(o: IssueCertificateOptions): Promise<IssuedCertificate> {
  const ca = await loadCa(o.ca);
  const { spki, keyPem, csrSubject } = await subjectKey(o);
  const subject = o.subject
    ? new x509.Name(subjectToJsonName(o.subject))
    : csrSubject
      ? new x509.Name(csrSubject)
      : undefined;
  if (!subject)
    throw new PkiError("InvalidIssuanceRequest", "the subject is missing; give subject fields (at least CN)");
  const { notBefore, notAfter } = validityWindow(o.now, o.validityDays, ca.cert);
  const serialHex = chooseSerial(o.serialHex, o.random);
  const caKeyId = ca.cert.subjectKeyId?.toString("hex");
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
    await x509.SubjectKeyIdentifierExtension.create(spki, false, crypto),
    caKeyId
      ? new x509.AuthorityKeyIdentifierExtension(caKeyId, false)
      : await x509.AuthorityKeyIdentifierExtension.create(ca.key.spki, false, crypto),
    ...sanExtension(o.sans),
  ];
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialForX509(serialHex),
      subject,
      issuer: new x509.Name(ca.cert.subject.raw),
      notBefore,
      notAfter,
      publicKey: spki,
      signingKey: ca.key.privateKey,
      signingAlgorithm: ca.key.signingAlgorithm,
      extensions,
    },
    crypto,
  );
  const certDer = Buffer.from(cert.rawData);
  return {
    certPem: formatPem("CERTIFICATE", certDer),
    certDer,
    serialHex: parseCertificate(certDer).serialHex,
    ...(keyPem !== undefined ? { keyPem } : {}),
  };
}
