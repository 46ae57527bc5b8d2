import { MaterialError } from "../material/errors.js";
import type { Prompt } from "../material/passphrase.js";
import type { ReadFile } from "../material/read-file.js";
import type { Pkcs11Uri } from "./pkcs11-uri.js";

/** The environment variable a token PIN may come from. */
export const PKCS11_PIN_ENV = "ANCHORAGE_PKCS11_PIN";

export interface PinSources {
  /** The URIs in order of preference (key first): their `pin-value` / `pin-source`. */
  readonly uris: readonly Pkcs11Uri[];
  readonly env: NodeJS.ProcessEnv;
  readonly readFile: ReadFile;
  /** Undefined when prompting is disabled. */
  readonly prompt: Prompt | undefined;
  readonly interactive: () => boolean;
}

/** Where a PIN came from, for messages (never the PIN). */
export interface Pin {
  readonly value: string;
  readonly from: string;
}

/**
 * The user PIN of a token, from the first source that has one: a URI's `pin-value`, a URI's
 * `pin-source` (a file path or `file:` URI; its first line), `ANCHORAGE_PKCS11_PIN`, then a no-echo
 * prompt when someone can answer it. Undefined when there is none.
 */
export async function findPin(sources: PinSources, tokenLabel: string): Promise<Pin | undefined> {
  for (const uri of sources.uris) {
    const value = uri.query.get("pin-value");
    if (value !== undefined) return { value, from: "pin-value in the URI" };
    const source = uri.query.get("pin-source");
    if (source !== undefined) {
      const path = source.startsWith("file:") ? decodeURIComponent(new URL(source).pathname) : source;
      let text: string;
      try {
        text = (await sources.readFile(path)).toString("utf8");
      } catch (cause) {
        throw new MaterialError("Pkcs11NeedsPin", `cannot read the PIN file ${path} named by pin-source`, {
          cause,
        });
      }
      return { value: text.split(/\r?\n/, 1)[0] ?? "", from: `pin-source ${path}` };
    }
  }
  const fromEnv = sources.env[PKCS11_PIN_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, from: PKCS11_PIN_ENV };
  if (sources.prompt !== undefined && sources.interactive())
    return { value: await sources.prompt(`PIN for PKCS#11 token ${tokenLabel}: `), from: "the prompt" };
  return undefined;
}
