import type { Command } from "commander";
import { VERSION } from "../version.js";

/** `version`: prints the version number and a newline, as AWS's helper does. */
export function register(program: Command): void {
  program
    .command("version")
    .description("print the version number")
    .action(() => {
      process.stdout.write(`${VERSION}\n`);
    });
}
