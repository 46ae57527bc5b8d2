// CreateSession end to end, with real peers only: the REAL server process (`anchorage server
// --explain-errors`), certificates made by openssl in the test, the configuration made with the REAL
// AWS CLI (trust anchors, a profile with AmazonS3ReadOnlyAccess as its managed session policy, a
// role whose trust policy conditions on aws:PrincipalTag/x509Subject/CN and aws:SourceArn), the
// credentials fetched by `anchorage credential-process` as the AWS CLI's credential_process, used by
// `aws sts get-caller-identity` and judged by the decision API (s3:GetObject allowed, s3:PutObject
// denied by the session policy); fromRolesAnywhere() with the SDK's STS client likewise. Then one
// refusal per check: refused with AWS's type, the reason in the server's log line of that request
// id and in the explained message, no credentials, and the subject's credential marked failed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromRolesAnywhere } from "@anchorage/credential-provider";
import { parseCertificatePems } from "@anchorage/pki";
import { parseCreateSessionResponse, parseExplainedMessage } from "@anchorage/server";
import { buildCreateSessionRequest, signX509Request, type CreateSessionInput } from "@anchorage/sigv4-x509";
import { runAwsCli } from "./aws-cli.fixture.js";
import { trustPolicy } from "./trust-policy.fixture.js";
import { CLI_BUNDLE_MISSING, signRequest } from "./iam-harness.fixture.js";
import {
  AWS_CLI_MISSING,
  BIN,
  readCredentials,
  signedRequest,
  startServerProcess,
  tempDir,
  type AccessKey,
  type ServerProcess,
} from "./server-process.fixture.js";
import { OPENSSL_MISSING, OpensslCa, type Made } from "./sessions-openssl.fixture.js";

const skip = OPENSSL_MISSING || AWS_CLI_MISSING || CLI_BUNDLE_MISSING;
const REGION = "us-east-1";
const DAY = 86_400_000;

let server: ServerProcess;
let admin: AccessKey;
let dir: string;
let account: string;
/** ARNs made by the AWS CLI. */
const arn = { anchor: "", revocationAnchor: "", unlistedAnchor: "", profile: "", role: "", otherRole: "" };
const ids = { anchor: "", profile: "", crl: "" };
let pki: {
  root: OpensslCa;
  issuing: Made;
  client: Made;
  intruder: Made;
  expired: Made;
  oldIssuing: Made;
  underOld: Made;
  revocable: Made;
  revokedCa: OpensslCa;
  stranger: Made;
  strangerRoot: OpensslCa;
};

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function exec(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }),
    );
  });
}

/** The environment of `aws` runs (runAwsCli adds PATH): the admin's credentials unless `extra` says otherwise. */
const awsEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  HOME: dir,
  AWS_SHARED_CREDENTIALS_FILE: server.credentialsFile,
  AWS_CONFIG_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PAGER: "",
  ...extra,
});

/** `aws <args>` against the server as the account's admin; the parsed JSON output. */
async function aws(args: readonly string[]): Promise<Record<string, unknown>> {
  const run = await runAwsCli(
    [...args, "--endpoint-url", server.url, "--region", REGION, "--output", "json"],
    awsEnv(),
  );
  assert.equal(run.code, 0, `aws ${args.join(" ")}: ${run.stderr}`);
  return run.stdout.trim() === "" ? {} : (JSON.parse(run.stdout) as Record<string, unknown>);
}

const bundle = (...made: Made[]) =>
  `sourceType=CERTIFICATE_BUNDLE,sourceData={x509CertificateData=${made.map((m) => m.pem).join("")}}`;

async function createAnchor(name: string, ...made: Made[]): Promise<{ arn: string; id: string }> {
  const out = await aws([
    "rolesanywhere",
    "create-trust-anchor",
    "--name",
    name,
    "--source",
    bundle(...made),
    "--enabled",
  ]);
  const anchor = out.trustAnchor as { trustAnchorArn: string; trustAnchorId: string };
  return { arn: anchor.trustAnchorArn, id: anchor.trustAnchorId };
}

const e2eTrustPolicy = () =>
  trustPolicy({
    StringEquals: { "aws:PrincipalTag/x509Subject/CN": ["e2e-client", "e2e-revocable"] },
    ArnEquals: { "aws:SourceArn": [arn.anchor, arn.revocationAnchor] },
  });

describe(
  "CreateSession end to end: openssl, the AWS CLI, credential-process, STS and the decision API",
  { skip },
  () => {
    /** Clean-ups registered by the fixtures, run in reverse order after the suite. */
    const cleanups: (() => unknown)[] = [];
    const t = { after: (fn: () => unknown) => void cleanups.push(fn) };
    after(async () => {
      for (const fn of cleanups.reverse()) await fn();
    });

    before(async () => {
      dir = await tempDir(t, "anchorage-sessions-e2e-");
      server = await startServerProcess(t, join(dir, "data"), ["--explain-errors"]);
      admin = await readCredentials(server.credentialsFile);
      account = /account (\d{12})/.exec(server.stderr())?.[1] ?? "";

      const root = OpensslCa.root(dir, "root", "/O=Anchorage e2e/CN=E2E Root CA");
      const issuing = root.issue("issuing", { subject: "/O=Anchorage e2e/CN=E2E Issuing CA", profile: "ca" });
      const issuingCa = root.subordinate(issuing, "issuing-ca");
      const client = (
        name: string,
        subject: string,
        extra: { notBefore?: Date; notAfter?: Date; dns?: string } = {},
      ) => issuingCa.issue(name, { subject, profile: "client", ...extra });
      const oldIssuing = root.issue("old-issuing", {
        subject: "/O=Anchorage e2e/CN=E2E Old Issuing CA",
        profile: "ca",
        notBefore: new Date(Date.now() - 60 * DAY),
        notAfter: new Date(Date.now() - 30 * DAY),
      });
      const revocableIssuing = root.issue("revocable-issuing", {
        subject: "/O=Anchorage e2e/CN=E2E Revocable Issuing CA",
        profile: "ca",
      });
      const revokedCa = root.subordinate(revocableIssuing, "revocable-ca");
      const strangerRoot = OpensslCa.root(dir, "stranger", "/O=Elsewhere/CN=Stranger Root CA");
      pki = {
        root,
        issuing,
        client: client("client", "/O=Anchorage e2e/OU=apps/CN=e2e-client", { dns: "e2e-client.example.com" }),
        intruder: client("intruder", "/O=Anchorage e2e/OU=apps/CN=e2e-intruder"),
        expired: client("expired", "/O=Anchorage e2e/OU=apps/CN=e2e-client", {
          notBefore: new Date(Date.now() - 20 * DAY),
          notAfter: new Date(Date.now() - 10 * DAY),
        }),
        oldIssuing,
        underOld: root.subordinate(oldIssuing, "old-ca").issue("under-old", {
          subject: "/O=Anchorage e2e/OU=apps/CN=e2e-client",
          profile: "client",
        }),
        revocable: revokedCa.issue("revocable", {
          subject: "/O=Anchorage e2e/OU=apps/CN=e2e-revocable",
          profile: "client",
        }),
        revokedCa,
        stranger: strangerRoot.issue("stranger", {
          subject: "/O=Elsewhere/CN=e2e-client",
          profile: "client",
        }),
        strangerRoot,
      };

      // The configuration, with the real AWS CLI.
      const anchor = await createAnchor("e2e-root", root.cert);
      arn.anchor = anchor.arn;
      ids.anchor = anchor.id;
      arn.revocationAnchor = (await createAnchor("e2e-revocable-issuing", revokedCa.cert)).arn;
      arn.unlistedAnchor = (await createAnchor("e2e-unlisted", root.cert)).arn;
      writeFileSync(join(dir, "trust.json"), e2eTrustPolicy());
      const role = await aws([
        "iam",
        "create-role",
        "--role-name",
        "e2e-role",
        "--assume-role-policy-document",
        `file://${join(dir, "trust.json")}`,
      ]);
      arn.role = (role.Role as { Arn: string }).Arn;
      await aws([
        "iam",
        "put-role-policy",
        "--role-name",
        "e2e-role",
        "--policy-name",
        "s3-all",
        "--policy-document",
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
        }),
      ]);
      const other = await aws([
        "iam",
        "create-role",
        "--role-name",
        "e2e-other",
        "--assume-role-policy-document",
        `file://${join(dir, "trust.json")}`,
      ]);
      arn.otherRole = (other.Role as { Arn: string }).Arn;
      const profile = await aws([
        "rolesanywhere",
        "create-profile",
        "--name",
        "e2e-profile",
        "--role-arns",
        arn.role,
        "--managed-policy-arns",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "--enabled",
      ]);
      const detail = profile.profile as { profileArn: string; profileId: string };
      arn.profile = detail.profileArn;
      ids.profile = detail.profileId;
    });

    const credentialProcessArgs = (leaf: Made, chain: string | undefined, trustAnchorArn = arn.anchor) => [
      "credential-process",
      "--certificate",
      leaf.certPath,
      "--private-key",
      leaf.keyPath,
      ...(chain === undefined ? [] : ["--intermediates", chain]),
      "--trust-anchor-arn",
      trustAnchorArn,
      "--profile-arn",
      arn.profile,
      "--role-arn",
      arn.role,
      "--endpoint",
      server.url,
      "--region",
      REGION,
    ];

    test("credential_process → aws sts get-caller-identity: the role session named after the certificate", async () => {
      const config = join(dir, "aws-config");
      const command = [
        process.execPath,
        BIN,
        ...credentialProcessArgs(pki.client, pki.issuing.certPath),
      ].join(" ");
      writeFileSync(config, `[profile ra]\nregion = ${REGION}\ncredential_process = ${command}\n`);
      const run = await runAwsCli(
        ["sts", "get-caller-identity", "--endpoint-url", server.url, "--output", "json"],
        awsEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_PROFILE: "ra" }),
      );
      assert.equal(run.code, 0, run.stderr);
      const identity = JSON.parse(run.stdout) as { Arn: string; Account: string; UserId: string };
      assert.equal(identity.Arn, `arn:aws:sts::${account}:assumed-role/e2e-role/${pki.client.serialHex}`);
      assert.equal(identity.Account, account);
      assert.match(identity.UserId, new RegExp(`^AROA\\w+:${pki.client.serialHex}$`));
    });

    /** Credentials from `anchorage credential-process`. */
    async function credentialsFor(
      leaf: Made,
      chain: string | undefined,
    ): Promise<AccessKey & { sessionToken: string }> {
      const run = await exec(process.execPath, [BIN, ...credentialProcessArgs(leaf, chain)], {
        PATH: process.env.PATH,
      });
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as {
        AccessKeyId: string;
        SecretAccessKey: string;
        SessionToken: string;
      };
      return {
        accessKeyId: out.AccessKeyId,
        secretAccessKey: out.SecretAccessKey,
        sessionToken: out.SessionToken,
      };
    }

    test("the decision API enforces the profile's session policy: s3:GetObject allowed, s3:PutObject denied", async () => {
      const session = await credentialsFor(pki.client, pki.issuing.certPath);
      const decide = async (method: string, action: string) => {
        const downstream = await signRequest(
          { method, url: "http://files.internal/bucket/report.csv" },
          session,
          { service: "s3" },
        );
        const headers: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(downstream.headers)) headers[k] = [v];
        const call = await signRequest(
          {
            method: "POST",
            url: `${server.url}/v1/authorize`,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              request: {
                method,
                path: "/bucket/report.csv",
                headers,
                payloadHash: createHash("sha256").update("").digest("hex"),
              },
              action,
              resource: "arn:aws:s3:::bucket/report.csv",
            }),
          },
          admin,
          { service: "anchorage" },
        );
        const response = await fetch(call.url, {
          method: "POST",
          headers: call.headers,
          body: call.body ?? null,
        });
        const reply = { status: response.status, text: await response.text() };
        assert.equal(reply.status, 200, reply.text);
        return JSON.parse(reply.text) as { decision: string; principal: { arn: string }; reason: string };
      };
      const get = await decide("GET", "s3:GetObject");
      assert.equal(get.decision, "Allow", get.reason);
      assert.equal(
        get.principal.arn,
        `arn:aws:sts::${account}:assumed-role/e2e-role/${pki.client.serialHex}`,
      );
      const put = await decide("PUT", "s3:PutObject");
      assert.notEqual(put.decision, "Allow");
      assert.match(put.reason, /session/);
    });

    test("fromRolesAnywhere() gives the SDK's STS client the same session", async () => {
      const sts = new STSClient({
        region: REGION,
        endpoint: server.url,
        credentials: fromRolesAnywhere({
          certificate: pki.client.certPath,
          privateKey: pki.client.keyPath,
          intermediates: pki.issuing.certPath,
          trustAnchorArn: arn.anchor,
          profileArn: arn.profile,
          roleArn: arn.role,
          endpoint: server.url,
        }),
      });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Arn, `arn:aws:sts::${account}:assumed-role/e2e-role/${pki.client.serialHex}`);
      sts.destroy();
    });

    test("the subject is listed by the AWS CLI, its certificate seen and not failed", async () => {
      const list = await aws(["rolesanywhere", "list-subjects"]);
      const subjects = list.subjects as { x509Subject: string; subjectId: string; lastSeenAt: string }[];
      const mine = subjects.find((s) => s.x509Subject === "CN=e2e-client,OU=apps,O=Anchorage e2e");
      assert.ok(mine !== undefined, JSON.stringify(subjects));
      const detail = (await aws(["rolesanywhere", "get-subject", "--subject-id", mine.subjectId]))
        .subject as {
        credentials: {
          serialNumber: string;
          failed: boolean;
          enabled: boolean;
          x509CertificateData: string;
        }[];
      };
      const credential = detail.credentials.find((c) => c.serialNumber === pki.client.serialHex);
      assert.deepEqual([credential?.failed, credential?.enabled], [false, true]);
      assert.equal(credential?.x509CertificateData.trim(), pki.client.pem.trim());
    });

    test("credential-process shows the explained refusal (truncated chain names the missing issuer)", async () => {
      const run = await exec(process.execPath, [BIN, ...credentialProcessArgs(pki.client, undefined)], {
        PATH: process.env.PATH,
      });
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, "");
      assert.match(
        run.stderr,
        /AccessDeniedException: Untrusted signing certificate \[certificate-path\/NoPathToAnchor: /,
      );
      assert.match(run.stderr, /"CN=E2E Issuing CA,O=Anchorage e2e"/);
    });

    // ---------------------------------------------------------------------------------------------
    // One refusal per check, sent as raw signed requests so the whole answer can be inspected.

    interface Raw {
      readonly path: string;
      readonly headers: [string, string][];
      readonly body: Buffer;
    }

    interface SignOptions {
      readonly leaf?: Made;
      /** PEM files' contents for X-Amz-X509-Chain; default the issuing CA; [] for none. */
      readonly chain?: readonly string[];
      readonly input?: Partial<CreateSessionInput>;
      readonly region?: string;
      readonly signedAt?: Date;
      readonly keyPem?: string;
    }

    function sign(options: SignOptions = {}): Raw {
      const leaf = options.leaf ?? pki.client;
      const request = buildCreateSessionRequest({
        endpoint: server.url,
        trustAnchorArn: arn.anchor,
        profileArn: arn.profile,
        roleArn: arn.role,
        durationSeconds: 3600,
        ...options.input,
      });
      const chain = (options.chain ?? [pki.issuing.pem]).flatMap((pem) => parseCertificatePems(pem));
      const signed = signX509Request(request, {
        certificate: Buffer.from(new X509Certificate(leaf.pem).raw),
        ...(chain.length === 0 ? {} : { chain }),
        privateKey: createPrivateKey(options.keyPem ?? leaf.keyPem),
        region: options.region ?? REGION,
        now: options.signedAt ?? new Date(),
      });
      return {
        path: request.url.pathname + request.url.search,
        headers: signed.headers.filter(([n]) => n !== "Accept-Encoding"),
        body: request.body,
      };
    }

    const withHeader = (raw: Raw, name: string, value: string | undefined): Raw => {
      const headers = raw.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
      if (value !== undefined) headers.push([name, value]);
      return { ...raw, headers };
    };

    interface Reply {
      readonly status: number;
      readonly headers: Record<string, string | string[] | undefined>;
      readonly text: string;
    }

    function send(raw: Raw): Promise<Reply> {
      return new Promise((resolve, reject) => {
        const target = new URL(raw.path, server.url);
        const req = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: "POST",
            path: raw.path,
            headers: raw.headers.flat(),
            agent: false,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                text: Buffer.concat(chunks).toString("utf8"),
              }),
            );
          },
        );
        req.on("error", reject);
        req.end(raw.body);
      });
    }

    /** The subject credentials of a certificate, through the Roles Anywhere API. */
    async function credentialsOf(made: Made): Promise<{ failed: boolean; serialNumber: string }[]> {
      const list = await signedRequest(server.url, admin, { method: "GET", path: "/subjects" });
      const subjects = (JSON.parse(list.text) as { subjects: { subjectId: string }[] }).subjects;
      const found: { failed: boolean; serialNumber: string }[] = [];
      for (const s of subjects) {
        const detail = await signedRequest(server.url, admin, {
          method: "GET",
          path: `/subject/${s.subjectId}`,
        });
        const credentials = (
          JSON.parse(detail.text) as { subject: { credentials: { failed: boolean; serialNumber: string }[] } }
        ).subject.credentials;
        found.push(...credentials.filter((c) => c.serialNumber === made.serialHex));
      }
      return found;
    }

    /** The server's log line about a request id's refusal (waiting up to 5 s for its stdout to arrive). */
    async function refusalLogged(requestId: string): Promise<{ code?: string; reason?: string } | undefined> {
      for (let waited = 0; waited < 5000; waited += 50) {
        for (const line of server.stdout().split("\n")) {
          if (!line.includes(requestId) || !line.includes('"createSession"')) continue;
          const record = JSON.parse(line) as {
            requestId?: string;
            createSession?: { code?: string; reason?: string };
          };
          if (record.requestId === requestId) return record.createSession;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return undefined;
    }

    interface Row {
      readonly name: string;
      readonly status: number;
      readonly code: string;
      readonly reason: RegExp;
      /** The certificate whose subject credential must now be failed (the signature verified). */
      readonly recorded?: () => Made;
      readonly request: () => Raw;
      /** AWS CLI calls before, and after (to undo). */
      readonly setup?: () => Promise<() => Promise<void>>;
    }

    const toggle = (noun: "trust-anchor" | "profile", id: () => string) => async () => {
      const flag = noun === "trust-anchor" ? "--trust-anchor-id" : "--profile-id";
      await aws(["rolesanywhere", `disable-${noun}`, flag, id()]);
      return async () => void (await aws(["rolesanywhere", `enable-${noun}`, flag, id()]));
    };

    const ROWS: Row[] = [
      {
        name: "wrong anchor: a certificate of another CA",
        status: 403,
        code: "NoPathToAnchor",
        reason: /no path to the trust anchor/,
        recorded: () => pki.stranger,
        request: () => sign({ leaf: pki.stranger, chain: [pki.strangerRoot.cert.pem] }),
      },
      {
        name: "expired leaf",
        status: 403,
        code: "Expired",
        reason: /expired/,
        recorded: () => pki.expired,
        request: () => sign({ leaf: pki.expired }),
      },
      {
        name: "expired intermediate",
        status: 403,
        code: "Expired",
        reason: /intermediate "CN=E2E Old Issuing CA,O=Anchorage e2e" .* expired/,
        recorded: () => pki.underOld,
        request: () => sign({ leaf: pki.underOld, chain: [pki.oldIssuing.pem] }),
      },
      {
        name: "CA certificate used as the leaf",
        status: 403,
        code: "LeafIsCa",
        reason: /E2E Issuing CA/,
        recorded: () => pki.issuing,
        request: () => sign({ leaf: pki.issuing, chain: [] }),
      },
      {
        name: "disabled anchor",
        status: 403,
        code: "TrustAnchorDisabled",
        reason: /is disabled/,
        recorded: () => pki.client,
        request: () => sign(),
        setup: toggle("trust-anchor", () => ids.anchor),
      },
      {
        name: "disabled profile",
        status: 403,
        code: "ProfileDisabled",
        reason: /is disabled/,
        recorded: () => pki.client,
        request: () => sign(),
        setup: toggle("profile", () => ids.profile),
      },
      {
        name: "role not in the profile",
        status: 403,
        code: "RoleNotInProfile",
        reason: /does not list the role .*e2e-other/,
        recorded: () => pki.client,
        request: () => sign({ input: { roleArn: arn.otherRole } }),
      },
      {
        name: "trust policy: another CN",
        status: 403,
        code: "TrustPolicyDenied",
        reason: /sts:AssumeRole/,
        recorded: () => pki.intruder,
        request: () => sign({ leaf: pki.intruder }),
      },
      {
        name: "trust policy: another aws:SourceArn",
        status: 403,
        code: "TrustPolicyDenied",
        reason: /sts:AssumeRole/,
        recorded: () => pki.client,
        request: () => sign({ input: { trustAnchorArn: arn.unlistedAnchor } }),
      },
      {
        name: "bad signature (the body changed after signing)",
        status: 403,
        code: "SignatureMismatch",
        reason: /does not verify/,
        request: () => ({ ...sign(), body: Buffer.from('{"durationSeconds":900}') }),
      },
      {
        name: "signature by another key",
        status: 403,
        code: "SignatureMismatch",
        reason: /does not verify/,
        request: () => sign({ keyPem: pki.intruder.keyPem }),
      },
      {
        name: "skewed date",
        status: 403,
        code: "RequestTimeTooSkewed",
        reason: /behind the server time/,
        request: () => sign({ signedAt: new Date(Date.now() - 15 * 60_000) }),
      },
      {
        name: "wrong region",
        status: 403,
        code: "WrongRegion",
        reason: /this endpoint serves 'us-east-1'/,
        request: () => sign({ region: "eu-west-1" }),
      },
      {
        name: "garbage certificate header",
        status: 403,
        code: "MalformedCertificate",
        reason: /X-Amz-X509/,
        request: () => withHeader(sign(), "X-Amz-X509", "%%% not base64 %%%"),
      },
      {
        name: "empty chain header",
        status: 403,
        code: "EmptyChainHeader",
        reason: /omit the header/,
        request: () => withHeader(sign(), "X-Amz-X509-Chain", ""),
      },
      {
        name: "too-long chain",
        status: 403,
        code: "ChainTooLong",
        reason: /the limit is 5/,
        request: () =>
          withHeader(
            sign(),
            "X-Amz-X509-Chain",
            Array<string>(6).fill(new X509Certificate(pki.issuing.pem).raw.toString("base64")).join(","),
          ),
      },
      {
        name: "truncated chain: the missing issuer is named",
        status: 403,
        code: "NoPathToAnchor",
        reason: /is "CN=E2E Issuing CA,O=Anchorage e2e", but no certificate with that subject/,
        recorded: () => pki.client,
        request: () => sign({ chain: [] }),
      },
      {
        name: "roleSessionName without acceptRoleSessionName",
        status: 403,
        code: "RoleSessionNameNotAccepted",
        reason: /acceptRoleSessionName is false/,
        recorded: () => pki.client,
        request: () => sign({ input: { roleSessionName: "my-name" } }),
      },
      {
        name: "duration above the role's maximum",
        status: 400,
        code: "DurationExceedsRoleMaximum",
        reason: /MaxSessionDuration is 3600 s/,
        recorded: () => pki.client,
        request: () => sign({ input: { durationSeconds: 7200 } }),
        setup: async () => {
          await aws([
            "rolesanywhere",
            "update-profile",
            "--profile-id",
            ids.profile,
            "--duration-seconds",
            "7200",
          ]);
          return async () =>
            void (await aws([
              "rolesanywhere",
              "update-profile",
              "--profile-id",
              ids.profile,
              "--duration-seconds",
              "3600",
            ]));
        },
      },
    ];

    test("every check refuses: AWS's answer, the reason logged and explained, no credentials, the subject failed", async (t) => {
      let checked = 0;
      for (const row of ROWS) {
        await t.test(row.name, async () => {
          const undo = await row.setup?.();
          try {
            const reply = await send(row.request());
            assert.equal(reply.status, row.status, reply.text);
            const body = JSON.parse(reply.text) as { message: string; credentialSet?: unknown };
            assert.equal(body.credentialSet, undefined);
            assert.equal(
              reply.headers["x-amzn-errortype"],
              row.status === 400 ? "ValidationException" : "AccessDeniedException",
            );
            const explained = parseExplainedMessage(body.message);
            assert.equal(explained?.code, row.code, body.message);
            assert.match(explained?.reason ?? "", row.reason);
            const requestId = String(reply.headers["x-amzn-requestid"]);
            const logged = await refusalLogged(requestId);
            assert.equal(logged?.code, row.code, `the log line of request ${requestId}`);
            assert.equal(logged?.reason, explained?.reason);
            if (row.recorded !== undefined) {
              const credentials = await credentialsOf(row.recorded());
              assert.ok(credentials.length > 0, "the certificate is recorded on its subject");
              assert.ok(
                credentials.every((c) => c.failed),
                "and marked failed",
              );
            }
          } finally {
            await undo?.();
          }
          checked++;
        });
      }
      assert.equal(checked, ROWS.length);
      assert.equal(ROWS.length, 19);
    });

    test("oversized headers are refused by the HTTP layer (431) before anything is parsed", async () => {
      const reply = await send(withHeader(sign(), "X-Padding", "x".repeat(200 * 1024)));
      assert.equal(reply.status, 431);
      assert.doesNotMatch(reply.text, /credentialSet/);
    });

    test("headers beyond node's 16 KiB (a five-certificate chain and 100 KB more) are read, not refused by size", async () => {
      const raw = sign({ chain: Array<string>(5).fill(pki.issuing.pem) });
      const reply = await send(withHeader(raw, "X-Padding", "x".repeat(100 * 1024)));
      assert.equal(reply.status, 201, reply.text);
      assert.equal(parseCreateSessionResponse(reply.text).credentialSet.length, 1);
    });

    test("a revoked serial is refused while its CRL is enabled, accepted once it is disabled", async () => {
      assert.equal(
        (
          await send(
            sign({ leaf: pki.revocable, chain: [], input: { trustAnchorArn: arn.revocationAnchor } }),
          )
        ).status,
        201,
      );
      pki.revokedCa.revoke(pki.revocable);
      const crl = pki.revokedCa.crl("revocable");
      const imported = await aws([
        "rolesanywhere",
        "import-crl",
        "--name",
        "e2e-crl",
        "--crl-data",
        `fileb://${crl}`,
        "--trust-anchor-arn",
        arn.revocationAnchor,
        "--enabled",
      ]);
      ids.crl = (imported.crl as { crlId: string }).crlId;
      const refused = await send(
        sign({ leaf: pki.revocable, chain: [], input: { trustAnchorArn: arn.revocationAnchor } }),
      );
      assert.equal(refused.status, 403);
      const explained = parseExplainedMessage((JSON.parse(refused.text) as { message: string }).message);
      assert.equal(explained?.code, "Revoked");
      assert.match(explained?.reason ?? "", /keyCompromise/);
      assert.equal((await refusalLogged(String(refused.headers["x-amzn-requestid"])))?.code, "Revoked");
      assert.ok((await credentialsOf(pki.revocable)).every((c) => c.failed));
      await aws(["rolesanywhere", "disable-crl", "--crl-id", ids.crl]);
      assert.equal(
        (
          await send(
            sign({ leaf: pki.revocable, chain: [], input: { trustAnchorArn: arn.revocationAnchor } }),
          )
        ).status,
        201,
      );
    });
  },
);
