import type { Command } from "commander";
import { exitTwoOnUsageErrors } from "../pki/run-action.js";
import { register as registerCreate } from "./crl-create.js";
import { register as registerRevoke } from "./crl-revoke.js";

/** `crl revoke | create`: revocation for a CA made by `ca init`. */
export function register(program: Command): void {
  const crl = exitTwoOnUsageErrors(
    program.command("crl").description("revocation: record revoked serials, publish (and import) a CRL"),
  );
  registerRevoke(crl);
  registerCreate(crl);
}
