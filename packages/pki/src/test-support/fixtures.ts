// The test PKI committed under test/fixtures/createsession/pki (root, intermediate, leaves).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCertificatePems } from "../pem.js";

const DIR = fileURLToPath(new URL("../../../../test/fixtures/createsession/pki/", import.meta.url));

export const fixturePem = (name: string): string => readFileSync(`${DIR}${name}`, "utf8");
export const fixtureDer = (name: string): Buffer => {
  const [der] = parseCertificatePems(fixturePem(name));
  if (!der) throw new Error(`${name} holds no certificate`);
  return der;
};

/** A time inside every fixture certificate's validity (2025-01-01 .. 2045-01-01). */
export const FIXTURE_TIME = new Date("2026-06-01T12:00:00Z");
