// PKCS#12 (.p12/.pfx) reading. HEAVY: load only with `await import("./pkcs12.js")`, and only when a
// PKCS#12 input is actually given (credential_process must not pay for the ASN.1 library).
//
// Structures are parsed by @peculiar/asn1-pfx / asn1-cms / asn1-pkcs8 (BER-tolerant, so bundles
// exported by Windows and Java parse too); the MAC and all decryption run on node:crypto (RC2, which
// node:crypto lacks, in rc2.ts).
import { createHash, createHmac, createPrivateKey, timingSafeEqual, X509Certificate } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { EncryptedContentInfo, id_data, id_encryptedData } from "@peculiar/asn1-cms";
import {
  AuthenticatedSafe,
  CertBag,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_SafeContents,
  id_x509Certificate,
  PFX,
  SafeContents,
} from "@peculiar/asn1-pfx";
import { EncryptedPrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from "@peculiar/asn1-schema";
import { MAX_CHAIN_CERTIFICATES, MAX_KDF_ITERATIONS } from "./constants.js";
import { berOctetString } from "./der.js";
import { MaterialError } from "./errors.js";
import type { ResolvedInput } from "./input.js";
import { sameSpki, spkiOf } from "./key-match.js";
import { unlock } from "./passphrase.js";
import type { PassphraseOrigin, PassphraseSources } from "./passphrase.js";
import { PbeError, passwordForms, pbeDecrypt } from "./pbe.js";
import type { PasswordForms } from "./pbe.js";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-kdf.js";
import type { Pkcs12Hash } from "./pkcs12-kdf.js";

/** What a PKCS#12 bundle yields: the certificate of its key, the other certificates, the key. */
export interface Pkcs12Contents {
  readonly leaf: Buffer;
  /** The other certificates: first the issuers of the leaf, walked upwards, then the rest in bag order. */
  readonly chain: Buffer[];
  readonly privateKey: KeyObject;
  /** Where the password came from; undefined when the bundle opened with the empty password. */
  readonly passphraseFrom?: PassphraseOrigin;
}

// CMS EncryptedData (RFC 5652 §8), which asn1-cms does not define:
// EncryptedData ::= SEQUENCE { version CMSVersion, encryptedContentInfo EncryptedContentInfo, … }
class EncryptedData {
  version = 0;
  encryptedContentInfo = new EncryptedContentInfo();
}
AsnProp({ type: AsnPropTypes.Integer })(EncryptedData.prototype, "version");
AsnProp({ type: EncryptedContentInfo })(EncryptedData.prototype, "encryptedContentInfo");
AsnType({ type: AsnTypeTypes.Sequence })(EncryptedData);

const MAC_HASHES: Record<string, Pkcs12Hash> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
const PBMAC1 = "1.2.840.113549.1.5.14";
const MAX_NESTING = 4;

/**
 * Opens a PKCS#12 bundle: verifies its MAC (which is also the password check), decrypts its safes
 * and picks the certificate whose public key is the bundle's private key as the leaf.
 *
 * Password: the configured passphrase if any; otherwise the empty password (what AWS's helper always
 * uses), then the prompt. A bundle without a MAC is refused: its contents could not be checked.
 */
export async function readPkcs12(
  input: ResolvedInput,
  flag: string,
  sources: PassphraseSources,
): Promise<Pkcs12Contents> {
  const fail = (code: "Pkcs12Malformed" | "Pkcs12UnsupportedAlgorithm", what: string, cause?: unknown) =>
    new MaterialError(
      code,
      `PKCS#12 bundle ${input.name} ${what}`,
      cause === undefined ? undefined : { cause },
    );

  let pfx: PFX;
  let authSafeOctets: Buffer;
  try {
    pfx = AsnConvert.parse(input.bytes, PFX);
    if (pfx.authSafe.contentType !== id_data) {
      throw fail(
        "Pkcs12UnsupportedAlgorithm",
        "uses public-key integrity (signed data), which is not supported; re-export it with a password",
      );
    }
    authSafeOctets = octets(pfx.authSafe.content);
  } catch (cause) {
    if (cause instanceof MaterialError) throw cause;
    throw fail("Pkcs12Malformed", `cannot be parsed; check that ${flag} names a .p12/.pfx file`, cause);
  }
  // asn1-schema fills an absent MacData with an empty default object.
  const macData = pfx.macData as PFX["macData"] | undefined;
  if (macData === undefined || macData.mac.digestAlgorithm.algorithm === "") {
    throw new MaterialError(
      "Pkcs12NoMac",
      `PKCS#12 bundle ${input.name} has no integrity MAC, so it cannot be checked; re-export it without -nomac`,
    );
  }
  const macOid = macData.mac.digestAlgorithm.algorithm;
  const hash = MAC_HASHES[macOid];
  if (hash === undefined) {
    const what = macOid === PBMAC1 ? "PBMAC1 (RFC 9579)" : macOid;
    throw fail(
      "Pkcs12UnsupportedAlgorithm",
      `uses the MAC algorithm ${what}; re-export it with a SHA-1 or SHA-2 HMAC`,
    );
  }
  const iterations = macData.iterations;
  if (iterations < 1 || iterations > MAX_KDF_ITERATIONS) {
    throw fail(
      "Pkcs12UnsupportedAlgorithm",
      `asks for ${iterations} MAC iterations (allowed: 1 to ${MAX_KDF_ITERATIONS})`,
    );
  }
  const salt = octets(macData.macSalt);
  const expected = octets(macData.mac.digest);
  const macKeyLength = createHash(hash).digest().length; // the MAC key is one hash output long
  const macMatches = (bmp: Buffer): boolean => {
    const key = pkcs12Kdf(hash, bmp, salt, 3, iterations, macKeyLength);
    const actual = createHmac(hash, key).update(authSafeOctets).digest();
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  // OpenSSL checks "no password" both as the BMPString "" (00 00) and as zero bytes.
  const tryPassword = (password: string): PasswordForms | undefined => {
    if (password !== "") return macMatches(bmpPassword(password)) ? passwordForms(password) : undefined;
    for (const bmp of [bmpPassword(""), Buffer.alloc(0)]) if (macMatches(bmp)) return passwordForms("", bmp);
    return undefined;
  };

  let password: PasswordForms | undefined;
  let passphraseFrom: PassphraseOrigin | undefined;
  if ((await sources.configured()) === undefined) password = tryPassword("");
  if (password === undefined) {
    const unlocked = await unlock(
      sources,
      input.name,
      `Password for PKCS#12 bundle ${input.name}: `,
      {
        missing: () =>
          new MaterialError(
            "Pkcs12NeedsPassphrase",
            `${input.name} is a password-protected PKCS#12 bundle; ${sources.hint}`,
          ),
        wrong: (p) =>
          new MaterialError(
            "WrongPassphrase",
            `the passphrase from ${p.label} does not open PKCS#12 bundle ${input.name} (its MAC does not verify); check the passphrase`,
          ),
      },
      tryPassword,
    );
    password = unlocked.result;
    passphraseFrom = unlocked.passphrase.origin;
  }

  const certificates: Buffer[] = [];
  const keys: Buffer[] = [];
  try {
    for (const info of AsnConvert.parse(authSafeOctets, AuthenticatedSafe)) {
      if (info.contentType === id_data) {
        collect(octets(info.content), password, certificates, keys, 0);
      } else if (info.contentType === id_encryptedData) {
        const eci = AsnConvert.parse(info.content, EncryptedData).encryptedContentInfo;
        const content = eci.encryptedContent;
        const ciphertext =
          content?.value !== undefined
            ? octets(content.value)
            : Buffer.concat((content?.constructedValue ?? []).map((part) => octets(part)));
        const algorithm = eci.contentEncryptionAlgorithm;
        const plain = pbeDecrypt(
          { oid: algorithm.algorithm, parameters: bytesOf(algorithm.parameters) },
          ciphertext,
          password,
        );
        collect(plain, password, certificates, keys, 0);
      } else {
        throw fail(
          "Pkcs12UnsupportedAlgorithm",
          `holds ${info.contentType} content (public-key privacy), which is not supported`,
        );
      }
    }
  } catch (cause) {
    if (cause instanceof MaterialError) throw cause;
    if (cause instanceof PbeError && cause.kind === "unsupported") {
      throw fail(
        "Pkcs12UnsupportedAlgorithm",
        `uses an unsupported cipher (${cause.message}); re-export it with OpenSSL 3 defaults`,
        cause,
      );
    }
    throw fail(
      "Pkcs12Malformed",
      "is damaged: its MAC verifies but its contents cannot be decrypted or parsed",
      cause,
    );
  }

  if (keys.length === 0) {
    throw new MaterialError(
      "Pkcs12NoPrivateKey",
      `PKCS#12 bundle ${input.name} holds no private key; export it with its key (openssl pkcs12 -export -inkey …)`,
    );
  }
  if (certificates.length === 0) {
    throw new MaterialError(
      "Pkcs12NoCertificate",
      `PKCS#12 bundle ${input.name} holds no certificate; export it with the certificate (openssl pkcs12 -export -in …)`,
    );
  }
  if (certificates.length > MAX_CHAIN_CERTIFICATES + 1) {
    throw fail(
      "Pkcs12Malformed",
      `holds ${certificates.length} certificates; at most ${MAX_CHAIN_CERTIFICATES + 1} are allowed`,
    );
  }
  const parsed = certificates.map((der, i) => {
    try {
      return new X509Certificate(der);
    } catch (cause) {
      throw fail(
        "Pkcs12Malformed",
        `holds a certificate that cannot be parsed (certificate ${i + 1})`,
        cause,
      );
    }
  });
  for (const keyDer of keys) {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: keyDer, format: "der", type: "pkcs8" });
    } catch (cause) {
      throw fail("Pkcs12Malformed", "holds a private key that cannot be parsed", cause);
    }
    const spki = spkiOf(privateKey);
    const leafIndex = parsed.findIndex((c) => sameSpki(spkiOf(c.publicKey), spki));
    if (leafIndex === -1) continue;
    return {
      leaf: certificates[leafIndex]!,
      chain: orderChain(parsed, leafIndex).map((i) => certificates[i]!),
      privateKey,
      ...(passphraseFrom === undefined ? {} : { passphraseFrom }),
    };
  }
  throw new MaterialError(
    "Pkcs12NoMatchingCertificate",
    `no certificate in PKCS#12 bundle ${input.name} belongs to its private key; re-export it with the matching certificate`,
  );
}

/** Walks the bags of one SafeContents, decrypting shrouded keys and descending into nested safes. */
function collect(
  safeContents: Buffer,
  password: PasswordForms,
  certificates: Buffer[],
  keys: Buffer[],
  depth: number,
): void {
  if (depth > MAX_NESTING) throw new Error("SafeContents nested too deeply");
  for (const bag of AsnConvert.parse(safeContents, SafeContents)) {
    switch (bag.bagId) {
      case id_certBag: {
        const certBag = AsnConvert.parse(bag.bagValue, CertBag);
        if (certBag.certId === id_x509Certificate) certificates.push(octets(certBag.certValue));
        break;
      }
      case id_keyBag:
        keys.push(Buffer.from(bag.bagValue));
        break;
      case id_pkcs8ShroudedKeyBag: {
        const shrouded = AsnConvert.parse(bag.bagValue, EncryptedPrivateKeyInfo);
        const algorithm = shrouded.encryptionAlgorithm;
        keys.push(
          pbeDecrypt(
            { oid: algorithm.algorithm, parameters: bytesOf(algorithm.parameters) },
            octets(shrouded.encryptedData),
            password,
          ),
        );
        break;
      }
      case id_SafeContents:
        collect(Buffer.from(bag.bagValue), password, certificates, keys, depth + 1);
        break;
      default:
        break; // CRL and secret bags carry nothing a client signs with
    }
  }
}

/** Indexes of the non-leaf certificates: issuers of the leaf upwards, then the rest in bag order. */
function orderChain(certs: readonly X509Certificate[], leafIndex: number): number[] {
  const order: number[] = [];
  const used = new Set([leafIndex]);
  for (let current = certs[leafIndex]!; ;) {
    const issuer = certs.findIndex((c, i) => !used.has(i) && current.checkIssued(c));
    if (issuer === -1) break;
    order.push(issuer);
    used.add(issuer);
    current = certs[issuer]!;
  }
  certs.forEach((_, i) => {
    if (!used.has(i)) order.push(i);
  });
  return order;
}

/** The bytes of an OCTET STRING, parsed by asn1-schema or still encoded (then BER segments are joined). */
function octets(value: OctetString | ArrayBuffer): Buffer {
  if (value instanceof OctetString) return Buffer.from(value.buffer);
  return berOctetString(new Uint8Array(value));
}

const bytesOf = (parameters: ArrayBuffer | null | undefined): Uint8Array | null =>
  parameters == null ? null : new Uint8Array(parameters);
