import { Command } from "commander";
import { register as registerAuthorize } from "./commands/authorize.js";
import { register as registerCa } from "./commands/ca.js";
import { register as registerCert } from "./commands/cert.js";
import { register as registerCrl } from "./commands/crl.js";
import { register as registerCredentialProcess } from "./commands/credential-process.js";
import { register as registerDoctor } from "./commands/doctor.js";
import { register as registerQuickstart } from "./commands/quickstart.js";
import { register as registerReadCertificateData } from "./commands/read-certificate-data.js";
import { register as registerServe } from "./commands/serve.js";
import { register as registerServer } from "./commands/server.js";
import { register as registerSignString } from "./commands/sign-string.js";
import { register as registerUpdate } from "./commands/update.js";
import { register as registerVersion } from "./commands/version.js";
import { VERSION } from "./version.js";

/**
 * Builds the `anchorage` command tree. Registering a command must stay cheap: each command
 * module imports its heavy parts inside its action, so `credential-process` starts fast.
 */
export function buildProgram(): Command {
  const program = new Command()
    .name("anchorage")
    .description(
      "X.509 certificates to AWS credentials (IAM Roles Anywhere): a drop-in aws_signing_helper, " +
        "a self-hosted server and PKI tooling",
    )
    .version(VERSION, "--cli-version", "print the version number")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCredentialProcess(program);
  registerSignString(program);
  registerReadCertificateData(program);
  registerServe(program);
  registerUpdate(program);
  registerServer(program);
  registerCa(program);
  registerCert(program);
  registerCrl(program);
  registerAuthorize(program);
  registerDoctor(program);
  registerQuickstart(program);
  registerVersion(program);
  return program;
}
