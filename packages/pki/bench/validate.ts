// Micro-benchmark of validatePath (no assertions): validations per second for an RSA-2048 and a
// P-256 client certificate under an intermediate, in three cache states:
//   cold      nothing cached (every certificate parsed, every signature verified)
//   new leaf  the intermediate and its signature edge are cached; each leaf is seen once
//   warm      the same leaf again (the CreateSession steady state for a returning client)
//
//   node --conditions=@anchorage/source --import tsx packages/pki/bench/validate.ts
import { performance } from "node:perf_hooks";
import { createTrustAnchorSet, parseCertificatePems, PkiCache, validatePath } from "../src/index.js";
import { createCa, issueCertificate, type KeyType } from "../src/issue/index.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const LEAVES = 300;
const der = (pem: string): Buffer => parseCertificatePems(pem)[0]!;

async function setup(keyType: KeyType) {
  const root = await createCa({
    keyType,
    subject: { CN: `Bench Root ${keyType}` },
    validityDays: 3650,
    now: NOW,
  });
  const inter = await createCa({
    keyType,
    subject: { CN: `Bench Intermediate ${keyType}` },
    validityDays: 1825,
    pathLength: 0,
    now: NOW,
    issuer: { certPem: root.certPem, keyPem: root.keyPem },
  });
  const ca = { certPem: inter.certPem, keyPem: inter.keyPem };
  const leaves: Buffer[] = [];
  // Leaves share one key (a CSR-less public key) so setup stays fast; each certificate differs.
  const first = await issueCertificate({
    ca,
    subject: { CN: "bench-0" },
    keyType,
    validityDays: 365,
    now: NOW,
  });
  leaves.push(der(first.certPem));
  const { createPublicKey, createPrivateKey } = await import("node:crypto");
  const publicKeyPem = createPublicKey(createPrivateKey(first.keyPem!))
    .export({ type: "spki", format: "pem" })
    .toString();
  for (let i = 1; i < LEAVES; i++)
    leaves.push(
      der(
        (
          await issueCertificate({
            ca,
            subject: { CN: `bench-${i}` },
            publicKeyPem,
            validityDays: 365,
            now: NOW,
          })
        ).certPem,
      ),
    );
  return { root: der(root.certPem), inter: der(inter.certPem), leaves };
}

function rate(label: string, run: (i: number) => boolean, minMs = 1500): string {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    if (!run(n)) throw new Error(`${label}: validation failed`);
    n++;
  }
  const perSec = (n * 1000) / (performance.now() - start);
  return `${label.padEnd(34)} ${perSec.toFixed(0).padStart(8)} validations/s  (${((1000 * 1000) / perSec).toFixed(1)} µs each)`;
}

for (const keyType of ["rsa2048", "p256"] as const) {
  const { root, inter, leaves } = await setup(keyType);
  const anchors = createTrustAnchorSet([root], { cache: new PkiCache() });
  const opts = (leaf: Buffer, cache: PkiCache) => ({
    leaf,
    intermediates: [inter],
    anchors,
    time: NOW,
    cache,
  });
  console.log(`${keyType} leaf + ${keyType} intermediate + root anchor:`);
  console.log(rate("  cold (no cache)", (i) => validatePath(opts(leaves[i % LEAVES]!, new PkiCache())).ok));
  let shared = new PkiCache();
  console.log(
    rate("  new leaf (intermediate cached)", (i) => {
      if (i % LEAVES === 0) {
        shared = new PkiCache();
        validatePath(opts(leaves[LEAVES - 1]!, shared)); // warms the intermediate edge
      }
      return validatePath(opts(leaves[i % LEAVES]!, shared)).ok;
    }),
  );
  const warm = new PkiCache();
  console.log(rate("  warm (same leaf again)", () => validatePath(opts(leaves[0]!, warm)).ok));
}
