import { createPrivateKey } from "node:crypto";
import type { KeyObject, PrivateKeyInput } from "node:crypto";
import { sniffDer } from "./der-kind.js";
import { MaterialError } from "./errors.js";
import type { ResolvedInput } from "./input.js";
import { looksLikePem, parsePem, PemError } from "./pem.js";
import type { PemBlock } from "./pem.js";
import { unlock } from "./passphrase.js";
import type { PassphraseOrigin, PassphraseSources } from "./passphrase.js";

/** The encodings a private key is read from. */
export type PrivateKeyFormat =
  | "PKCS#8"
  | "encrypted PKCS#8"
  | "PKCS#1"
  | "SEC1"
  | "encrypted PEM (legacy OpenSSL)"
  | "PKCS#12"
  | "PKCS#11";

/** A key located in its file, not yet decoded. `input` builds the node:crypto argument. */
interface LocatedKey {
  readonly format: PrivateKeyFormat;
  readonly encrypted: boolean;
  readonly input: (passphrase?: string) => PrivateKeyInput;
}

export interface DecodedKey {
  readonly key: KeyObject;
  readonly format: PrivateKeyFormat;
  /** Set when the key was encrypted. */
  readonly passphraseFrom?: PassphraseOrigin;
}

/**
 * Reads a private key with node:crypto: PKCS#8, PKCS#1 and SEC1, in PEM or DER, encrypted PKCS#8
 * (PBES2 with PBKDF2 or scrypt, as OpenSSL 3 supports) and legacy `Proc-Type: 4,ENCRYPTED` PEM.
 * Passphrase sources are consulted only when the key is encrypted.
 */
export async function loadPrivateKey(
  input: ResolvedInput,
  flag: string,
  sources: PassphraseSources,
): Promise<DecodedKey> {
  const located = looksLikePem(input.bytes) ? locatePem(input, flag) : locateDer(input, flag);
  if (!located.encrypted) {
    try {
      return { key: createPrivateKey(located.input()), format: located.format };
    } catch (cause) {
      throw new MaterialError(
        "NotAPrivateKey",
        `${input.name} is not a valid ${located.format} private key; check that ${flag} names the key file`,
        { cause },
      );
    }
  }
  const { result, passphrase } = await unlock(
    sources,
    input.name,
    `Passphrase for ${input.name}: `,
    {
      missing: () =>
        new MaterialError(
          "EncryptedKeyNeedsPassphrase",
          `${input.name} is an ${located.format} key; ${sources.hint}`,
        ),
      wrong: (p) =>
        new MaterialError(
          "WrongPassphrase",
          `the passphrase from ${p.label} does not decrypt ${input.display}; check the passphrase`,
        ),
    },
    (passphrase) => decrypt(located, passphrase, input, flag),
  );
  return { key: result, format: located.format, passphraseFrom: passphrase.origin };
}

function decrypt(
  located: LocatedKey,
  passphrase: string,
  input: ResolvedInput,
  flag: string,
): KeyObject | undefined {
  try {
    return createPrivateKey(located.input(passphrase));
  } catch (cause) {
    const code = typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
    // A wrong passphrase fails the CBC padding check (BAD_DECRYPT) or, when the padding happens to
    // look right, yields bytes that do not decode as a key (DECODER "unsupported").
    if (code === "ERR_OSSL_BAD_DECRYPT" || code === "ERR_OSSL_UNSUPPORTED") return undefined;
    if (code === "ERR_OSSL_EVP_UNSUPPORTED") {
      throw new MaterialError(
        "UnsupportedKeyEncryption",
        `${input.name} is encrypted with a cipher node:crypto does not offer (RC2, DES or similar); re-encrypt it with \`openssl pkcs8 -topk8 -v2 aes-256-cbc\` and pass that to ${flag}`,
        { cause },
      );
    }
    throw new MaterialError(
      "NotAPrivateKey",
      `${input.name} could not be decrypted as a ${located.format} key`,
      {
        cause,
      },
    );
  }
}

function locatePem(input: ResolvedInput, flag: string): LocatedKey {
  let blocks: PemBlock[];
  try {
    blocks = parsePem(input.bytes.toString("utf8"));
  } catch (cause) {
    if (!(cause instanceof PemError)) throw cause;
    throw new MaterialError(
      "NotAPrivateKey",
      `${input.name} is not valid PEM (block ${cause.block}: ${cause.message}); pass a PEM or DER private key to ${flag}`,
      { cause },
    );
  }
  for (const block of blocks) {
    const pem = (passphrase?: string): PrivateKeyInput => ({ key: block.text, format: "pem", passphrase });
    const legacyEncrypted = (block.headers["Proc-Type"] ?? "").includes("ENCRYPTED");
    switch (block.label) {
      case "PRIVATE KEY":
        return { format: "PKCS#8", encrypted: false, input: pem };
      case "ENCRYPTED PRIVATE KEY":
        return { format: "encrypted PKCS#8", encrypted: true, input: pem };
      case "RSA PRIVATE KEY":
      case "EC PRIVATE KEY":
        return legacyEncrypted
          ? { format: "encrypted PEM (legacy OpenSSL)", encrypted: true, input: pem }
          : { format: block.label === "RSA PRIVATE KEY" ? "PKCS#1" : "SEC1", encrypted: false, input: pem };
      case "DSA PRIVATE KEY":
        throw new MaterialError(
          "UnsupportedKeyType",
          `${input.name} is a key IAM Roles Anywhere cannot use (DSA): it signs with RSA (at least 2048 bits) or ECDSA on P-256, P-384 or P-521`,
        );
      case "OPENSSH PRIVATE KEY":
        throw new MaterialError(
          "UnsupportedKeyFormat",
          `${input.name} is an OpenSSH private key; convert a copy to PKCS#8 (\`ssh-keygen -p -m PKCS8 -f <copy>\`) and pass that to ${flag}`,
        );
      case "TSS2 PRIVATE KEY":
        throw new MaterialError(
          "UnsupportedKeyFormat",
          `${input.name} is a TPM-wrapped (TSS2) key; Anchorage reads software keys only: pass a PKCS#8, PKCS#1 or SEC1 key to ${flag}`,
        );
      default:
        continue; // EC PARAMETERS before a SEC1 key, certificates, anything else: look further
    }
  }
  const found = blocks.map((b) => b.label);
  const what = found.includes("CERTIFICATE")
    ? "holds a certificate, not a private key"
    : `holds no private key block (found: ${found.join(", ") || "nothing"})`;
  throw new MaterialError("NotAPrivateKey", `${input.name} ${what}; pass the private key file to ${flag}`);
}

function locateDer(input: ResolvedInput, flag: string): LocatedKey {
  const der = input.bytes;
  const kind = sniffDer(der);
  switch (kind) {
    case "pkcs8":
      return {
        format: "PKCS#8",
        encrypted: false,
        input: () => ({ key: der, format: "der", type: "pkcs8" }),
      };
    case "encrypted-pkcs8":
      return {
        format: "encrypted PKCS#8",
        encrypted: true,
        input: (passphrase) => ({ key: der, format: "der", type: "pkcs8", passphrase }),
      };
    case "pkcs1":
      return {
        format: "PKCS#1",
        encrypted: false,
        input: () => ({ key: der, format: "der", type: "pkcs1" }),
      };
    case "sec1":
      return { format: "SEC1", encrypted: false, input: () => ({ key: der, format: "der", type: "sec1" }) };
    case "certificate":
      throw new MaterialError(
        "NotAPrivateKey",
        `${input.name} holds a certificate, not a private key; pass the private key file to ${flag}`,
      );
    case "pkcs12":
      throw new MaterialError(
        "NotAPrivateKey",
        `${input.name} is a PKCS#12 bundle; pass it as the certificate, which then needs no separate private key`,
      );
    case "unknown":
      throw new MaterialError(
        "NotAPrivateKey",
        `${input.name} is neither PEM nor a DER private key; pass a PKCS#8, PKCS#1 or SEC1 key to ${flag}`,
      );
  }
}
