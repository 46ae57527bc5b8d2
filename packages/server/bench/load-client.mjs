// Load generator of the server benchmarks (run-load.ts runs it as a child process, so the
// server and the clients do not share one event loop): `concurrency` keep-alive connections send
// the same request back to back for `seconds`, then the counts are printed as one JSON line.
import { Agent, request } from "node:http";

const [url, method, headersJson, body, concurrencyText, secondsText] = process.argv.slice(2);
const headers = JSON.parse(headersJson ?? "{}");
const concurrency = Number(concurrencyText ?? "16");
const seconds = Number(secondsText ?? "5");
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = {};
let requests = 0;
let errors = 0;
const deadline = Date.now() + seconds * 1000;

function once() {
  return new Promise((resolve) => {
    const req = request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on("end", () => {
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        requests++;
        resolve();
      });
    });
    req.on("error", () => {
      errors++;
      resolve();
    });
    req.end(body === "" ? undefined : body);
  });
}

async function worker() {
  while (Date.now() < deadline) await once();
}

const started = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
agent.destroy();
process.stdout.write(`${JSON.stringify({ requests, errors, statuses, seconds: elapsed })}\n`);
