import { runCredentialProcess } from "./credential-process.js";
import { CREDENTIAL_PROCESS_OPTIONS, flagsFromValues } from "./credential-process-options.js";
import { processIo } from "./io.js";
import { unsupportedHelperFlag } from "./unsupported-helper-flags.js";

type ParseArgsOptions = Record<string, { type: "string" | "boolean" }>;

const PARSE_OPTIONS: ParseArgsOptions = Object.fromEntries(
  CREDENTIAL_PROCESS_OPTIONS.map((o) => [o.name, { type: o.value === undefined ? "boolean" : "string" }]),
);

/**
 * The fast path of `anchorage credential-process` (what the AWS CLI and SDKs run before their calls):
 * parses the flags with node's `util.parseArgs` from the same table commander uses, so neither
 * commander nor any other command's code is loaded. `--flag value` and `--flag=value` both work.
 * Resolves to the exit code; a usage error is one stderr line.
 */
export async function credentialProcessFromArgv(args: readonly string[]): Promise<number> {
  const io = processIo();
  const unsupported = unsupportedHelperFlag(args);
  if (unsupported !== undefined) {
    io.stderr.write(`anchorage credential-process: ${unsupported}\n`);
    return 1;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    // process.getBuiltinModule: `import "node:util"` would build util's ES module facade (milliseconds).
    const { parseArgs } = process.getBuiltinModule("node:util");
    values = parseArgs({
      args: [...args],
      options: PARSE_OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split(". ")[0]! : String(error);
    io.stderr.write(`anchorage credential-process: ${message}; run anchorage credential-process --help\n`);
    return 1;
  }
  return runCredentialProcess(flagsFromValues(values), io);
}
