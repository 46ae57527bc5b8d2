import { PROMPT_ATTEMPTS } from "./constants.js";
import { MaterialError } from "./errors.js";
import { fileError } from "./input.js";
import type { FlagNames } from "./input.js";
import type { ReadFile } from "./read-file.js";

/** Where a passphrase came from. */
export type PassphraseOrigin = "value" | "file" | "env" | "prompt";

export interface Passphrase {
  readonly value: string;
  readonly origin: PassphraseOrigin;
  /** How messages name the source: `--pkcs8-password`, `--passphrase-file pw.txt`, `ANCHORAGE_PASSPHRASE`. */
  readonly label: string;
}

/** Asks the user; resolves to what was typed (without the newline). */
export type Prompt = (question: string) => Promise<string>;

export interface PassphraseOptions {
  /** A literal passphrase (the CLI's `--pkcs8-password`). */
  readonly passphrase?: string | undefined;
  /** A file whose first line is the passphrase (the CLI's `--passphrase-file`). */
  readonly passphraseFile?: string | undefined;
  /** The environment variable to read. */
  readonly passphraseEnv: string;
  readonly env: NodeJS.ProcessEnv;
  readonly readFile: ReadFile;
  /** Undefined when prompting is disabled. */
  readonly prompt: Prompt | undefined;
  /**
   * Whether someone can answer the prompt (stdin is a terminal). Consulted only when a prompt is
   * about to be needed: merely touching `process.stdin` costs milliseconds on the hot path.
   */
  readonly interactive: () => boolean;
  readonly flags: FlagNames;
}

/** The passphrase sources of one load, consulted lazily: nothing is read unless a key is encrypted. */
export interface PassphraseSources {
  /** The first non-empty of: the value, the file's first line, the environment variable. Read once. */
  configured(): Promise<Passphrase | undefined>;
  /** True when a prompt is enabled and stdin is a terminal (checked once, on first call). */
  canPrompt(): boolean;
  /** Asks `question` at the prompt for the input named `subject` (only call when `canPrompt()`). */
  ask(question: string, subject: string): Promise<Passphrase>;
  /** What to tell a user who gave no passphrase: `pass --pkcs8-password, --passphrase-file or set …`. */
  readonly hint: string;
}

export function passphraseSources(options: PassphraseOptions): PassphraseSources {
  let configured: Promise<Passphrase | undefined> | undefined;
  let interactive: boolean | undefined;
  const { flags, prompt } = options;
  const hint = `pass ${flags.passphrase}, ${flags.passphraseFile} or set ${options.passphraseEnv}`;
  return {
    configured: () => (configured ??= readConfigured(options)),
    canPrompt: () => prompt !== undefined && (interactive ??= options.interactive()),
    async ask(question, subject) {
      if (prompt === undefined || interactive !== true) throw new Error("ask() called without canPrompt()");
      try {
        return { value: await prompt(question), origin: "prompt", label: "the prompt" };
      } catch (cause) {
        throw new MaterialError(
          "PromptFailed",
          `the passphrase prompt for ${subject} failed; ${hint} instead`,
          {
            cause,
          },
        );
      }
    },
    hint,
  };
}

// Precedence: value > file > environment. A zero-length passphrase means "no passphrase" (as AWS's
// helper documents for --pkcs8-password), so an empty value falls through to the next source.
async function readConfigured(o: PassphraseOptions): Promise<Passphrase | undefined> {
  if (o.passphrase !== undefined && o.passphrase !== "") {
    return { value: o.passphrase, origin: "value", label: o.flags.passphrase };
  }
  if (o.passphraseFile !== undefined && o.passphraseFile !== "") {
    let bytes: Buffer;
    try {
      bytes = await o.readFile(o.passphraseFile);
    } catch (cause) {
      throw fileError(cause, "passphrase file", o.passphraseFile, o.flags.passphraseFile);
    }
    const firstLine = bytes.toString("utf8").split("\n", 1)[0]!.replace(/\r$/, "");
    if (firstLine !== "") {
      return { value: firstLine, origin: "file", label: `${o.flags.passphraseFile} ${o.passphraseFile}` };
    }
  }
  const fromEnv = o.env[o.passphraseEnv];
  if (fromEnv !== undefined && fromEnv !== "")
    return { value: fromEnv, origin: "env", label: o.passphraseEnv };
  return undefined;
}

/** What `unlock` reports when it cannot find a working passphrase. */
export interface UnlockErrors {
  /** No source had a passphrase. */
  readonly missing: () => MaterialError;
  /** `passphrase` was tried and did not work. */
  readonly wrong: (passphrase: Passphrase) => MaterialError;
}

/**
 * Tries the configured passphrase; without one, asks at the prompt (up to {@link PROMPT_ATTEMPTS}
 * times). `attempt` returns undefined for a wrong passphrase and throws for anything else.
 */
export async function unlock<T>(
  sources: PassphraseSources,
  subject: string,
  question: string,
  errors: UnlockErrors,
  attempt: (passphrase: string) => T | undefined,
): Promise<{ result: T; passphrase: Passphrase }> {
  const configured = await sources.configured();
  if (configured !== undefined) {
    const result = attempt(configured.value);
    if (result === undefined) throw errors.wrong(configured);
    return { result, passphrase: configured };
  }
  if (!sources.canPrompt()) throw errors.missing();
  for (let i = 1; ; i++) {
    const answer = await sources.ask(question, subject);
    if (answer.value === "") throw errors.missing();
    const result = attempt(answer.value);
    if (result !== undefined) return { result, passphrase: answer };
    if (i === PROMPT_ATTEMPTS) throw errors.wrong(answer);
  }
}
