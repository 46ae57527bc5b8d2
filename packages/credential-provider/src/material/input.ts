import { MaterialError } from "./errors.js";
import { looksLikePem } from "./pem.js";
import type { ReadFile } from "./read-file.js";

/**
 * A certificate, key or bundle: a file path, or the content itself. PEM text (a string containing
 * `-----BEGIN`) and any `Uint8Array`/`Buffer` are content; every other string is a path.
 */
export type MaterialInput = string | Uint8Array;

export type InputRole = "certificate" | "private key" | "intermediates bundle" | "passphrase file";

/** How the caller names each option, so messages say what to change (`--private-key`, `privateKey`…). */
export interface FlagNames {
  readonly certificate: string;
  readonly privateKey: string;
  readonly intermediates: string;
  readonly passphrase: string;
  readonly passphraseFile: string;
}

/** The CLI's flag names (AWS's helper's where one exists: `--pkcs8-password` is its name). */
export const CLI_FLAG_NAMES: FlagNames = {
  certificate: "--certificate",
  privateKey: "--private-key",
  intermediates: "--intermediates",
  passphrase: "--pkcs8-password",
  passphraseFile: "--passphrase-file",
};

/** An input's bytes and how messages refer to it. */
export interface ResolvedInput {
  readonly bytes: Buffer;
  /** The path as given, or `inline <role> (PEM text | N bytes)`. */
  readonly name: string;
  /** `<role> <path>` for a file; the same as `name` for inline content. */
  readonly display: string;
  /** Set when the input was read from a file. */
  readonly path?: string;
}

export const isContent = (input: MaterialInput): boolean => typeof input !== "string" || looksLikePem(input);

export async function resolveInput(
  input: MaterialInput,
  role: InputRole,
  flag: string,
  readFile: ReadFile,
): Promise<ResolvedInput> {
  if (typeof input !== "string") {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const name = looksLikePem(bytes) ? `inline ${role} (PEM text)` : `inline ${role} (${bytes.length} bytes)`;
    return { bytes, name, display: name };
  }
  if (looksLikePem(input)) {
    const name = `inline ${role} (PEM text)`;
    return { bytes: Buffer.from(input, "utf8"), name, display: name };
  }
  if (input === "")
    throw new MaterialError("MissingInput", `the ${role} path is empty; pass a file to ${flag}`);
  try {
    return { bytes: await readFile(input), name: input, display: `${role} ${input}`, path: input };
  } catch (cause) {
    throw fileError(cause, role, input, flag);
  }
}

/** Maps a file-system error to a one-line MaterialError naming the file and the fix. */
export function fileError(cause: unknown, role: InputRole, path: string, flag: string): MaterialError {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
  const file = role.endsWith(" file") ? role : `${role} file`;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new MaterialError("FileNotFound", `${file} ${path} does not exist; check the ${flag} path`, {
        cause,
      });
    case "EACCES":
    case "EPERM":
      return new MaterialError(
        "FileUnreadable",
        `${file} ${path} cannot be read (permission denied); check its owner and mode, or the ${flag} path`,
        { cause },
      );
    case "EISDIR":
      return new MaterialError("FileUnreadable", `${role} ${path} is a directory; pass a file to ${flag}`, {
        cause,
      });
    case "EFBIG":
      return new MaterialError(
        "FileTooLarge",
        `${file} ${path} is larger than any ${role} could be; check the ${flag} path`,
        { cause },
      );
    default:
      return new MaterialError(
        "FileUnreadable",
        `${file} ${path} cannot be read (${code || "unknown error"}); check the ${flag} path`,
        { cause },
      );
  }
}
