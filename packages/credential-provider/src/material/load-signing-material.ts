import type { KeyObject } from "node:crypto";
import type { X509ExternalSigner } from "@anchorage/sigv4-x509";
import { isPkcs11Uri } from "../pkcs11/pkcs11-uri.js";
import { parseLeafCertificate, readCertificateFile } from "./certificate.js";
import type { LoadedCertificate } from "./certificate.js";
import { sniffDer } from "./der-kind.js";
import { MaterialError } from "./errors.js";
import { isContent, resolveInput } from "./input.js";
import type { FlagNames, InputRole, MaterialInput, ResolvedInput } from "./input.js";
import { readIntermediates } from "./intermediates.js";
import { assertKeyMatchesCertificate } from "./key-match.js";
import { describeKey } from "./key-policy.js";
import { prepareOptions } from "./load-options.js";
import type { LoadOptions } from "./load-options.js";
import type { PassphraseOrigin, PassphraseSources } from "./passphrase.js";
import { looksLikePem } from "./pem.js";
import { loadPrivateKey } from "./private-key.js";
import { ttyPrompt } from "./tty-prompt.js";
import type { PrivateKeyFormat } from "./private-key.js";

/** What to load, where passphrases may come from, and the side-effect seams. */
export interface SigningMaterialInit extends LoadOptions {
  /**
   * The leaf certificate (PEM or DER; in a file holding several certificates the first is the leaf)
   * or a PKCS#12 bundle with certificate, key and chain. A path, or the content: a string containing
   * `-----BEGIN` is PEM content, a `Uint8Array`/`Buffer` is content, any other string is a path.
   */
  readonly certificate: MaterialInput;
  /** The private key (same forms). Omit it when `certificate` is a PKCS#12 bundle. */
  readonly privateKey?: MaterialInput | undefined;
  /** Intermediate certificates (PEM bundle or concatenated DER), sent in file order. */
  readonly intermediates?: MaterialInput | undefined;
  /**
   * PKCS#11 (when `certificate` or `privateKey` is a `pkcs11:` URI): the module to load (the CLI's
   * `--pkcs11-lib`); default: the URI's `module-path`, else `p11-kit-proxy.so`.
   */
  readonly pkcs11Module?: string | undefined;
  /** PKCS#11: give a key that wants its PIN at every use (CKA_ALWAYS_AUTHENTICATE) the user PIN (`--reuse-pin`). */
  readonly reusePin?: boolean | undefined;
}

/** Everything signing a CreateSession request needs. */
export interface SigningMaterial {
  readonly certificate: LoadedCertificate;
  /** Intermediate certificates, DER, in the order they are sent in `X-Amz-X509-Chain`. */
  readonly chain: Buffer[];
  /** A node:crypto key, or a signer whose key stays on a PKCS#11 token. */
  readonly privateKey: KeyObject | X509ExternalSigner;
  readonly source: MaterialSource;
}

/** Where the material came from, for `--debug` output and messages. Never holds secrets. */
export interface MaterialSource {
  /** The certificate path as given, or `inline certificate (PEM text)`. */
  readonly certificate: string;
  /** The key path (the bundle's for PKCS#12), or `inline private key (…)`. */
  readonly privateKey: string;
  readonly intermediates?: string;
  readonly certificateFormat: "PEM" | "DER" | "PKCS#12" | "PKCS#11";
  readonly privateKeyFormat: PrivateKeyFormat;
  /** Set when a passphrase was needed. */
  readonly passphraseFrom?: PassphraseOrigin;
  /**
   * Certificates after the first one in the certificate file. They are not sent: like AWS's helper,
   * only `intermediates` becomes the chain, so the same command line signs the same headers.
   */
  readonly ignoredCertificates: number;
}

/**
 * Loads the leaf certificate, its chain and the private key, and checks that they belong together,
 * before any network call. Common inputs stay on node:crypto built-ins; the PKCS#12 reader is loaded
 * only when a PKCS#12 bundle is given. Throws {@link MaterialError} with a one-line message.
 *
 * @example
 * const material = await loadSigningMaterial({
 *   certificate: "pki/client.cert.pem",
 *   privateKey: "pki/client.key.pem",
 *   intermediates: "pki/chain.pem",
 *   passphraseFile: "/run/secrets/key-passphrase",
 * });
 * material.certificate.serialDecimal; // "4098"
 */
export async function loadSigningMaterial(init: SigningMaterialInit): Promise<SigningMaterial> {
  const { flags, readFile, sources } = prepareOptions(init);
  if (init.certificate == null) {
    throw new MaterialError("MissingInput", `no certificate given; pass ${flags.certificate}`);
  }
  if (isPkcs11Uri(init.certificate) || isPkcs11Uri(init.privateKey)) {
    // The token loader and its native binding load only now: never on the path of key files.
    const { loadPkcs11Material } = await import("../pkcs11/load-pkcs11-material.js").catch(
      (cause: unknown) => {
        throw new MaterialError(
          "Pkcs11Unavailable",
          `PKCS#11 support needs the npm package pkcs11js (a native addon), which is not installed or not built here (${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}); run npm install pkcs11js`,
          { cause },
        );
      },
    );
    return loadPkcs11Material({
      certificate: init.certificate,
      privateKey: init.privateKey,
      intermediates: init.intermediates,
      module: init.pkcs11Module,
      reusePin: init.reusePin,
      env: init.env ?? process.env,
      readFile,
      prompt: init.prompt === false ? undefined : (init.prompt ?? ttyPrompt),
      interactive: init.stdinIsTTY ?? (() => process.stdin.isTTY === true),
      flags,
    });
  }
  // One file holding both (a combined PEM, or a PKCS#12 given twice) is read once.
  const keyIsCertificateFile =
    typeof init.privateKey === "string" &&
    !isContent(init.privateKey) &&
    init.privateKey === init.certificate;
  const read = (input: MaterialInput | undefined, role: InputRole, flag: string) =>
    input == null ? undefined : resolveInput(input, role, flag, readFile);
  const [certificateIn, keyIn, intermediatesIn] = await settleInOrder([
    read(init.certificate, "certificate", flags.certificate),
    keyIsCertificateFile ? undefined : read(init.privateKey, "private key", flags.privateKey),
    read(init.intermediates, "intermediates bundle", flags.intermediates),
  ] as const);
  const certificateInput = certificateIn!;

  if (isPkcs12(certificateInput.bytes)) {
    if (keyIn !== undefined) {
      throw new MaterialError(
        "Pkcs12WithPrivateKey",
        `${certificateInput.name} is a PKCS#12 bundle, which carries its own private key; drop ${flags.privateKey}`,
      );
    }
    if (intermediatesIn !== undefined) {
      throw new MaterialError(
        "Pkcs12WithIntermediates",
        `${certificateInput.name} is a PKCS#12 bundle, whose chain comes from the bundle; drop ${flags.intermediates} or add those certificates to the bundle (openssl pkcs12 -export -certfile …)`,
      );
    }
    const bundle = await loadPkcs12Material(certificateInput, flags, sources);
    return {
      certificate: bundle.certificate,
      chain: bundle.chain,
      privateKey: bundle.privateKey,
      source: {
        certificate: certificateInput.name,
        privateKey: certificateInput.name,
        certificateFormat: "PKCS#12",
        privateKeyFormat: "PKCS#12",
        ...(bundle.passphraseFrom === undefined ? {} : { passphraseFrom: bundle.passphraseFrom }),
        ignoredCertificates: 0,
      },
    };
  }

  const file = readCertificateFile(certificateInput, flags.certificate);
  const certificate = parseLeafCertificate(file.leaf, certificateInput.name, flags.certificate);
  const chain = intermediatesIn === undefined ? [] : readIntermediates(intermediatesIn, flags.intermediates);
  const keyInput: ResolvedInput | undefined = keyIsCertificateFile
    ? { ...certificateInput, display: `private key ${certificateInput.name}` }
    : keyIn;
  if (keyInput === undefined) {
    throw new MaterialError(
      "MissingInput",
      `no private key given for certificate ${certificateInput.name}; pass ${flags.privateKey} (or a PKCS#12 bundle to ${flags.certificate})`,
    );
  }
  const decoded = await loadPrivateKey(keyInput, flags.privateKey, sources);
  assertUsableKey(decoded.key, keyInput.display);
  assertKeyMatchesCertificate(
    decoded.key,
    certificate.x509.publicKey,
    keyInput.display,
    certificateInput.display,
    file.extras,
  );
  return {
    certificate,
    chain,
    privateKey: decoded.key,
    source: {
      certificate: certificateInput.name,
      privateKey: keyInput.name,
      ...(intermediatesIn === undefined ? {} : { intermediates: intermediatesIn.name }),
      certificateFormat: file.format,
      privateKeyFormat: decoded.format,
      ...(decoded.passphraseFrom === undefined ? {} : { passphraseFrom: decoded.passphraseFrom }),
      ignoredCertificates: file.extras.length,
    },
  };
}

/** True for DER bytes shaped like a PKCS#12 PFX. */
export const isPkcs12 = (bytes: Buffer): boolean => !looksLikePem(bytes) && sniffDer(bytes) === "pkcs12";

/**
 * Opens a PKCS#12 bundle (loading the PKCS#12 reader only now) and checks its leaf and key like
 * separate files are checked.
 */
export async function loadPkcs12Material(
  input: ResolvedInput,
  flags: FlagNames,
  sources: PassphraseSources,
): Promise<{
  certificate: LoadedCertificate;
  chain: Buffer[];
  privateKey: KeyObject;
  passphraseFrom?: PassphraseOrigin;
}> {
  const { readPkcs12 } = await import("./pkcs12.js");
  const bundle = await readPkcs12(input, flags.certificate, sources);
  const where = `PKCS#12 bundle ${input.name}`;
  const certificate = parseLeafCertificate(bundle.leaf, `in ${where}`, flags.certificate);
  assertUsableKey(bundle.privateKey, `the private key in ${where}`);
  assertKeyMatchesCertificate(
    bundle.privateKey,
    certificate.x509.publicKey,
    `the private key in ${where}`,
    "its certificate",
  );
  return {
    certificate,
    chain: bundle.chain,
    privateKey: bundle.privateKey,
    ...(bundle.passphraseFrom === undefined ? {} : { passphraseFrom: bundle.passphraseFrom }),
  };
}

function assertUsableKey(key: KeyObject, display: string): void {
  const description = describeKey(key);
  if (!description.supported) {
    throw new MaterialError(
      "UnsupportedKeyType",
      `${display} is a key IAM Roles Anywhere cannot use (${description.text}): ${description.why}`,
    );
  }
}

/**
 * Awaits every read (so none is left running unobserved), then reports the first failure in
 * argument order: certificate, then key, then intermediates.
 */
async function settleInOrder<T extends readonly (Promise<ResolvedInput> | undefined)[]>(
  reads: T,
): Promise<{ -readonly [K in keyof T]: ResolvedInput | undefined }> {
  const settled = await Promise.allSettled(reads.map((r) => r ?? Promise.resolve(undefined)));
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s.status === "fulfilled" ? s.value : undefined)) as {
    -readonly [K in keyof T]: ResolvedInput | undefined;
  };
}
