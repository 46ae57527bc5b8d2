// Test-only certificate and CRL forging with @peculiar/x509: arbitrary extensions, criticality,
// signature hashes (SHA-1 included), versions and keys — the things a compliant issuer refuses
// to produce. Never used by production code.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  webcrypto,
  type KeyObject,
} from "node:crypto";
import { encodeTlv, TAG } from "../der.js";
import { formatPem } from "../pem.js";
import { crypto, x509 } from "../issue/x509-lib.js";

export type ForgeKeyType = "p256" | "p384" | "rsa1024" | "rsa2048" | "ed25519";
export type ForgeHash = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

export interface ForgeKey {
  readonly type: ForgeKeyType;
  readonly privateKey: KeyObject;
  readonly spki: Buffer;
  readonly pkcs8Pem: string;
}

const rsaCache = new Map<number, ForgeKey>();

/** A new key (RSA keys are generated once per size and shared: they are slow to make). */
export function forgeKey(type: ForgeKeyType = "p256", fresh = false): ForgeKey {
  const bits = type === "rsa1024" ? 1024 : type === "rsa2048" ? 2048 : 0;
  if (bits && !fresh && rsaCache.has(bits)) return rsaCache.get(bits)!;
  const pair =
    type === "ed25519"
      ? generateKeyPairSync("ed25519")
      : bits
        ? generateKeyPairSync("rsa", { modulusLength: bits })
        : generateKeyPairSync("ec", { namedCurve: type === "p384" ? "P-384" : "P-256" });
  const key: ForgeKey = {
    type,
    privateKey: pair.privateKey,
    spki: createPublicKey(pair.privateKey).export({ type: "spki", format: "der" }),
    pkcs8Pem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  if (bits && !fresh) rsaCache.set(bits, key);
  return key;
}

/** Wraps a PEM private key (e.g. a fixture CA key). */
export function forgeKeyFromPem(pem: string): ForgeKey {
  const privateKey = createPrivateKey(pem);
  const t = privateKey.asymmetricKeyType;
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  const bits = privateKey.asymmetricKeyDetails?.modulusLength;
  const type: ForgeKeyType =
    t === "rsa" ? (bits === 1024 ? "rsa1024" : "rsa2048") : curve === "secp384r1" ? "p384" : "p256";
  return {
    type,
    privateKey,
    spki: createPublicKey(privateKey).export({ type: "spki", format: "der" }),
    pkcs8Pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

async function signer(
  key: ForgeKey,
  hash: ForgeHash,
  pss = false,
): Promise<{ key: webcrypto.CryptoKey; alg: webcrypto.Algorithm }> {
  const pkcs8 = key.privateKey.export({ type: "pkcs8", format: "der" });
  if (pss) {
    const params = { name: "RSA-PSS", hash } as webcrypto.RsaHashedImportParams;
    const k = await webcrypto.subtle.importKey("pkcs8", pkcs8, params, true, ["sign"]);
    return { key: k, alg: { name: "RSA-PSS", hash, saltLength: 32 } as webcrypto.Algorithm };
  }
  if (key.type === "ed25519") {
    const k = await webcrypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
    return { key: k, alg: { name: "Ed25519" } };
  }
  if (key.type.startsWith("rsa")) {
    const alg = { name: "RSASSA-PKCS1-v1_5", hash } as webcrypto.RsaHashedImportParams;
    return { key: await webcrypto.subtle.importKey("pkcs8", pkcs8, alg, true, ["sign"]), alg };
  }
  const namedCurve = key.type === "p384" ? "P-384" : "P-256";
  const k = await webcrypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve }, true, ["sign"]);
  return { key: k, alg: { name: "ECDSA", hash } as webcrypto.EcdsaParams };
}

export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign";

export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue content (DER of the extension's value). */
  readonly value: Buffer;
}

export interface ForgeOptions {
  /** RFC 4514-ish string understood by @peculiar/x509, e.g. "CN=leaf, O=Example"; "" for empty. */
  readonly subject: string;
  /** The issuing certificate; omitted = self-signed with `key`. */
  readonly issuer?: Forged;
  readonly key?: ForgeKey;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly serialHex?: string;
  /** basicConstraints: undefined = omitted. */
  readonly ca?: boolean;
  readonly pathLength?: number;
  readonly bcCritical?: boolean;
  /** null = no keyUsage extension. Default: CA → keyCertSign+cRLSign, leaf → digitalSignature. */
  readonly keyUsage?: readonly KeyUsageName[] | null;
  readonly eku?: readonly string[];
  readonly sans?: readonly { type: "dns" | "ip" | "email" | "url" | "dn"; value: string }[];
  readonly sanCritical?: boolean;
  readonly ski?: boolean;
  readonly aki?: boolean;
  readonly extra?: readonly RawExtension[];
  readonly hash?: ForgeHash;
  /** Sign with RSASSA-PSS (salt 32) instead of PKCS#1 v1.5; the issuer key must be RSA. */
  readonly pss?: boolean;
}

export interface Forged {
  readonly der: Buffer;
  readonly pem: string;
  readonly key: ForgeKey;
  readonly subject: string;
  readonly name: x509.Name;
  readonly skiHex: string | undefined;
}

const KU: Readonly<Record<KeyUsageName, number>> = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
  dataEncipherment: x509.KeyUsageFlags.dataEncipherment,
  keyAgreement: x509.KeyUsageFlags.keyAgreement,
  keyCertSign: x509.KeyUsageFlags.keyCertSign,
  cRLSign: x509.KeyUsageFlags.cRLSign,
};

const DEFAULT_NOT_BEFORE = new Date("2020-01-01T00:00:00Z");
const DEFAULT_NOT_AFTER = new Date("2040-01-01T00:00:00Z");
let serialCounter = 0x1000;

/** Mints a certificate exactly as described (defaults: P-256, 2020–2040, SKI/AKI present). */
export async function forge(o: ForgeOptions): Promise<Forged> {
  const key = o.key ?? forgeKey("p256");
  const signingKey = o.issuer ? o.issuer.key : key;
  const name = new x509.Name(o.subject);
  const exts: x509.Extension[] = [];
  if (o.ca !== undefined)
    exts.push(new x509.BasicConstraintsExtension(o.ca, o.pathLength, o.bcCritical ?? true));
  const ku =
    o.keyUsage === undefined
      ? o.ca
        ? (["keyCertSign", "cRLSign"] as const)
        : (["digitalSignature"] as const)
      : o.keyUsage;
  if (ku !== null)
    exts.push(
      new x509.KeyUsagesExtension(
        ku.reduce((f, u) => f | KU[u], 0),
        true,
      ),
    );
  if (o.eku) exts.push(new x509.ExtendedKeyUsageExtension([...o.eku], false));
  let skiHex: string | undefined;
  if (o.ski ?? true) {
    const ski = await x509.SubjectKeyIdentifierExtension.create(key.spki, false, crypto);
    skiHex = ski.keyId;
    exts.push(ski);
  }
  if (o.aki ?? true) {
    const kid = o.issuer ? o.issuer.skiHex : skiHex;
    if (kid) exts.push(new x509.AuthorityKeyIdentifierExtension(kid, false));
  }
  if (o.sans) exts.push(new x509.SubjectAlternativeNameExtension([...o.sans], o.sanCritical ?? false));
  for (const e of o.extra ?? []) exts.push(new x509.Extension(e.oid, e.critical, e.value));
  const s = await signer(signingKey, o.hash ?? "SHA-256", o.pss);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: o.serialHex ?? (serialCounter++).toString(16).padStart(4, "0"),
      subject: name,
      issuer: o.issuer ? o.issuer.name : name,
      notBefore: o.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: o.notAfter ?? DEFAULT_NOT_AFTER,
      publicKey: key.spki,
      signingKey: s.key,
      signingAlgorithm: s.alg,
      extensions: exts,
    },
    crypto,
  );
  const der = Buffer.from(cert.rawData);
  return { der, pem: formatPem("CERTIFICATE", der), key, subject: o.subject, name, skiHex };
}

export interface ForgeCrlOptions {
  readonly issuer: Forged;
  readonly entries?: readonly { serialHex: string; reason?: number; extensions?: readonly RawExtension[] }[];
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
  /** undefined = no cRLNumber; a number = non-critical cRLNumber. */
  readonly crlNumber?: number;
  readonly crlNumberCritical?: boolean;
  readonly extra?: readonly RawExtension[];
  /** Sign with this key instead of the issuer's. */
  readonly signWith?: ForgeKey;
}

/** Mints a CRL (DER) with the given quirks. */
export async function forgeCrl(o: ForgeCrlOptions): Promise<Buffer> {
  const s = await signer(o.signWith ?? o.issuer.key, "SHA-256");
  const exts: x509.Extension[] = [];
  if (o.crlNumber !== undefined)
    exts.push(
      new x509.Extension(
        "2.5.29.20",
        o.crlNumberCritical ?? false,
        encodeTlv(TAG.INTEGER, Buffer.from([o.crlNumber])),
      ),
    );
  for (const e of o.extra ?? []) exts.push(new x509.Extension(e.oid, e.critical, e.value));
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: o.issuer.name,
      thisUpdate: o.thisUpdate ?? new Date("2026-01-01T00:00:00Z"),
      nextUpdate: o.nextUpdate ?? new Date("2026-02-01T00:00:00Z"),
      signingAlgorithm: s.alg,
      signingKey: s.key,
      extensions: exts,
      entries: (o.entries ?? []).map((e) => ({
        serialNumber: e.serialHex,
        revocationDate: new Date("2026-01-01T00:00:00Z"),
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
        ...(e.extensions?.length
          ? { extensions: e.extensions.map((x) => new x509.Extension(x.oid, x.critical, x.value)) }
          : {}),
      })),
    },
    crypto,
  );
  return Buffer.from(crl.rawData);
}

/** An existing certificate and its key as a Forged issuer (e.g. the committed fixture CA). */
export function forgedFromPem(certPem: string, keyPem: string): Forged {
  const cert = new x509.X509Certificate(certPem);
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  return {
    der: Buffer.from(cert.rawData),
    pem: certPem,
    key: forgeKeyFromPem(keyPem),
    subject: cert.subject,
    name: cert.subjectName,
    skiHex: ski?.keyId,
  };
}
