// `npm run bench:client`: how fast the client is, from one run on one machine (it bundles the CLI
// first). A CreateSession endpoint runs in its own process (endpoint.mjs), then:
//
//  (a) median wall time of `node packages/cli/bin/anchorage.js credential-process …` (RSA-2048 leaf
//      with its intermediate) ÷ median wall time of `node -e 0`, runs interleaved after a warm-up.
//      Goal ≤ 1.3: the hot path is one CommonJS bundle of node built-ins, sigv4-x509, key loading and
//      the CreateSession client. When NODE_EXTRA_CA_CERTS is set, node 20 reads and parses that
//      bundle at startup, before any script runs: that time lands on both sides and lowers the
//      ratio, so (a) is also measured with the variable unset and both are printed.
//  (b) time to first credentials of `fromRolesAnywhere(...)()` in process (a fresh provider each
//      time) against `fromProcess` (@aws-sdk/credential-providers) running the same CLI through a
//      temporary AWS config, as an SDK with `credential_process` does. Goal ≥ 10× faster.
//
//   npm run bench:client [-- --runs 30 --warmup 5]
//
// Times are printed, never asserted: they depend on the machine and its load.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { fromProcess } from "@aws-sdk/credential-providers";
import { fromRolesAnywhere } from "@anchorage/credential-provider";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "30" }, warmup: { type: "string", default: "5" } },
});
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(REPO, "packages/cli/bin/anchorage.js");
const PKI = join(REPO, "test/fixtures/createsession/pki");
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

// The endpoint, in its own process.
const endpoint = spawn(process.execPath, [join(REPO, "packages/cli/bench/endpoint.mjs")], {
  stdio: ["pipe", "pipe", "inherit"],
});
const port = await new Promise((resolve, reject) => {
  endpoint.stdout.once("data", (d) => {
    const m = /LISTENING (\d+)/.exec(String(d));
    if (m) resolve(Number(m[1]));
    else reject(new Error(`endpoint said ${d}`));
  });
  endpoint.once("exit", (code) => reject(new Error(`endpoint exited with ${code}`)));
});
const url = `http://127.0.0.1:${port}`;

const cliArgs = [
  BIN,
  "credential-process",
  "--certificate",
  join(PKI, "client-rsa.cert.pem"),
  "--private-key",
  join(PKI, "client-rsa.key.pem"),
  "--intermediates",
  join(PKI, "chain-intermediate.pem"),
  "--trust-anchor-arn",
  ARNS.trustAnchorArn,
  "--profile-arn",
  ARNS.profileArn,
  "--role-arn",
  ARNS.roleArn,
  "--endpoint",
  url,
];

function wall(args, env = process.env) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return elapsed;
}

// (a) CLI ÷ node -e 0, interleaved.
const nodeE0 = [];
const cli = [];
for (let i = 0; i < WARMUP; i++) {
  wall(["-e", "0"]);
  wall(cliArgs);
}
for (let i = 0; i < RUNS; i++) {
  nodeE0.push(wall(["-e", "0"]));
  cli.push(wall(cliArgs));
}
const ratioA = median(cli) / median(nodeE0);

// (a) again without NODE_EXTRA_CA_CERTS, when it is set.
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
const bare = { nodeE0: [], cli: [] };
if (extraCa !== undefined && extraCa !== "") {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  for (let i = 0; i < WARMUP; i++) {
    wall(["-e", "0"], env);
    wall(cliArgs, env);
  }
  for (let i = 0; i < RUNS; i++) {
    bare.nodeE0.push(wall(["-e", "0"], env));
    bare.cli.push(wall(cliArgs, env));
  }
}

// (b) fromRolesAnywhere in process vs fromProcess spawning the CLI.
const home = mkdtempSync(join(tmpdir(), "anchorage-bench-"));
const config = join(home, "config");
writeFileSync(config, `[profile bench]\ncredential_process = ${[process.execPath, ...cliArgs].join(" ")}\n`);
writeFileSync(join(home, "credentials"), "");
const init = {
  ...ARNS,
  certificate: join(PKI, "client-rsa.cert.pem"),
  privateKey: join(PKI, "client-rsa.key.pem"),
  intermediates: join(PKI, "chain-intermediate.pem"),
  endpoint: url,
};
async function time(fn) {
  const started = performance.now();
  const credentials = await fn();
  const elapsed = performance.now() - started;
  if (credentials.accessKeyId !== "ASIAEXAMPLEACCESSKEY") throw new Error("unexpected credentials");
  return elapsed;
}
const provider = [];
const processProvider = [];
const viaProcess = () =>
  fromProcess({
    profile: "bench",
    configFilepath: config,
    filepath: join(home, "credentials"),
    ignoreCache: true,
  })();
for (let i = 0; i < WARMUP; i++) {
  await time(() => fromRolesAnywhere(init)());
  await time(viaProcess);
}
for (let i = 0; i < RUNS; i++) {
  provider.push(await time(() => fromRolesAnywhere(init)()));
  processProvider.push(await time(viaProcess));
}
const ratioB = median(processProvider) / median(provider);

endpoint.stdin.end();
rmSync(home, { recursive: true, force: true });

const rows = [
  ["node -e 0", median(nodeE0)],
  ["anchorage credential-process (RSA, chain)", median(cli)],
  ["fromRolesAnywhere()() in process", median(provider)],
  ["fromProcess() running credential-process", median(processProvider)],
];
console.log(
  `client benchmark: ${RUNS} runs each after ${WARMUP} warm-up runs, node ${process.version}, ${process.platform}/${process.arch}`,
);
if (bare.cli.length > 0) {
  rows.push(
    ["node -e 0, NODE_EXTRA_CA_CERTS unset", median(bare.nodeE0)],
    ["credential-process, NODE_EXTRA_CA_CERTS unset", median(bare.cli)],
  );
}
for (const [name, value] of rows) console.log(`  ${name.padEnd(46)} median ${ms(value).padStart(9)}`);
const goalA = (ratio) => `(goal ≤ 1.3: ${ratio <= 1.3 ? "met" : "NOT met"})`;
if (bare.cli.length > 0) {
  const ratioBare = median(bare.cli) / median(bare.nodeE0);
  console.log(
    `  (a) credential-process ÷ node -e 0             ${ratioA.toFixed(2)}  ${goalA(ratioA)}, with NODE_EXTRA_CA_CERTS=${extraCa} as set here`,
  );
  console.log(
    `      the same with NODE_EXTRA_CA_CERTS unset    ${ratioBare.toFixed(2)}  ${goalA(ratioBare)}; node reads those certificates at startup (+${ms(median(nodeE0) - median(bare.nodeE0))} on every node process here)`,
  );
} else {
  console.log(`  (a) credential-process ÷ node -e 0             ${ratioA.toFixed(2)}  ${goalA(ratioA)}`);
}
console.log(
  `  (b) fromProcess ÷ fromRolesAnywhere            ${ratioB.toFixed(1)}× (goal ≥ 10×: ${ratioB >= 10 ? "met" : "NOT met"})`,
);
