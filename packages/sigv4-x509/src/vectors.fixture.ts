// Test-only loader for the recorded CreateSession vectors of AWS's helper v1.4
// (test/fixtures/createsession, see its README.md) and for certificates made with openssl at test
// time. Not part of the package surface; imported by *.test.ts only.
import { execFileSync } from "node:child_process";
import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** test/fixtures/createsession/ of the repository. */
export const FIXTURES_DIR = fileURLToPath(new URL("../../../test/fixtures/createsession/", import.meta.url));
/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The pinned clock of every pinned vector. */
export const FIXED_TIME = new Date("2026-01-15T12:00:00Z");

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: [string, string][];
  readonly bodyUtf8: string;
  readonly bodySha256: string;
}

export interface VectorCase {
  readonly id: string;
  readonly fixedTime: string | null;
  readonly argv: string[];
  readonly requests: RecordedRequest[];
  readonly derived: { readonly signatureVerifiedWithCertPublicKey: boolean }[];
  readonly expect?: {
    readonly canonicalRequest: string;
    readonly stringToSign: string;
    readonly signatureHex: string | null;
    readonly authorizationHeader: string | null;
  };
  readonly repeatRun?: { readonly secondSignatureHex?: string };
}

function loadCases(file: string): VectorCase[] {
  return (JSON.parse(readFileSync(join(FIXTURES_DIR, file), "utf8")) as { cases: VectorCase[] }).cases;
}

/** vectors.json: successful credential-process runs. */
export const loadVectors = (): VectorCase[] => loadCases("vectors.json");
/** errors.json: failure runs. */
export const loadErrorVectors = (): VectorCase[] => loadCases("errors.json");

/** The value of `--flag` in a recorded argv. */
export function flag(c: VectorCase, name: string): string | undefined {
  const i = c.argv.indexOf(name);
  return i < 0 ? undefined : c.argv[i + 1];
}

/** The single value of a recorded header (exact wire case). */
export function recordedHeader(r: RecordedRequest, name: string): string {
  const found = r.rawHeaders.filter(([n]) => n === name);
  if (found.length !== 1) throw new Error(`expected one ${name} header, found ${found.length}`);
  return (found[0] as [string, string])[1];
}

/** X-Amz-Date → Date. */
export function amzDateToDate(amzDate: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (m === null) throw new Error(`not an X-Amz-Date: ${amzDate}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** The time a recorded request was signed at: the pinned clock, else its own X-Amz-Date. */
export function signingTime(c: VectorCase, r: RecordedRequest): Date {
  return c.fixedTime === null ? amzDateToDate(recordedHeader(r, "X-Amz-Date")) : new Date(c.fixedTime);
}

/** Every certificate of a PEM file, as DER, in file order. */
export function pemCertificates(text: string): Buffer[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((pem) => Buffer.from(new X509Certificate(pem).raw));
}

/** A PKI file of the fixtures (path relative to test/fixtures/createsession). */
export const fixtureFile = (relative: string): Buffer => readFileSync(join(FIXTURES_DIR, relative));
export const certificateDer = (relative: string): Buffer =>
  pemCertificates(fixtureFile(relative).toString("utf8"))[0] as Buffer;
export const privateKey = (relative: string): KeyObject => createPrivateKey(fixtureFile(relative));

/** Signing inputs of a vector case, from its argv. */
export function caseInputs(c: VectorCase) {
  const need = (name: string): string => {
    const v = flag(c, name);
    if (v === undefined) throw new Error(`${c.id}: no ${name}`);
    return v;
  };
  const trustAnchorArn = need("--trust-anchor-arn");
  const intermediates = flag(c, "--intermediates");
  const duration = flag(c, "--session-duration");
  return {
    certificate: certificateDer(need("--certificate")),
    chain:
      intermediates === undefined ? undefined : pemCertificates(fixtureFile(intermediates).toString("utf8")),
    privateKey: privateKey(need("--private-key")),
    endpoint: need("--endpoint"),
    trustAnchorArn,
    profileArn: need("--profile-arn"),
    roleArn: need("--role-arn"),
    // The helper always sends durationSeconds: 3600 unless --session-duration is given.
    durationSeconds: duration === undefined ? 3600 : Number(duration),
    roleSessionName: flag(c, "--role-session-name"),
    // The helper signs for --region, else the trust anchor ARN's region.
    region: flag(c, "--region") ?? (trustAnchorArn.split(":")[3] as string),
  };
}

/** A request parsed from a raw/*.http file: request line, headers in order, de-chunked body. */
export interface RawHttpRequest {
  readonly file: string;
  readonly method: string;
  readonly url: string;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf("\r\n", at);
    if (eol < 0) throw new Error("truncated chunk size line");
    const size = Number.parseInt(data.subarray(at, eol).toString("latin1"), 16);
    if (!Number.isInteger(size)) throw new Error("bad chunk size");
    if (size === 0) return Buffer.concat(parts);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Parses one recorded raw HTTP/1.1 request. */
export function parseRawHttp(file: string, data: Buffer): RawHttpRequest {
  const end = data.indexOf("\r\n\r\n");
  const head = data.subarray(0, end).toString("latin1").split("\r\n");
  const [method, url] = (head[0] ?? "").split(" ") as [string, string];
  const headers = head.slice(1).map((line): [string, string] => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  const rest = data.subarray(end + 4);
  const chunked = headers.some(([n, v]) => n.toLowerCase() === "transfer-encoding" && v === "chunked");
  return { file, method, url, headers, body: chunked ? dechunk(rest) : rest };
}

/** Every raw/*.http file, parsed, sorted by name. */
export function loadRawRequests(): RawHttpRequest[] {
  const dir = join(FIXTURES_DIR, "raw");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".http"))
    .sort()
    .map((f) => parseRawHttp(f, readFileSync(join(dir, f))));
}

/** True when an `openssl` binary is on PATH. */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    if (error instanceof Error) return false;
    throw error;
  }
}

/**
 * A self-signed certificate and its key made by openssl in a temp dir (removed again). `keyAlg` is an
 * `openssl genpkey -algorithm` value plus options, e.g. `["EC", "-pkeyopt", "ec_paramgen_curve:P-521"]`.
 */
export function opensslSelfSigned(
  keyAlg: readonly string[],
  serialHex: string,
): { certificate: Buffer; privateKey: KeyObject } {
  const dir = mkdtempSync(join(tmpdir(), "sigv4-x509-"));
  try {
    const keyFile = join(dir, "key.pem");
    const certFile = join(dir, "cert.pem");
    execFileSync("openssl", ["genpkey", "-algorithm", ...keyAlg, "-out", keyFile], { stdio: "ignore" });
    const config = join(dir, "openssl.cnf");
    writeFileSync(config, "[req]\ndistinguished_name=dn\n[dn]\n");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-new",
        "-config",
        config,
        "-key",
        keyFile,
        "-subj",
        "/CN=sigv4-x509 test",
        "-days",
        "2",
      ]
        .concat(["-set_serial", `0x${serialHex}`, "-out", certFile])
        .concat(keyAlg[0] === "ED25519" ? [] : ["-sha256"]),
      { stdio: "ignore" },
    );
    return {
      certificate: pemCertificates(readFileSync(certFile, "utf8"))[0] as Buffer,
      privateKey: createPrivateKey(readFileSync(keyFile)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
