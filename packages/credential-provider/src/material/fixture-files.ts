// Test support only (imported by *.test.ts, never by runtime code): where the fixtures live.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
/** The shared, read-only test PKI recorded with AWS's helper. */
export const PKI_DIR = join(REPO_ROOT, "test/fixtures/createsession/pki");
/** This package's own fixtures (see ../fixtures/README.md). */
export const FIXTURE_DIR = join(REPO_ROOT, "packages/credential-provider/src/fixtures");
export const OTHER_COMMANDS_JSON = join(REPO_ROOT, "test/fixtures/createsession/other-commands.json");

export const pki = (name: string): string => join(PKI_DIR, name);
export const fixture = (name: string): string => join(FIXTURE_DIR, name);
export const readPki = (name: string): Buffer => readFileSync(pki(name));
export const readFixture = (name: string): Buffer => readFileSync(fixture(name));

/** Serial numbers of the shared PKI in decimal, from SUMMARY.tsv (name → decimal). */
export function summarySerials(): Map<string, string> {
  const rows = readFileSync(join(PKI_DIR, "SUMMARY.tsv"), "utf8").trim().split("\n");
  return new Map(
    rows.map((row) => {
      const [name, hex] = row.split("\t");
      return [name!, BigInt(`0x${hex}`).toString()];
    }),
  );
}

/** Rows of a fixture TSV, without the `#` header. */
export const tsvRows = (name: string): string[][] =>
  readFileSync(fixture(name), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split("\t"));

/** The DER of the first certificate in a PEM file. */
export function pemCertificateDer(path: string): Buffer {
  const text = readFileSync(path, "utf8");
  const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text)?.[1];
  if (body === undefined) throw new Error(`${path} holds no certificate`);
  return Buffer.from(body.replace(/\s+/g, ""), "base64");
}
