// Passphrases of CA and client private keys: `--passphrase-file FILE` (its first line), else the
// ANCHORAGE_PASSPHRASE environment variable, else a prompt when stdin is a terminal. Messages name
// where a passphrase came from, never the passphrase.
import { createPrivateKey } from "node:crypto";
import { CliError, usageError } from "./cli-error.js";
import { readInputFile } from "./input-file.js";

export const PASSPHRASE_ENV = "ANCHORAGE_PASSPHRASE";
const PROMPT_ATTEMPTS = 3;

/** Asks a question with echo off; undefined when nobody can answer (stdin is not a terminal). */
export type Prompt = (question: string) => Promise<string>;

export interface PassphraseInit {
  /** The file flag's value, and the flag's name for messages. */
  readonly file?: string | undefined;
  readonly fileFlag: string;
  readonly env: NodeJS.ProcessEnv;
  readonly prompt?: Prompt | undefined;
}

export interface Passphrase {
  readonly value: string;
  /** `--passphrase-file pw.txt`, `ANCHORAGE_PASSPHRASE`, `the prompt`. */
  readonly label: string;
}

/** The passphrase from the file or the environment, if any. */
export async function configuredPassphrase(init: PassphraseInit): Promise<Passphrase | undefined> {
  if (init.file !== undefined) {
    const text = (await readInputFile(init.file, init.fileFlag)).toString("utf8");
    const first = text.split("\n", 1)[0]!.replace(/\r$/, "");
    if (first === "") throw usageError(`${init.fileFlag} ${init.file}: the first line is empty`);
    return { value: first, label: `${init.fileFlag} ${init.file}` };
  }
  const env = init.env[PASSPHRASE_ENV];
  if (env !== undefined && env !== "") return { value: env, label: PASSPHRASE_ENV };
  return undefined;
}

/**
 * The passphrase that decrypts the private key `keyPem` (read from `keyPath`), or undefined when
 * it is not encrypted. Throws a CliError for a key node cannot read, a missing passphrase (with
 * the flags to use) or a wrong one.
 */
export async function unlockPrivateKey(
  keyPem: string,
  keyPath: string,
  init: PassphraseInit,
): Promise<string | undefined> {
  try {
    createPrivateKey({ key: keyPem, format: "pem" });
    return undefined;
  } catch (cause) {
    if (!/ENCRYPTED/.test(keyPem))
      throw new CliError(
        `${keyPath} is not a private key anchorage can read (PEM PKCS#8, PKCS#1 or SEC1 expected)`,
        1,
        { cause },
      );
  }
  const configured = await configuredPassphrase(init);
  if (configured !== undefined) {
    if (decrypts(keyPem, configured.value)) return configured.value;
    throw new CliError(
      `cannot decrypt ${keyPath} with the passphrase from ${configured.label}: wrong passphrase`,
    );
  }
  if (init.prompt === undefined)
    throw usageError(
      `${keyPath} is encrypted; pass ${init.fileFlag} FILE or set ${PASSPHRASE_ENV} (or run in a terminal to be asked)`,
    );
  for (let attempt = 1; attempt <= PROMPT_ATTEMPTS; attempt++) {
    const value = await init.prompt(`Passphrase for ${keyPath}: `);
    if (decrypts(keyPem, value)) return value;
  }
  throw new CliError(`cannot decrypt ${keyPath}: wrong passphrase (${PROMPT_ATTEMPTS} attempts)`);
}

/**
 * The passphrase to encrypt a new private key with: the file or environment when set; otherwise,
 * when `ask` is true, typed twice at the prompt; otherwise undefined (the key is not encrypted).
 */
export async function newKeyPassphrase(
  init: PassphraseInit,
  ask: boolean,
  what: string,
): Promise<Passphrase | undefined> {
  const configured = await configuredPassphrase(init);
  const chosen = configured ?? (ask ? await askTwice(init, what) : undefined);
  if (chosen !== undefined && chosen.value.length < 4)
    throw usageError(`the passphrase from ${chosen.label} is shorter than 4 characters`);
  return chosen;
}

async function askTwice(init: PassphraseInit, what: string): Promise<Passphrase> {
  if (init.prompt === undefined)
    throw usageError(
      `cannot ask for a passphrase for ${what}: stdin is not a terminal; pass ${init.fileFlag} FILE or set ${PASSPHRASE_ENV}`,
    );
  const first = await init.prompt(`New passphrase for ${what}: `);
  const again = await init.prompt("Repeat it: ");
  if (first !== again) throw new CliError("the two passphrases differ; nothing was written");
  return { value: first, label: "the prompt" };
}

function decrypts(keyPem: string, passphrase: string): boolean {
  try {
    createPrivateKey({ key: keyPem, format: "pem", passphrase });
    return true;
  } catch {
    return false; // a wrong passphrase: the caller says so
  }
}

/** The terminal prompt when stdin is a terminal, else undefined (composition roots call this). */
export function terminalPrompt(): Prompt | undefined {
  if (process.stdin.isTTY !== true) return undefined;
  return async (question) => {
    const { ttyPrompt } = await import("@anchorage/credential-provider");
    return ttyPrompt(question);
  };
}
