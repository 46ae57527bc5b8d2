// `anchorage doctor` end to end, with the real built CLI against a real server: the one
// `anchorage quickstart --keep-running` sets up (in-process `startServer`, --explain-errors), plus
// what each failure needs, made with the anchorage PKI commands and the AWS SDK's own clients:
// a happy path (every check ✓, exit 0, the --json shape) and one case per failure, each giving the
// right ✗ step and fix — and, where the server refuses, its explained reason from the final
// CreateSession.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  CreateProfileCommand,
  CreateTrustAnchorCommand,
  RolesAnywhereClient,
} from "@aws-sdk/client-rolesanywhere";
import { loadIssuance } from "@anchorage/pki";
import { CLI_BUNDLE_MISSING } from "./iam-harness.fixture.js";
import { anchorageAsync, BIN, cleanEnv, type Run } from "./pki-cli.js";
import { readCredentials } from "./server-process.fixture.js";
import { trustPolicy } from "./trust-policy.fixture.js";

const DAY = 86_400_000;
const root = mkdtempSync(join(tmpdir(), "anchorage-doctor-e2e-"));
const dir = join(root, "qs");
const adminFile = join(dir, "server", "admin-credentials");

/** The quickstart's credential_process flags, by name (`--certificate` → certificate). */
let flags: Record<string, string> = {};
const extra = { disabledAnchor: "", disabledProfile: "", unlistedRole: "" };
let stopQuickstart: () => Promise<number | null> = async () => null;

interface JsonReport {
  readonly ok: boolean;
  readonly exitCode: number;
  readonly steps: {
    id: string;
    title: string;
    status: string;
    message: string;
    fix: string | null;
    ms: number;
  }[];
  readonly session: { assumedRoleArn: string; expiration: string; sourceIdentity: string } | null;
}

/** `anchorage doctor` with the quickstart's flags, `change`d (an empty value drops the flag). */
function doctor(
  change: Record<string, string> = {},
  options: { admin?: boolean; json?: boolean } = {},
): Promise<Run> {
  const merged = { ...flags, ...change };
  const args = ["doctor"];
  for (const [name, value] of Object.entries(merged)) if (value !== "") args.push(`--${name}`, value);
  if (options.admin !== false) args.push("--admin-credentials", adminFile);
  if (options.json === true) args.push("--json");
  return anchorageAsync(root, args);
}

async function doctorJson(change: Record<string, string> = {}, admin = true): Promise<JsonReport> {
  const run = await doctor(change, { admin, json: true });
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.equal(run.code, report.exitCode, run.stderr);
  assert.equal(run.stderr, "");
  return report;
}

const step = (report: JsonReport, id: string) => {
  const found = report.steps.find((s) => s.id === id);
  assert.ok(found !== undefined, `no step ${id}`);
  return found;
};

async function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const run = await anchorageAsync(root, args, env);
  assert.equal(run.code, 0, `anchorage ${args.join(" ")}: ${run.stderr}`);
  return run;
}

describe("anchorage doctor against a quickstart server", { skip: CLI_BUNDLE_MISSING }, () => {
  after(async () => {
    await stopQuickstart();
    rmSync(root, { recursive: true, force: true });
  });

  before(async () => {
    const child = spawn(process.execPath, [BIN, "quickstart", "--dir", dir, "--keep-running"], {
      cwd: root,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    stopQuickstart = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`quickstart did not get ready in 90 s:\n${stdout}${stderr}`)),
        90_000,
      );
      child.stdout.on("data", () => {
        if (/The server keeps running at/.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((code) => reject(new Error(`quickstart exited (${code}):\n${stdout}${stderr}`)));
    });
    const line =
      /^credential_process = (.*)$/m.exec(readFileSync(join(dir, "aws-config"), "utf8"))?.[1] ?? "";
    const words = line.split(" ");
    assert.equal(words[1], "credential-process", line);
    flags = {};
    for (let i = 2; i < words.length; i += 2) flags[words[i]!.slice(2)] = words[i + 1]!;
    assert.deepEqual(Object.keys(flags).sort(), [
      "certificate",
      "endpoint",
      "private-key",
      "profile-arn",
      "region",
      "role-arn",
      "trust-anchor-arn",
    ]);

    // Material for the failure cases, with the PKI commands (and a past-dated leaf with pki/issue).
    const ca = join(dir, "ca");
    await cli(["cert", "issue", "--ca-dir", ca, "--cn", "intruder", "--out", join(root, "intruder")]);
    writeFileSync(join(root, "pw.txt"), "the right passphrase\n");
    writeFileSync(join(root, "wrong.txt"), "a wrong passphrase\n");
    await cli([
      "cert",
      "issue",
      "--ca-dir",
      ca,
      "--cn",
      "quickstart-client",
      "--out",
      join(root, "encrypted"),
      "--key-passphrase-file",
      join(root, "pw.txt"),
    ]);
    await cli(["ca", "init", "--out-dir", join(root, "other-ca"), "--cn", "Other CA"]);
    await cli([
      "cert",
      "issue",
      "--ca-dir",
      join(root, "other-ca"),
      "--cn",
      "quickstart-client",
      "--out",
      join(root, "stranger"),
    ]);
    await cli(["cert", "issue", "--ca-dir", ca, "--cn", "quickstart-client", "--out", join(root, "revoked")]);
    await cli(["crl", "revoke", join(root, "revoked.cert.pem"), "--ca-dir", ca, "--reason", "keyCompromise"]);
    await cli(
      [
        "crl",
        "create",
        "--ca-dir",
        ca,
        "--out",
        join(root, "crl.pem"),
        "--upload",
        "--trust-anchor-arn",
        flags["trust-anchor-arn"]!,
        "--endpoint",
        flags.endpoint!,
      ],
      { AWS_SHARED_CREDENTIALS_FILE: adminFile },
    );
    const { issueCertificate } = await loadIssuance();
    const expired = await issueCertificate({
      ca: {
        certPem: readFileSync(join(ca, "ca.cert.pem"), "utf8"),
        keyPem: readFileSync(join(ca, "ca.key.pem"), "utf8"),
      },
      subject: { CN: "quickstart-client" },
      keyType: "p256",
      validityDays: 10,
      now: new Date(Date.now() - 40 * DAY),
    });
    writeFileSync(join(root, "expired.cert.pem"), expired.certPem);
    writeFileSync(join(root, "expired.key.pem"), expired.keyPem!, { mode: 0o600 });

    // Resources for the failure cases, with the AWS SDK's clients.
    const credentials = await readCredentials(adminFile);
    const config = { endpoint: flags.endpoint!, region: "us-east-1", credentials };
    const ra = new RolesAnywhereClient(config);
    const iam = new IAMClient(config);
    const bundle = readFileSync(join(ca, "ca.cert.pem"), "utf8");
    extra.disabledAnchor =
      (
        await ra.send(
          new CreateTrustAnchorCommand({
            name: "doctor-disabled",
            source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: bundle } },
            enabled: false,
          }),
        )
      ).trustAnchor?.trustAnchorArn ?? "";
    extra.disabledProfile =
      (
        await ra.send(
          new CreateProfileCommand({
            name: "doctor-disabled",
            roleArns: [flags["role-arn"]!],
            enabled: false,
          }),
        )
      ).profile?.profileArn ?? "";
    const trust = trustPolicy({ ArnEquals: { "aws:SourceArn": flags["trust-anchor-arn"]! } });
    extra.unlistedRole =
      (
        await iam.send(
          new CreateRoleCommand({ RoleName: "doctor-unlisted", AssumeRolePolicyDocument: trust }),
        )
      ).Role?.Arn ?? "";
    ra.destroy();
    iam.destroy();
    assert.ok(extra.disabledAnchor !== "" && extra.disabledProfile !== "" && extra.unlistedRole !== "");
  });

  test("happy path: every check ✓, one line each, exit 0", async () => {
    const run = await doctor();
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const lines = run.stdout.split("\n").filter((l) => /^[✓✗!–] /.test(l));
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/).slice(0, 2).join(" ")),
      [
        "✓ files",
        "✓ key",
        "✓ chain",
        "✓ lint",
        "✓ validity",
        "✓ trust-anchor",
        "✓ path",
        "✓ crls",
        "✓ profile",
        "✓ role",
        "✓ trust-policy",
        "✓ create-session",
      ],
    );
    assert.match(run.stdout, /^admin API: credentials from profile "default" in .*admin-credentials$/m);
    assert.match(
      run.stdout,
      /^✓ create-session +credentials issued for arn:aws:sts::\d{12}:assumed-role\/anchorage-quickstart\/[0-9A-F]+, expiring \S+, source identity CN=quickstart-client \(not shown\)$/m,
    );
    assert.match(run.stdout, /^doctor: all 12 checks passed; these credentials work$/m);
    assert.doesNotMatch(
      run.stdout,
      /ASIA|SecretAccessKey|SessionToken|aws_secret_access_key/,
      "no secret is printed",
    );
  });

  test("--json: ok, exitCode, the steps with id, status, message and fix, and the session", async () => {
    const report = await doctorJson();
    assert.deepEqual([report.ok, report.exitCode, report.steps.length], [true, 0, 12]);
    for (const s of report.steps) {
      assert.deepEqual(Object.keys(s).sort(), ["fix", "id", "message", "ms", "status", "title"]);
      assert.equal(s.status, "pass", `${s.id}: ${s.message}`);
      assert.equal(s.fix, null);
    }
    assert.match(
      report.session?.assumedRoleArn ?? "",
      /^arn:aws:sts::\d{12}:assumed-role\/anchorage-quickstart\//,
    );
    assert.equal(report.session?.sourceIdentity, "CN=quickstart-client");
  });

  interface Case {
    readonly name: string;
    readonly change: () => Record<string, string>;
    /** The step that fails first, its message and fix. */
    readonly failed: string;
    readonly message: RegExp;
    readonly fix: RegExp;
    /** The explained refusal of the final CreateSession (undefined: CreateSession is skipped). */
    readonly refusal?: RegExp;
  }

  const cases: Case[] = [
    {
      name: "missing file",
      change: () => ({ certificate: join(root, "nowhere.cert.pem") }),
      failed: "files",
      message: /certificate file .*nowhere\.cert\.pem does not exist/,
      fix: /check the --certificate path/,
    },
    {
      name: "wrong passphrase",
      change: () => ({
        certificate: join(root, "encrypted.cert.pem"),
        "private-key": join(root, "encrypted.key.pem"),
        "passphrase-file": join(root, "wrong.txt"),
      }),
      failed: "key",
      message: /passphrase/,
      fix: /give the key's passphrase/,
    },
    {
      name: "key and certificate mismatch",
      change: () => ({ "private-key": join(root, "intruder.key.pem") }),
      failed: "key",
      message: /does not match certificate/,
      fix: /the key the certificate was issued for/,
    },
    {
      name: "leaf from another CA",
      change: () => ({
        certificate: join(root, "stranger.cert.pem"),
        "private-key": join(root, "stranger.key.pem"),
      }),
      failed: "path",
      message:
        /the issuer of leaf "CN=quickstart-client" \(serial [0-9A-F]+\) is "CN=Other CA", but no certificate with that subject/,
      fix: /--intermediates/,
      refusal: /the server explains: certificate-path\/NoPathToAnchor: .*"CN=Other CA"/,
    },
    {
      name: "expired leaf",
      change: () => ({
        certificate: join(root, "expired.cert.pem"),
        "private-key": join(root, "expired.key.pem"),
      }),
      failed: "validity",
      message: /leaf expired on \S+ \(\d+ days ago\)/,
      fix: /issue a new certificate/,
      refusal: /the server explains: certificate-path\/Expired: /,
    },
    {
      name: "revoked leaf (CRL imported and enabled)",
      change: () => ({
        certificate: join(root, "revoked.cert.pem"),
        "private-key": join(root, "revoked.key.pem"),
      }),
      failed: "crls",
      message: /revoked/i,
      fix: /issue a new one/,
      refusal: /the server explains: certificate-path\/Revoked: /,
    },
    {
      name: "disabled trust anchor",
      change: () => ({ "trust-anchor-arn": extra.disabledAnchor }),
      failed: "trust-anchor",
      message: /trust anchor "doctor-disabled" is disabled/,
      fix: /aws rolesanywhere enable-trust-anchor --trust-anchor-id [0-9a-f-]{36}/,
      refusal: /the server explains: trust-anchor\/TrustAnchorDisabled: /,
    },
    {
      name: "disabled profile",
      change: () => ({ "profile-arn": extra.disabledProfile }),
      failed: "profile",
      message: /profile "doctor-disabled" is disabled/,
      fix: /aws rolesanywhere enable-profile --profile-id [0-9a-f-]{36}/,
      refusal: /the server explains: profile\/ProfileDisabled: /,
    },
    {
      name: "role not in the profile",
      change: () => ({ "role-arn": extra.unlistedRole }),
      failed: "profile",
      message:
        /does not list --role-arn arn:aws:iam::\d{12}:role\/doctor-unlisted \(it lists arn:aws:iam::\d{12}:role\/anchorage-quickstart; the match is exact\)/,
      fix: /update-profile .* --role-arns /,
      refusal: /the server explains: profile\/RoleNotInProfile: /,
    },
    {
      name: "trust policy CN mismatch",
      change: () => ({
        certificate: join(root, "intruder.cert.pem"),
        "private-key": join(root, "intruder.key.pem"),
      }),
      failed: "trust-policy",
      message:
        /Statement\[0\]: StringEquals aws:PrincipalTag\/x509Subject\/CN \["quickstart-client"\] is false \(the request has "intruder"\)/,
      fix: /update-assume-role-policy --role-name anchorage-quickstart/,
      refusal:
        /CreateSession refused: AccessDeniedException: Not authorized to perform sts:AssumeRole \(HTTP 403, request id [^)]+\); the server explains: trust-policy\/TrustPolicyDenied: /,
    },
  ];

  test("the failure table: each case fails the right step with its fix, exit 1", async () => {
    assert.equal(cases.length, 10);
    for (const c of cases) {
      const report = await doctorJson(c.change());
      assert.deepEqual([report.ok, report.exitCode], [false, 1], c.name);
      const first = report.steps.find((s) => s.status === "fail");
      assert.equal(first?.id, c.failed, `${c.name}: ${JSON.stringify(report.steps, null, 1)}`);
      assert.match(first.message, c.message, c.name);
      assert.match(first.fix ?? "", c.fix, c.name);
      const final = step(report, "create-session");
      if (c.refusal === undefined) assert.equal(final.status, "skip", `${c.name}: ${final.message}`);
      else {
        assert.equal(final.status, "fail", c.name);
        assert.match(final.message, c.refusal, c.name);
      }
      assert.equal(report.session, null, c.name);
    }
  });

  test("a path failure shows in text too: one ✗ line with the missing issuer and the fix", async () => {
    const run = await doctor({
      certificate: join(root, "stranger.cert.pem"),
      "private-key": join(root, "stranger.key.pem"),
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^✗ path +no path to the trust anchor: .*"CN=Other CA".* — fix: pass the missing issuing CA certificate in --intermediates/m,
    );
    assert.match(run.stdout, /^doctor: \d checks? failed \(path, .*create-session\)/m);
  });

  test("no admin credentials: the API checks are skipped, CreateSession is still made", async () => {
    const report = await doctorJson({}, false);
    assert.deepEqual(
      report.steps.map((s) => `${s.id} ${s.status}`),
      [
        "files pass",
        "key pass",
        "chain pass",
        "lint pass",
        "validity pass",
        "trust-anchor skip",
        "path skip",
        "crls skip",
        "profile skip",
        "role skip",
        "trust-policy skip",
        "create-session pass",
      ],
    );
    assert.match(step(report, "trust-anchor").message, /^cannot read the trust anchor: no admin credentials/);
    assert.match(step(report, "trust-anchor").fix ?? "", /--admin-credentials FILE/);
    assert.deepEqual([report.ok, report.exitCode], [true, 0]);
  });

  test("bad usage: exit 2 with one line", async () => {
    const noCertificate = await doctor({ certificate: "" });
    assert.equal(noCertificate.code, 2);
    assert.match(noCertificate.stderr, /^anchorage doctor: --certificate is required/);
    const badArn = await doctor({ "role-arn": "not-an-arn" });
    assert.equal(badArn.code, 2);
    assert.match(badArn.stderr, /--role-arn/);
    const missingAdmin = await doctor({}, { admin: false, json: false });
    assert.equal(missingAdmin.code, 0);
    const run = await anchorageAsync(root, [
      "doctor",
      ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]),
      "--admin-credentials",
      join(root, "none"),
    ]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--admin-credentials .*none cannot be read/);
  });
});
