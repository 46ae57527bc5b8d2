// `anchorage update`: writes a profile of the shared credentials file that the AWS CLI then uses;
// keeps every other byte; N concurrent writers lose no profile and a reader never sees a partial
// file; a failed refresh never empties or truncates the file; the long-running mode refreshes and
// stops on SIGTERM.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseIni } from "../../packages/cli/src/aws/ini.js";
import { AWS_CLI_MISSING, runAwsCli } from "./aws-cli.fixture.js";
import { BIN, FIXTURES, runCli } from "./client-harness.js";
import { eventually } from "./eventually.js";
import { ARN_ARGS, RSA_MATERIAL, startAnchorageServer, startMintingEndpoint } from "./serve-harness.js";

const root = mkdtempSync(join(tmpdir(), "anchorage-update-"));
const cleanups: (() => Promise<unknown> | void)[] = [() => rmSync(root, { recursive: true, force: true })];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});
let homes = 0;
const newHome = () => {
  const home = join(root, `home${++homes}`);
  mkdirSync(home);
  return home;
};
const update = (endpoint: string, extra: string[], env: Record<string, string>) =>
  runCli(["update", ...RSA_MATERIAL, ...ARN_ARGS, "--endpoint", endpoint, ...extra], { env });

test(
  "--once into a fresh HOME: ~/.aws 0700, credentials 0600, nothing printed; the AWS CLI signs with them at anchorage server",
  { skip: AWS_CLI_MISSING },
  async () => {
    const server = await startAnchorageServer();
    cleanups.push(() => server.stop());
    const home = newHome();
    const run = await runCli(
      ["update", ...RSA_MATERIAL, ...server.arnArgs, "--endpoint", server.url, "--once"],
      {
        env: { HOME: home },
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.equal(run.stdout.length, 0);
    assert.equal(
      statSync(join(home, ".aws")).mode & 0o777,
      0o700,
      "the helper uses 0600 for the directory: a bug",
    );
    const file = join(home, ".aws", "credentials");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const profile = parseIni(readFileSync(file, "utf8")).get("default")!;
    assert.deepEqual(
      [...profile.keys()],
      ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"],
    );
    writeFileSync(join(home, ".aws", "config"), "[default]\nregion = us-east-1\n");
    const aws = await runAwsCli(
      ["sts", "get-caller-identity", "--endpoint-url", server.url, "--output", "json"],
      {
        HOME: home,
        AWS_EC2_METADATA_DISABLED: "true",
      },
    );
    assert.equal(aws.code, 0, aws.stderr);
    assert.equal(
      (JSON.parse(aws.stdout) as { Arn: string }).Arn,
      `arn:aws:sts::${server.account}:assumed-role/test-role/1002`,
    );
  },
);

test("AWS_SHARED_CREDENTIALS_FILE and --profile: comments, blank lines and other profiles are byte-preserved", async () => {
  const endpoint = await startMintingEndpoint();
  cleanups.push(() => endpoint.close());
  const file = join(newHome(), "creds");
  const head = "# hand-written\n[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = x\n\n";
  const tail = "\n; production, do not touch\n[prod]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/p";
  writeFileSync(file, `${head}[ra]\nregion = us-east-1\naws_session_token = OLD${tail}`, { mode: 0o644 });
  const run = await update(endpoint.url, ["--once", "--profile", "ra"], {
    HOME: root,
    AWS_SHARED_CREDENTIALS_FILE: file,
  });
  assert.equal(run.status, 0, run.stderr);
  const text = readFileSync(file, "utf8");
  assert.ok(text.startsWith(`${head}[ra]\nregion = us-east-1\naws_session_token = `));
  assert.ok(text.endsWith(tail), "the last section keeps its last line (the helper drops it)");
  const m = endpoint.minted.at(-1)!;
  assert.equal(parseIni(text).get("ra")?.get("aws_access_key_id"), m.accessKeyId);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test("8 concurrent writers of one file lose no profile; a reader meanwhile always sees a whole file", async () => {
  const endpoint = await startMintingEndpoint();
  cleanups.push(() => endpoint.close());
  const file = join(newHome(), "credentials");
  writeFileSync(file, "[keep]\naws_access_key_id = AKIAKEEP\n", { mode: 0o600 });
  let reads = 0;
  let reading = true;
  const reader = (async () => {
    while (reading) {
      const text = readFileSync(file, "utf8");
      const sections = parseIni(text);
      assert.equal(
        sections.get("keep")?.get("aws_access_key_id"),
        "AKIAKEEP",
        "never a partial or emptied file",
      );
      for (const [name, s] of sections)
        if (name !== "keep") assert.equal(s.size, 3, `profile ${name} is whole`);
      reads++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  const runs = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      update(endpoint.url, ["--once", "--profile", `p${i}`], {
        HOME: root,
        AWS_SHARED_CREDENTIALS_FILE: file,
      }),
    ),
  );
  reading = false;
  await reader;
  for (const run of runs) assert.equal(run.status, 0, run.stderr);
  const sections = parseIni(readFileSync(file, "utf8"));
  assert.deepEqual([...sections.keys()].sort(), ["keep", "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"]);
  const keys = new Set(endpoint.minted.map((m) => m.accessKeyId));
  for (let i = 0; i < 8; i++) assert.ok(keys.has(sections.get(`p${i}`)!.get("aws_access_key_id")!));
  assert.ok(reads > 0);
  assert.equal(spawnSync("ls", [`${file}.lock`]).status !== 0, true, "no lock left behind");
});

test("a failed CreateSession leaves the file byte for byte as it was (exit 1, one line)", async () => {
  const file = join(newHome(), "credentials");
  const before = "[default]\naws_access_key_id = AKIAOLD\naws_secret_access_key = s\naws_session_token = t\n";
  writeFileSync(file, before, { mode: 0o600 });
  const inode = statSync(file).ino;
  const run = await update("http://127.0.0.1:1", ["--once"], {
    HOME: root,
    AWS_SHARED_CREDENTIALS_FILE: file,
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^anchorage update: cannot connect to http:\/\/127\.0\.0\.1:1: .*\n$/);
  assert.equal(readFileSync(file, "utf8"), before);
  assert.equal(statSync(file).ino, inode, "not even rewritten");
  const bad = await update("http://127.0.0.1:1", ["--once", "--profile", "a]b"], {
    HOME: root,
    AWS_SHARED_CREDENTIALS_FILE: file,
  });
  assert.match(bad.stderr, /--profile "a\]b" is not a usable profile name/);
});

test("without --once: logs the refresh time, refreshes, keeps the file when the server is down, exits 0 on SIGTERM", async () => {
  const endpoint = await startMintingEndpoint(5 * 60_000 + 2000); // due for a refresh 2 s after each write
  cleanups.push(() => endpoint.close());
  const file = join(newHome(), "credentials");
  const child = spawn(
    process.execPath,
    [BIN, "update", ...RSA_MATERIAL, ...ARN_ARGS, "--endpoint", endpoint.url],
    {
      cwd: FIXTURES,
      env: { PATH: process.env.PATH ?? "", HOME: root, AWS_SHARED_CREDENTIALS_FILE: file },
    },
  );
  cleanups.push(() => void child.kill("SIGKILL"));
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const keyInFile = () => {
    try {
      return parseIni(readFileSync(file, "utf8")).get("default")?.get("aws_access_key_id");
    } catch {
      return undefined; // not written yet
    }
  };
  await eventually(
    () => endpoint.minted.length >= 2 && keyInFile() === endpoint.minted.at(-1)!.accessKeyId,
    15_000,
    "a refresh",
  );
  assert.match(
    err,
    /anchorage update: Credentials will be refreshed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC\n/,
  );
  await endpoint.down();
  const kept = keyInFile();
  await eventually(
    () => /refresh failed \(attempt 1\): cannot connect/.test(err),
    15_000,
    "a failed refresh",
  );
  assert.equal(keyInFile(), kept, "the still-valid credentials stay in the file");
  child.kill("SIGTERM");
  const [code] = (await once(child, "close")) as [number | null]; // "close": stderr is all read
  assert.equal(code, 0);
  assert.match(err, /SIGTERM: stopping/);
});
