import type { Command } from "commander";
import { exitTwoOnUsageErrors } from "../pki/run-action.js";
import { register as registerIssue } from "./cert-issue.js";
import { register as registerLint } from "./cert-lint.js";
import { register as registerVerify } from "./cert-verify.js";

/** `cert issue | lint | verify`: client certificates for Roles Anywhere. */
export function register(program: Command): void {
  const cert = exitTwoOnUsageErrors(
    program
      .command("cert")
      .description("client certificates: issue, lint against the Roles Anywhere rules, verify a path"),
  );
  registerIssue(cert);
  registerLint(cert);
  registerVerify(cert);
}
