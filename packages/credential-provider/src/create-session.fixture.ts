// Test support only (imported by *.test.ts, never by runtime code): the recorded vectors of AWS's
// helper and a recording fake of the transport seam.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HttpRequest, HttpRequestOptions, WireRequest, WireResponse } from "./http/http-request.js";
import { REPO_ROOT } from "./material/fixture-files.js";

export const CREATESESSION_DIR = join(REPO_ROOT, "test/fixtures/createsession");

export interface RecordedRequest {
  method: string;
  url: string;
  rawHeaders: [string, string][];
  bodyUtf8: string;
  mockResponse: { status: number; headers: Record<string, string>; body: string };
}
export interface RecordedCase {
  id: string;
  binary: string;
  argv: string[];
  result: { exitCode: number; stdoutBase64: string; stderrUtf8: string };
  requests: RecordedRequest[];
  expect?: {
    canonicalRequest: string;
    stringToSign: string;
    authorizationHeader?: string;
    signatureHex?: string;
  };
}

export const loadCases = (file: "vectors.json" | "errors.json"): RecordedCase[] =>
  (JSON.parse(readFileSync(join(CREATESESSION_DIR, file), "utf8")) as { cases: RecordedCase[] }).cases;

/** The value of `--name` in a recorded argv. */
export function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
}

/** A transport that records what it is asked to send and answers from `answers` (the last repeats). */
export function recordingTransport(answers: (WireResponse | Error)[]): {
  httpRequest: HttpRequest;
  sent: { request: WireRequest; options: HttpRequestOptions }[];
} {
  const sent: { request: WireRequest; options: HttpRequestOptions }[] = [];
  const httpRequest: HttpRequest = async (request, options) => {
    sent.push({ request, options });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { httpRequest, sent };
}

/** A response as the mock of the vectors sent it. */
export const recordedResponse = (r: RecordedRequest["mockResponse"]): WireResponse => ({
  status: r.status,
  statusText: r.status === 201 ? "Created" : "",
  headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
  body: Buffer.from(r.body),
});
