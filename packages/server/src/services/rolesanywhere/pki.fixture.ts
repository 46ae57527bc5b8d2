// Certificates and CRLs for the tests, issued once per process with @anchorage/pki's issuance
// (deterministic serials; keys are fresh each run, so nothing secret is committed).
import { loadIssuance } from "@anchorage/pki";
import { seededRandom } from "./harness.fixture.js";

export interface PkiFixtures {
  /** A root CA (P-256). */
  readonly rootPem: string;
  /** Another root CA: a second certificate for a bundle. */
  readonly otherRootPem: string;
  /** A third root CA: one too many for a bundle. */
  readonly thirdRootPem: string;
  /** An end-entity certificate issued by the root: not a CA. */
  readonly leafPem: string;
  /** A CRL signed by the root, PEM and DER; a second one (another crlNumber). */
  readonly crlPem: Buffer;
  readonly crlDer: Buffer;
  readonly crl2Pem: Buffer;
  /** A CRL signed by the other root (not the root's anchor). */
  readonly otherCrlPem: Buffer;
}

const NOW = new Date("2024-04-01T00:00:00Z");
let cached: Promise<PkiFixtures> | undefined;

/** The fixtures (issued on first use). */
export function pkiFixtures(): Promise<PkiFixtures> {
  cached ??= (async () => {
    const { createCa, issueCertificate, createCrl } = await loadIssuance();
    const random = seededRandom("pki-fixtures");
    const ca = (cn: string) =>
      createCa({
        keyType: "p256",
        subject: { CN: cn, O: "Anchorage tests" },
        validityDays: 3650,
        now: NOW,
        random,
      });
    const [root, other, third] = await Promise.all([
      ca("Test Root CA"),
      ca("Other Root CA"),
      ca("Third Root CA"),
    ]);
    const material = { certPem: root.certPem, keyPem: root.keyPem };
    const leaf = await issueCertificate({
      ca: material,
      subject: { CN: "client-1", O: "Anchorage tests" },
      keyType: "p256",
      validityDays: 30,
      now: NOW,
      random,
    });
    const crl = (caMaterial: { certPem: string; keyPem: string }, crlNumber: number) =>
      createCrl({
        ca: caMaterial,
        entries: [{ serialHex: leaf.serialHex, revokedAt: NOW }],
        thisUpdate: NOW,
        nextUpdate: new Date(NOW.getTime() + 30 * 86_400_000),
        crlNumber,
      });
    const [first, second, foreign] = await Promise.all([
      crl(material, 1),
      crl(material, 2),
      crl({ certPem: other.certPem, keyPem: other.keyPem }, 1),
    ]);
    return {
      rootPem: root.certPem,
      otherRootPem: other.certPem,
      thirdRootPem: third.certPem,
      leafPem: leaf.certPem,
      crlPem: Buffer.from(first.pem),
      crlDer: Buffer.from(first.der),
      crl2Pem: Buffer.from(second.pem),
      otherCrlPem: Buffer.from(foreign.pem),
    };
  })();
  return cached;
}

/** A CERTIFICATE_BUNDLE source. */
export const bundle = (pem: string) =>
  ({ sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: pem } }) as const;
