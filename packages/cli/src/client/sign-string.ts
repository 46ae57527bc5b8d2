import { KeyObject, sign } from "node:crypto";
import { loadSigningMaterial, signStringTestMessage } from "@anchorage/credential-provider";
import { CliInputError } from "./cli-input-error.js";
import { failureLine } from "./failure.js";
import type { CliIo } from "./io.js";

/** `--digest` values and the node:crypto hash each names. */
export const SIGN_STRING_DIGESTS = { SHA256: "sha256", SHA384: "sha384", SHA512: "sha512" } as const;
export type SignStringDigest = keyof typeof SIGN_STRING_DIGESTS;
/** `--format` values. */
export const SIGN_STRING_FORMATS = ["json", "text", "bin"] as const;
export type SignStringFormat = (typeof SIGN_STRING_FORMATS)[number];

/** Stdin beyond this many bytes is refused. */
export const MAX_SIGN_STRING_INPUT_BYTES = 1024 * 1024;

export interface SignStringFlags {
  readonly certificate?: string;
  readonly privateKey?: string;
  readonly pkcs8Password?: string;
  readonly passphraseFile?: string;
  readonly digest: SignStringDigest;
  readonly format: SignStringFormat;
}

/** Where the bytes to sign come from: piped stdin, or nothing (then the helper's fixed test message). */
export type ReadInput = () => Promise<Buffer | undefined>;

/**
 * Reads stdin when it is not a terminal, up to {@link MAX_SIGN_STRING_INPUT_BYTES}; resolves
 * undefined for a terminal or an empty input. Touches `process.stdin` only when called.
 */
export const readPipedStdin: ReadInput = async () => {
  const stdin = process.stdin;
  if (stdin.isTTY === true) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_SIGN_STRING_INPUT_BYTES) {
      stdin.destroy();
      throw new CliInputError(
        `stdin holds more than ${MAX_SIGN_STRING_INPUT_BYTES} bytes; sign-string signs at most 1 MiB`,
      );
    }
    chunks.push(chunk);
  }
  return size === 0 ? undefined : Buffer.concat(chunks, size);
};

/** Renders a signature as `--format` asks, without a trailing newline (as AWS's helper). */
export function formatSignature(signature: Buffer, format: SignStringFormat): string | Buffer {
  switch (format) {
    case "json":
      return JSON.stringify(signature.toString("hex"));
    case "text":
      return signature.toString("hex");
    case "bin":
      return signature;
  }
}

/**
 * `anchorage sign-string`: signs with the private key and prints the signature. Like AWS's helper
 * v1.4 it signs a fixed test message (`AWS Roles Anywhere Credential Helper Signing Test`, `1`,
 * SHA-256 of `IAM RA` ‖ the public key bytes) with PKCS#1 v1.5 (RSA) or DER ECDSA, hashed with
 * `--digest`. Unlike v1.4, bytes piped to stdin (at least one, at most 1 MiB) are signed instead.
 * Resolves to the exit code.
 */
export async function runSignString(
  flags: SignStringFlags,
  io: CliIo,
  readInput: ReadInput = readPipedStdin,
): Promise<number> {
  try {
    const material = await loadSigningMaterial({
      certificate: flags.certificate as string, // undefined: loadSigningMaterial says "pass --certificate"
      privateKey: flags.privateKey,
      passphrase: flags.pkcs8Password,
      passphraseFile: flags.passphraseFile,
      env: io.env,
    });
    const key = material.privateKey;
    const message = (await readInput()) ?? signStringTestMessage(material.certificate.x509.publicKey);
    let signature: Buffer;
    if (key instanceof KeyObject) signature = sign(SIGN_STRING_DIGESTS[flags.digest], message, key);
    else if (flags.digest === "SHA256")
      signature = await key.sign(message); // a PKCS#11 key signs SHA-256
    else throw new CliInputError(`--digest ${flags.digest}: a PKCS#11 key signs with SHA256 only`);
    io.stdout.write(formatSignature(signature, flags.format));
    return 0;
  } catch (error) {
    io.stderr.write(failureLine("sign-string", error));
    return 1;
  }
}
