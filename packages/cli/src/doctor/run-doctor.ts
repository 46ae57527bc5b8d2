// `anchorage doctor`'s composition root: validates the flags, finds admin credentials, runs the
// checks in order and prints one line per check (or the JSON report). The real clock, file system,
// network and environment come in here. Exit codes: 0 everything passed (the real CreateSession
// included), 1 a check failed, 2 bad usage.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import type { HttpRequest } from "@anchorage/credential-provider";
import { readFileSyncBounded } from "../client/read-file-sync.js";
import type { Output } from "../client/io.js";
import { adminApi, adminCredentials } from "./admin-api.js";
import { iamEndpoint } from "./api/endpoints.js";
import { awsCommandFor, Lookups, type DoctorContext, type ExplainedRefusal, type NoApi } from "./context.js";
import { doctorConfig, DoctorUsageError, type DoctorConfig } from "./doctor-config.js";
import type { DoctorFlags } from "./doctor-options.js";
import { doctorReport, EXIT_USAGE, formatJsonReport, formatStepLine, formatSummary } from "./report.js";
import { runSteps } from "./runner.js";
import { DOCTOR_STEPS } from "./steps/index.js";

export interface DoctorIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: NodeJS.ProcessEnv;
  /** Whether a passphrase prompt can be answered. */
  readonly interactive: () => boolean;
  /** The clock (real at the composition root). */
  readonly now: () => Date;
  /** CreateSession's transport (default node:http/https). */
  readonly httpRequest?: HttpRequest;
}

/** Reads the precise reason from an explained refusal (the server's parser, loaded on first use). */
async function explainRefusal(message: string): Promise<ExplainedRefusal | undefined> {
  if (!/\[[a-z-]+\/[A-Za-z]+(: [\s\S]*)?\]$/.test(message)) return undefined;
  const { parseExplainedMessage } = await import("@anchorage/server");
  return parseExplainedMessage(message);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function header(config: DoctorConfig, api: string): string {
  const s = config.session;
  return [
    `anchorage doctor: certificate ${config.material.certificate}, trust anchor ${s.trustAnchorArn}, profile ${s.profileArn}, role ${s.roleArn}, endpoint ${s.endpoint.origin}`,
    `admin API: ${api}`,
  ].join("\n");
}

/** Runs `doctor`; resolves to the exit code. */
export async function runDoctor(flags: DoctorFlags, io: DoctorIo): Promise<number> {
  const usage = (message: string): number => {
    io.stderr.write(`anchorage doctor: ${message}\n(run anchorage doctor --help for usage)\n`);
    return EXIT_USAGE;
  };
  let config: DoctorConfig;
  let credentials;
  try {
    config = doctorConfig(flags);
    credentials = await adminCredentials({ config, env: io.env, readFile: readIfExists, now: io.now });
  } catch (error) {
    if (error instanceof DoctorUsageError) return usage(error.message);
    throw error;
  }
  const api = "reason" in credentials ? (credentials as NoApi) : adminApi(config, credentials, io.now);
  const files = new Map<string, Promise<Buffer>>();
  const read = readFileSyncBounded();
  const context: DoctorContext = {
    config,
    now: io.now(),
    clock: io.now,
    env: io.env,
    readFile: (path) => {
      let found = files.get(path);
      if (found === undefined) files.set(path, (found = read(path)));
      return found;
    },
    interactive: io.interactive,
    api,
    ...("reason" in credentials ? {} : { apiCredentialsSource: credentials.source }),
    ...(io.httpRequest === undefined ? {} : { httpRequest: io.httpRequest }),
    explainRefusal,
    aws: awsCommandFor(
      config.session.endpoint,
      config.session.region,
      iamEndpoint(config.session.endpoint, config.session.region, config.partition, config.iamEndpoint).url,
    ),
    debug: (line) => io.stderr.write(`anchorage doctor: debug: ${line}\n`),
    lookups: new Lookups(api),
    facts: {},
  };
  const text = !config.json;
  if (text)
    io.stdout.write(
      `${header(config, "reason" in credentials ? `${credentials.reason}: the trust anchor, CRL, profile and role checks are skipped` : `credentials from ${credentials.source}`)}\n`,
    );
  const results = await runSteps(DOCTOR_STEPS, context, {
    clock: () => performance.now(),
    ...(text ? { onResult: (r) => io.stdout.write(`${formatStepLine(r)}\n`) } : {}),
    onError: (error) => {
      if (io.env.ANCHORAGE_DEBUG_STACK === "1" && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    },
  });
  const report = doctorReport(results, context.facts.session);
  io.stdout.write(text ? `${formatSummary(results)}\n` : formatJsonReport(report));
  return report.exitCode;
}
