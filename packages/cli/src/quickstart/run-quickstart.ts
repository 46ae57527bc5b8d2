// `anchorage quickstart`'s composition root: from an empty folder (or the one a previous run left)
// to credentials that work, in numbered steps — server, CA, client certificate, trust anchor, role,
// profile, credentials through credential-process, who they are (aws sts get-caller-identity), and
// what they may do (the decision API: s3:GetObject allowed, s3:PutObject denied) — then the
// ~/.aws/config lines to keep using it. Everything is reused on a re-run. Exit codes: 0 done,
// 1 a step failed (one line saying which and why), 2 bad usage.
import { access, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PUBLIC_FILE_MODE, writeFileAtomic } from "@anchorage/server/atomic-file";
import { IamApi } from "../doctor/api/iam-api.js";
import { RolesAnywhereApi } from "../doctor/api/roles-anywhere-api.js";
import { showCallerIdentity } from "./caller-identity.js";
import {
  AWS_PROFILE_NAME,
  awsConfigSection,
  credentialProcessArgv,
  parseProcessCredentials,
  type CredentialProcessTarget,
} from "./credential-process-line.js";
import { askDecisionApi, SAMPLES } from "./decision-demo.js";
import {
  CLIENT_COMMON_NAME,
  QUICKSTART_NAME,
  quickstartTrustPolicy,
  SESSION_POLICY_ARN,
} from "./documents.js";
import { ensureProfile } from "./ensure-profile.js";
import { ensureRole } from "./ensure-role.js";
import { ensureTrustAnchor, type EnsuredResource } from "./ensure-trust-anchor.js";
import { startLocalServer, type LocalServer } from "./local-server.js";
import { ensureCa, ensureClientCertificate, pkiPaths } from "./pki-material.js";
import { Progress, StepFailure } from "./progress.js";
import { quickstartSettings, QuickstartUsageError, type QuickstartFlags } from "./quickstart-options.js";
import { runChild } from "./run-child.js";

export interface QuickstartIo {
  /** Progress and results (stdout). */
  readonly out: (line: string) => void;
  /** The failure line (stderr). */
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The wall clock (signing, certificates). */
  readonly now: () => Date;
  /** A monotonic clock in ms (timings). */
  readonly clock: () => number;
  /** Absolute path of the `anchorage` launcher, for the credential_process line. */
  readonly bin: string;
  /** Resolves when the user asks to stop (Ctrl-C / SIGTERM): --keep-running waits for it. */
  readonly stopRequested: () => Promise<string>;
}

const STEPS = 11;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const ensuredText = <T>(e: EnsuredResource<T>): string =>
  e.action === "updated" ? `reused (${e.changes.join(", ")})` : e.action;

/** Runs the quickstart; resolves to the exit code. */
export async function runQuickstart(flags: QuickstartFlags, io: QuickstartIo): Promise<number> {
  let settings;
  try {
    settings = quickstartSettings(flags, io.cwd);
  } catch (error) {
    if (!(error instanceof QuickstartUsageError)) throw error;
    io.err(`anchorage quickstart: ${error.message}\n(run anchorage quickstart --help for usage)`);
    return EXIT_USAGE;
  }
  const started = io.clock();
  const progress = new Progress(io.out, io.clock, STEPS);
  const { dir, region } = settings;
  let server: LocalServer | undefined;
  try {
    await progress.step("data folder", async () => {
      const existed = await access(dir).then(
        () => true,
        () => false,
      );
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return { value: undefined, detail: `${existed ? "reusing" : "created"} ${dir}` };
    });
    server = await progress.step("server", async () => {
      const s = await startLocalServer({ dir, port: settings.port, region });
      return {
        value: s,
        detail: `listening on ${s.url.origin} (account ${s.accountId}, ${s.createdAccount ? "new database" : "existing database"}; --explain-errors; logs in ${s.logFile})`,
      };
    });
    const local = server;
    const paths = pkiPaths(dir);
    await progress.step("CA", async () => {
      const made = await ensureCa(paths, io.now);
      return { value: undefined, detail: made.detail };
    });
    await progress.step("client certificate", async () => {
      const made = await ensureClientCertificate(paths, io.now);
      return { value: undefined, detail: made.detail };
    });
    const api = { endpoint: local.url, region, credentials: local.admin, now: io.now };
    const rolesAnywhere = new RolesAnywhereApi(api);
    const iam = new IamApi(api);
    const anchor = await progress.step("trust anchor", async () => {
      const e = await ensureTrustAnchor(rolesAnywhere, QUICKSTART_NAME, await readFile(paths.caCert, "utf8"));
      return {
        value: e.value,
        detail: `${ensuredText(e)} "${QUICKSTART_NAME}" (enabled, the CA as its bundle): ${e.value.trustAnchorArn}`,
      };
    });
    const role = await progress.step("role", async () => {
      const e = await ensureRole(
        iam,
        QUICKSTART_NAME,
        quickstartTrustPolicy(anchor.trustAnchorArn, CLIENT_COMMON_NAME),
      );
      return {
        value: e.value,
        detail: `${ensuredText(e)} ${e.value.arn}: trusts Roles Anywhere for CN=${CLIENT_COMMON_NAME} under that trust anchor (aws:PrincipalTag/x509Subject/CN, aws:SourceArn); allows s3:*`,
      };
    });
    const profile = await progress.step("profile", async () => {
      const e = await ensureProfile(rolesAnywhere, QUICKSTART_NAME, role.arn);
      return {
        value: e.value,
        detail: `${ensuredText(e)} "${QUICKSTART_NAME}" (enabled, the role, session policy ${SESSION_POLICY_ARN}): ${e.value.profileArn}`,
      };
    });
    const target: CredentialProcessTarget = {
      bin: io.bin,
      certificate: paths.clientCert,
      privateKey: paths.clientKey,
      trustAnchorArn: anchor.trustAnchorArn,
      profileArn: profile.profileArn,
      roleArn: role.arn,
      endpoint: local.url.origin,
      region,
    };
    const configFile = join(dir, "aws-config");
    await writeFileAtomic(configFile, awsConfigSection(target), PUBLIC_FILE_MODE);
    const session = await progress.step("credentials", async () => {
      const run = await runChild(credentialProcessArgv(target), { env: io.env, timeoutMs: 30_000 });
      if (run.code !== 0) throw new Error(run.stderr.trim() || `credential-process exited with ${run.code}`);
      const credentials = parseProcessCredentials(run.stdout);
      return {
        value: credentials,
        detail: `anchorage credential-process (the credential_process line below) gave temporary credentials expiring ${credentials.expiration}`,
      };
    });
    await progress.step("caller identity", async () => {
      const identity = await showCallerIdentity({
        env: io.env,
        configFile,
        emptyCredentialsFile: join(dir, "no-shared-credentials"),
        profile: AWS_PROFILE_NAME,
        endpoint: local.url,
        region,
        session,
        now: io.now,
      });
      return { value: identity, detail: `${identity.via}: ${identity.arn}` };
    });
    for (const sample of SAMPLES)
      await progress.step(`decision API, ${sample.action}`, async () => {
        const d = await askDecisionApi({
          endpoint: local.url,
          region,
          admin: local.admin,
          session,
          sample,
          now: io.now,
        });
        const expected = sample.action === "s3:GetObject" ? "Allow" : "ImplicitDeny";
        if (d.decision !== expected) throw new Error(`expected ${expected}, got ${d.decision}: ${d.reason}`);
        return {
          value: d,
          detail: `${sample.method} s3://quickstart-bucket/hello.txt → ${d.decision}: ${d.reason}`,
        };
      });
    io.out("");
    io.out(`Add this to ~/.aws/config to use it (also written to ${configFile}):`);
    io.out("");
    for (const line of awsConfigSection(target).trimEnd().split("\n")) io.out(`  ${line}`);
    io.out("");
    io.out(
      `  endpoint_url sends every service of this profile to the local server (STS, IAM, Roles Anywhere; AWS CLI` +
        ` 1.29+ / 2.13+ and current SDKs); with older tools pass --endpoint-url ${local.url.origin}.` +
        ` Then: aws sts get-caller-identity --profile ${AWS_PROFILE_NAME}`,
    );
    io.out(
      `  Diagnose it step by step: ${io.bin} doctor ${credentialProcessArgv(target).slice(2).join(" ")} --admin-credentials ${join(dir, "server", "admin-credentials")}`,
    );
    io.out("");
    const seconds = ((io.clock() - started) / 1000).toFixed(1);
    if (settings.keepRunning) {
      io.out(
        `quickstart done in ${seconds} s. The server keeps running at ${local.url.origin} (logs: ${local.logFile}); stop it with Ctrl-C.`,
      );
      const signal = await io.stopRequested();
      io.out(`Received ${signal}: stopping the server.`);
    } else {
      io.out(
        `quickstart done in ${seconds} s; the server is stopped now (run again with --keep-running to keep using the profile above; the port may change unless you pass --port).`,
      );
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where =
      error instanceof StepFailure ? `${error.step} failed: ${oneLine(error.error)}` : oneLine(message);
    io.err(`anchorage quickstart: ${where}${server === undefined ? "" : ` (server log: ${server.logFile})`}`);
    return EXIT_FAILED;
  } finally {
    await server?.close();
  }
}

const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ").slice(0, 2000);
