import { DEFAULT_PASSPHRASE_ENV } from "./constants.js";
import { CLI_FLAG_NAMES } from "./input.js";
import type { FlagNames } from "./input.js";
import { passphraseSources } from "./passphrase.js";
import type { PassphraseSources, Prompt } from "./passphrase.js";
import { readBoundedFile } from "./read-file.js";
import type { ReadFile } from "./read-file.js";
import { ttyPrompt } from "./tty-prompt.js";

/** Passphrase sources and side-effect seams, shared by every loader. */
export interface LoadOptions {
  /** A literal passphrase (CLI: `--pkcs8-password`). Zero-length means none. Highest precedence. */
  readonly passphrase?: string | undefined;
  /** A file whose first line is the passphrase (CLI: `--passphrase-file`). Second precedence. */
  readonly passphraseFile?: string | undefined;
  /** The environment variable holding the passphrase; default `ANCHORAGE_PASSPHRASE`. Third. */
  readonly passphraseEnv?: string | undefined;
  /** Reads a file (default: node:fs, refusing files over 1 MiB). */
  readonly readFile?: ReadFile | undefined;
  /** The environment (default: `process.env`). */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /**
   * Asks for a passphrase, the last resort (default: a no-echo prompt on stderr). Used only when
   * `stdinIsTTY()` is true; `false` disables prompting.
   */
  readonly prompt?: Prompt | false | undefined;
  /** Whether someone can answer a prompt (default: `process.stdin.isTTY`). */
  readonly stdinIsTTY?: (() => boolean) | undefined;
  /** How the caller names its options in messages (default: the CLI's flags). */
  readonly flagNames?: Partial<FlagNames> | undefined;
}

export interface PreparedOptions {
  readonly flags: FlagNames;
  readonly readFile: ReadFile;
  readonly sources: PassphraseSources;
}

/** Fills in the defaults. Reads nothing: passphrase sources are consulted only when needed. */
export function prepareOptions(options: LoadOptions): PreparedOptions {
  const flags: FlagNames = { ...CLI_FLAG_NAMES, ...options.flagNames };
  const readFile = options.readFile ?? readBoundedFile;
  const sources = passphraseSources({
    passphrase: options.passphrase,
    passphraseFile: options.passphraseFile,
    passphraseEnv: options.passphraseEnv ?? DEFAULT_PASSPHRASE_ENV,
    env: options.env ?? process.env,
    readFile,
    prompt: options.prompt === false ? undefined : (options.prompt ?? ttyPrompt),
    interactive: options.stdinIsTTY ?? (() => process.stdin.isTTY === true),
    flags,
  });
  return { flags, readFile, sources };
}
