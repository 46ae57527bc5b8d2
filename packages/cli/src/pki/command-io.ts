// What a PKI command touches outside its arguments: output streams, environment, clock, prompt.
// Actions build it once with processIo() (the composition root); tests of the modules pass fakes.
import { terminalPrompt, type Prompt } from "./passphrase.js";

export interface CommandIo {
  /** Results (stdout). */
  out(text: string): void;
  /** Progress, warnings and notes (stderr). */
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  now(): Date;
  readonly prompt: Prompt | undefined;
}

export function processIo(): CommandIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    now: () => new Date(),
    prompt: terminalPrompt(),
  };
}
