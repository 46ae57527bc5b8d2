// PostgreSQL for the test suite: a throwaway cluster on a free 127.0.0.1 port, trust auth on
// loopback only, its socket and data in a temporary directory that is deleted afterwards.
//
//   node scripts/postgres.mjs start   # prints ANCHORAGE_TEST_PG_URL=postgres://… ; reuses a running one
//   node scripts/postgres.mjs stop    # stops the cluster `start` left running and deletes it
//
// scripts/test.mjs imports `ensurePostgres()`: it uses ANCHORAGE_TEST_PG_URL when set, else the
// cluster of `start` when one runs, else starts a cluster of its own and stops it at the end.
// The server binaries (pg_ctl, initdb, postgres) are looked up on PATH and under
// /usr/lib/postgresql/*/bin; when missing, the Debian package `postgresql` is installed with
// apt-get (as root, or through non-interactive sudo). PostgreSQL refuses to run as root, so as
// root the cluster runs as the `postgres` system user, which owns the temporary directory.
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { installDebianPackages, isExecutable, isRoot, onPath, runCommand } from "./system.mjs";

export const PG_URL_VARIABLE = "ANCHORAGE_TEST_PG_URL";
const DATABASE = "anchorage_test";
const SUPERUSER = "postgres";
const DIR_PREFIX = "anchorage-pg-";
const root = fileURLToPath(new URL("..", import.meta.url));
const STATE_FILE = join(root, ".tmp", "postgres.json");
const SERVER_SETTINGS = [
  "-c listen_addresses=127.0.0.1",
  "-c fsync=off",
  "-c synchronous_commit=off",
  "-c full_page_writes=off",
  "-c max_connections=300",
];

const defaultLog = (line) => process.stderr.write(`[postgres] ${line}\n`);

/** The directory holding pg_ctl, initdb and postgres, or undefined. */
export function findServerBinaries() {
  const hasServer = (dir) => ["pg_ctl", "initdb", "postgres"].every((b) => isExecutable(join(dir, b)));
  const pgCtl = onPath("pg_ctl");
  if (pgCtl !== undefined) {
    const dir = dirname(realpathSync(pgCtl));
    if (hasServer(dir)) return dir;
  }
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(base, version, "bin");
      if (hasServer(dir)) return dir;
    }
  }
  return undefined;
}

/** Runs a command from "/", which the postgres user can read whatever our working directory is. */
const run = (command, args, options = {}) => runCommand(command, args, { cwd: "/", ...options });

/** Installs the Debian package `postgresql`; throws with the reason when it cannot. */
function installPostgres(log) {
  log("PostgreSQL server binaries not found: installing the Debian package postgresql (progress below)");
  installDebianPackages(["postgresql"], { missing: "PostgreSQL", log, showOutput: true });
}

/** How to run the cluster's commands: as `postgres` when we are root, else as ourselves. */
function clusterUser() {
  if (!isRoot()) return { wrap: (command, args) => [command, args], owner: undefined };
  const uid = run("id", ["-u", SUPERUSER]);
  const gid = run("id", ["-g", SUPERUSER]);
  if (!uid.ok || !gid.ok) {
    throw new Error(
      `running as root, and there is no "${SUPERUSER}" system user to run PostgreSQL as (PostgreSQL refuses root)`,
    );
  }
  const owner = { uid: Number(uid.output), gid: Number(gid.output) };
  if (onPath("runuser") !== undefined) {
    return { wrap: (command, args) => ["runuser", ["-u", SUPERUSER, "--", command, ...args]], owner };
  }
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  return {
    wrap: (command, args) => [
      "su",
      ["-s", "/bin/sh", SUPERUSER, "-c", [command, ...args].map(quote).join(" ")],
    ],
    owner,
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function logTail(dir) {
  const file = join(dir, "postgres.log");
  return existsSync(file)
    ? readFileSync(file, "utf8").trim().split("\n").slice(-15).join("\n")
    : "(no server log)";
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Stops the cluster in `dir` (if it runs) and deletes the directory. */
export function stopCluster({ dir, bin }, log = defaultLog) {
  const data = join(dir, "data");
  const pidFile = join(data, "postmaster.pid");
  if (existsSync(pidFile)) {
    const user = clusterUser();
    const [command, args] = user.wrap(join(bin, "pg_ctl"), [
      "-D",
      data,
      "-m",
      "immediate",
      "-w",
      "-t",
      "30",
      "stop",
    ]);
    const stopped = run(command, args);
    if (!stopped.ok && existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
        log(`pg_ctl stop failed (${stopped.output}); sending SIGQUIT to ${pid}`);
        process.kill(pid, "SIGQUIT");
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Stops and deletes clusters left by test runs whose process is gone (killed with SIGKILL, …). */
function sweepAbandoned(log) {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner;
    try {
      owner = JSON.parse(readFileSync(join(dir, "owner.json"), "utf8"));
    } catch (error) {
      if (["ENOENT", "EACCES", "ENOTDIR"].includes(error.code) || error.name === "SyntaxError") continue;
      throw error;
    }
    if (owner.kind === "test-run" && !processAlive(owner.pid)) {
      log(`removing the cluster of a test run that is gone: ${dir}`);
      try {
        stopCluster({ dir, bin: owner.bin }, log);
      } catch (error) {
        log(`could not remove ${dir} (${error.message}); leaving it`);
      }
    }
  }
}

/** Starts a new cluster and creates the test database; returns { url, dir, bin, port }. */
export async function startCluster({ log = defaultLog, kind = "test-run" } = {}) {
  let bin = findServerBinaries();
  if (bin === undefined) {
    installPostgres(log);
    bin = findServerBinaries();
    if (bin === undefined)
      throw new Error("installed postgresql, but pg_ctl/initdb/postgres are still not found");
  }
  sweepAbandoned(log);
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  const data = join(dir, "data");
  const socket = join(dir, "socket");
  const cluster = { dir, bin };
  try {
    writeFileSync(join(dir, "owner.json"), JSON.stringify({ pid: process.pid, kind, bin }));
    mkdirSync(socket);
    if (user.owner !== undefined) {
      for (const path of [dir, socket]) chownSync(path, user.owner.uid, user.owner.gid);
    }
    const exec = (program, args, what) => {
      const [command, wrapped] = user.wrap(join(bin, program), args);
      const result = run(command, wrapped);
      if (!result.ok) throw new Error(`${what} failed: ${result.output}\n${logTail(dir)}`);
      return result;
    };
    exec(
      "initdb",
      ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      "initdb",
    );
    // Trust only the socket in our directory and loopback TCP.
    writeFileSync(join(data, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    if (user.owner !== undefined) chownSync(join(data, "pg_hba.conf"), user.owner.uid, user.owner.gid);
    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [`-p ${port}`, `-k '${socket}'`, ...SERVER_SETTINGS].join(" ");
      const [command, args] = user.wrap(join(bin, "pg_ctl"), [
        "-D",
        data,
        "-l",
        join(dir, "postgres.log"),
        "-w",
        "-t",
        "60",
        "-o",
        options,
        "start",
      ]);
      const started = run(command, args);
      if (started.ok) break;
      // Another process may have taken the port between our probe and the server's bind.
      if (attempt === 3) throw new Error(`pg_ctl start failed: ${started.output}\n${logTail(dir)}`);
      log(`pg_ctl start failed on port ${port}; trying another port`);
    }
    const createdb = join(bin, "createdb");
    const [command, args] = user.wrap(isExecutable(createdb) ? createdb : (onPath("createdb") ?? createdb), [
      "-h",
      socket,
      "-p",
      String(port),
      "-U",
      SUPERUSER,
      DATABASE,
    ]);
    const created = run(command, args);
    if (!created.ok) throw new Error(`createdb failed: ${created.output}`);
    return { ...cluster, port, url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}` };
  } catch (error) {
    stopCluster(cluster, log);
    throw error;
  }
}

function readState() {
  if (!existsSync(STATE_FILE)) return undefined;
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8"));
  const user = clusterUser();
  const [command, args] = user.wrap(join(state.bin, "pg_ctl"), ["-D", join(state.dir, "data"), "status"]);
  if (existsSync(state.dir) && run(command, args).ok) return state;
  rmSync(STATE_FILE, { force: true });
  if (existsSync(state.dir)) stopCluster(state);
  return undefined;
}

/**
 * PostgreSQL for one test run: `{ url, source, stop() }`. `stop` stops and deletes only a cluster
 * this call started. Throws, with the reason, when PostgreSQL cannot be provided.
 */
export async function ensurePostgres({ log = defaultLog, env = process.env } = {}) {
  const given = env[PG_URL_VARIABLE];
  if (given !== undefined && given !== "")
    return { url: given, source: PG_URL_VARIABLE, stop: () => undefined };
  const running = readState();
  if (running !== undefined) {
    return { url: running.url, source: "node scripts/postgres.mjs start", stop: () => undefined };
  }
  const started = Date.now();
  const cluster = await startCluster({ log });
  log(`started ${cluster.url} in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${cluster.dir})`);
  let stopped = false;
  return {
    url: cluster.url,
    source: "a cluster started for this run",
    stop() {
      if (stopped) return;
      stopped = true;
      stopCluster(cluster, log);
    },
  };
}

async function main(command) {
  if (command === "start") {
    const state = readState() ?? (await startCluster({ kind: "cli" }));
    mkdirSync(dirname(STATE_FILE), { recursive: true });
    writeFileSync(STATE_FILE, JSON.stringify(state));
    process.stdout.write(`${PG_URL_VARIABLE}=${state.url}\n`);
  } else if (command === "stop") {
    const state = existsSync(STATE_FILE) ? JSON.parse(readFileSync(STATE_FILE, "utf8")) : undefined;
    if (state === undefined) {
      defaultLog("no cluster started by `node scripts/postgres.mjs start` to stop");
      return;
    }
    stopCluster(state);
    rmSync(STATE_FILE, { force: true });
    defaultLog(`stopped and deleted ${state.dir}`);
  } else {
    process.stderr.write("usage: node scripts/postgres.mjs start|stop\n");
    process.exitCode = 2;
  }
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error) => {
    process.stderr.write(`[postgres] ${error.message}\n`);
    process.exitCode = 1;
  });
}
