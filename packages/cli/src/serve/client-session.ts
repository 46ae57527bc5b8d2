import { createSession, loadSigningMaterial, ttyPrompt, userAgent } from "@anchorage/credential-provider";
import type {
  CreateSessionEvent,
  SessionConfig,
  SessionCredentials,
  SigningMaterial,
} from "@anchorage/credential-provider";
import type { CredentialProcessFlags } from "../client/credential-process.js";
import { sessionConfigFromFlags } from "../client/session-config-flags.js";
import { VERSION } from "../version.js";

/** What a long-running command (`serve`, `update`) needs to fetch credentials again and again. */
export interface ClientSession {
  readonly config: SessionConfig;
  /** The file paths of the material (watched for rotation); `pkcs11:` URIs are not files. */
  readonly materialFiles: readonly string[];
  /** Loads the material afresh (a rotated certificate or key is picked up) and calls CreateSession. */
  fetch(): Promise<SessionCredentials & { readonly serial: string }>;
  /** Loads the material once, to fail early on a bad path, key or passphrase. */
  check(): Promise<SigningMaterial>;
}

/**
 * Validates the credential flags (the `credential-process` ones) and returns a session whose
 * `fetch()` re-reads the certificate, key and chain on every call. A passphrase typed at the prompt
 * on the first load is kept in memory for later loads, so a rotation never prompts again.
 *
 * @throws CreateSessionError (step `configure`) for bad flags, before any I/O.
 */
export function clientSession(
  flags: CredentialProcessFlags,
  env: NodeJS.ProcessEnv,
  now: () => number,
  onEvent?: (event: CreateSessionEvent) => void,
): ClientSession {
  const config = sessionConfigFromFlags(flags);
  let typed: string | undefined;
  const load = (): Promise<SigningMaterial> =>
    loadSigningMaterial({
      certificate: flags.certificate as string, // undefined: the loader says "pass --certificate"
      privateKey: flags.privateKey,
      intermediates: flags.intermediates,
      passphrase: flags.pkcs8Password ?? typed,
      passphraseFile: flags.passphraseFile,
      pkcs11Module: flags.pkcs11Lib,
      reusePin: flags.reusePin,
      env,
      prompt: async (question) => (typed = await ttyPrompt(question)),
      stdinIsTTY: () => typed === undefined && process.stdin.isTTY === true && process.stderr.isTTY === true,
    });
  const materialFiles = [flags.certificate, flags.privateKey, flags.intermediates].filter(
    (p): p is string => p !== undefined && p !== "" && !p.startsWith("pkcs11:"),
  );
  return {
    config,
    materialFiles,
    check: load,
    async fetch() {
      const material = await load();
      const result = await createSession({
        material,
        config,
        now: () => new Date(now()),
        userAgent: userAgent("anchorage", VERSION),
        verifySsl: flags.verifySsl !== false,
        withProxy: flags.withProxy === true,
        env,
        onEvent,
      });
      return { ...result.credentials, serial: material.certificate.serialDecimal };
    },
  };
}
