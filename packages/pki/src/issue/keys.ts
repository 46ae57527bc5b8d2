// Key pairs for issuance: generation, import of PEM private keys (PKCS#8, PKCS#1, SEC1, encrypted
// PKCS#8) through node:crypto, and the signature algorithm each key signs with.
import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from "node:crypto";

type CryptoKey = webcrypto.CryptoKey;
type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;
type RsaHashedKeyGenParams = webcrypto.RsaHashedKeyGenParams;
type EcKeyGenParams = webcrypto.EcKeyGenParams;
type RsaHashedImportParams = webcrypto.RsaHashedImportParams;
type EcKeyImportParams = webcrypto.EcKeyImportParams;
import { PkiError } from "../errors.js";

export type KeyType = "rsa2048" | "rsa3072" | "rsa4096" | "p256" | "p384";

export const KEY_TYPES: readonly KeyType[] = ["rsa2048", "rsa3072", "rsa4096", "p256", "p384"];

export interface SigningKey {
  /** WebCrypto private key used by @peculiar/x509. */
  readonly privateKey: CryptoKey;
  /** The matching public key's SubjectPublicKeyInfo DER. */
  readonly spki: Buffer;
  /** Algorithm for @peculiar/x509's `signingAlgorithm`. */
  readonly signingAlgorithm: Algorithm | EcdsaParams;
  /** Unencrypted PKCS#8 PEM of the private key. */
  readonly pkcs8Pem: string;
  /** node:crypto handle, for encrypting the PEM with a passphrase. */
  readonly keyObject: KeyObject;
}

const subtle = webcrypto.subtle;

const rsaParams = (bits: number): RsaHashedKeyGenParams => ({
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  modulusLength: bits,
  publicExponent: new Uint8Array([1, 0, 1]),
});

const GEN: Readonly<Record<KeyType, RsaHashedKeyGenParams | EcKeyGenParams>> = {
  rsa2048: rsaParams(2048),
  rsa3072: rsaParams(3072),
  rsa4096: rsaParams(4096),
  p256: { name: "ECDSA", namedCurve: "P-256" },
  p384: { name: "ECDSA", namedCurve: "P-384" },
};

/** Generates a new key pair of the given type. */
export async function generateSigningKey(keyType: KeyType): Promise<SigningKey> {
  const params = GEN[keyType];
  if (!params)
    throw new PkiError(
      "InvalidIssuanceRequest",
      `unknown key type "${keyType}"; use one of ${KEY_TYPES.join(", ")}`,
    );
  const pair = (await subtle.generateKey(params, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const pkcs8 = Buffer.from(await subtle.exportKey("pkcs8", pair.privateKey));
  return fromPkcs8(pkcs8);
}

/**
 * Loads a PEM private key (PKCS#8, PKCS#1 RSA, SEC1 EC; encrypted PKCS#8 with `passphrase`).
 * Throws `InvalidIssuanceRequest` with a clear reason (never echoing the key or passphrase).
 */
export async function importSigningKey(pem: string, passphrase?: string): Promise<SigningKey> {
  let ko: KeyObject;
  try {
    ko = createPrivateKey(
      passphrase === undefined ? { key: pem, format: "pem" } : { key: pem, format: "pem", passphrase },
    );
  } catch (cause) {
    const encrypted = /ENCRYPTED/.test(pem);
    throw new PkiError(
      "InvalidIssuanceRequest",
      encrypted
        ? passphrase === undefined
          ? "the CA private key is encrypted; pass its passphrase"
          : "the CA private key cannot be decrypted: wrong passphrase?"
        : "the CA private key is not a PEM private key node can read (PKCS#8, PKCS#1 or SEC1)",
      { cause },
    );
  }
  return fromPkcs8(ko.export({ type: "pkcs8", format: "der" }));
}

async function fromPkcs8(pkcs8: Buffer): Promise<SigningKey> {
  const keyObject = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  const spki = createPublicKey(keyObject).export({ type: "spki", format: "der" });
  let alg: RsaHashedImportParams | EcKeyImportParams;
  let signingAlgorithm: Algorithm | EcdsaParams;
  if (keyObject.asymmetricKeyType === "rsa") {
    alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    signingAlgorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as Algorithm;
  } else if (keyObject.asymmetricKeyType === "ec") {
    const curve = keyObject.asymmetricKeyDetails?.namedCurve;
    const namedCurve =
      curve === "prime256v1"
        ? "P-256"
        : curve === "secp384r1"
          ? "P-384"
          : curve === "secp521r1"
            ? "P-521"
            : undefined;
    if (!namedCurve)
      throw new PkiError(
        "InvalidIssuanceRequest",
        `unsupported EC curve ${curve ?? "?"}; use P-256 or P-384`,
      );
    alg = { name: "ECDSA", namedCurve };
    signingAlgorithm = {
      name: "ECDSA",
      hash: namedCurve === "P-256" ? "SHA-256" : namedCurve === "P-384" ? "SHA-384" : "SHA-512",
    } as EcdsaParams;
  } else {
    throw new PkiError(
      "InvalidIssuanceRequest",
      `unsupported key type ${keyObject.asymmetricKeyType ?? "?"}; use RSA or EC`,
    );
  }
  const privateKey = await subtle.importKey("pkcs8", pkcs8, alg, true, ["sign"]);
  const pkcs8Pem = keyObject.export({ type: "pkcs8", format: "pem" }).toString();
  return { privateKey, spki, signingAlgorithm, pkcs8Pem, keyObject };
}

/** PKCS#8 PEM, encrypted with AES-256-CBC when a passphrase is given. */
export function exportPrivateKeyPem(key: SigningKey, passphrase?: string): string {
  if (passphrase === undefined) return key.pkcs8Pem;
  if (passphrase.length < 4)
    throw new PkiError("InvalidIssuanceRequest", "the key passphrase must have at least 4 characters");
  return key.keyObject.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }).toString();
}
