import {
  CreateSessionError,
  isCreateSessionError,
  MaterialError,
  oneLine,
} from "@anchorage/credential-provider";
import { CliInputError } from "./cli-input-error.js";

/**
 * The one stderr line a failed client command prints: `anchorage <command>: <what failed>`, the
 * step first (`cannot load the signing material: …`, `CreateSession failed: …`). Never a stack trace;
 * the messages it is built from never hold secrets.
 *
 * @example
 * failureLine("credential-process", error)
 * // "anchorage credential-process: CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403)\n"
 */
export function failureLine(command: string, error: unknown): string {
  const known = isCreateSessionError(error)
    ? error
    : error instanceof MaterialError
      ? new CreateSessionError("load-material", error.message, { cause: error })
      : undefined;
  const message =
    known?.message ??
    (error instanceof CliInputError
      ? error.message
      : `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return `anchorage ${command}: ${oneLine(message, 2000)}\n`;
}
