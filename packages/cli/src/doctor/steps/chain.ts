// Step `chain`: the intermediates (--intermediates, or a PKCS#12 bundle's) parse, fit in the
// X-Amz-X509-Chain header (5 certificates at most), and link to the leaf: each names the previous
// one's issuer and its key verifies that certificate's signature. Whether the path then reaches the
// trust anchor is the `path` step's question.
import { loadCertificateOnly, MaterialError } from "@anchorage/credential-provider";
import {
  parseCertificate,
  parseCertificatePems,
  PkiError,
  sharedPkiCache,
  type ParsedCertificate,
} from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { fail, pass, skip, warn, type DoctorStep, type StepOutcome } from "../step.js";

/** X-Amz-X509-Chain carries at most 5 certificates (CreateSession refuses more). */
export const MAX_CHAIN = 5;

const describe = (c: ParsedCertificate): string => `"${c.subject.text}"`;

/** The intermediates as DER, in file order. */
async function readChain(context: DoctorContext): Promise<Buffer[] | undefined> {
  const path = context.config.material.intermediates;
  if (path === undefined) {
    const material = context.facts.material;
    return material?.source.certificateFormat === "PKCS#12" ? material.chain : [];
  }
  const bytes = await context.readFile(path);
  if (bytes.includes("-----BEGIN"))
    return parseCertificatePems(bytes.toString("utf8"), `intermediates file ${path}`);
  // DER: one certificate, or several back to back (the loader's reader splits them).
  try {
    const only = await loadCertificateOnly({
      certificate: bytes,
      prompt: false,
      env: {},
      flagNames: { certificate: "--intermediates" },
    });
    return [only.certificate.der, ...only.otherCertificates];
  } catch (error) {
    if (!(error instanceof MaterialError)) throw error;
    throw new PkiError("Malformed", `intermediates file ${path}: ${error.message}`, { cause: error });
  }
}

export const chainStep: DoctorStep<DoctorContext> = {
  id: "chain",
  title: "intermediates link to the leaf",
  async run(context): Promise<StepOutcome> {
    if (context.facts.filesReadable !== true) return skip("needs the files (see files)");
    const path = context.config.material.intermediates;
    let ders: Buffer[] | undefined;
    const parsed: ParsedCertificate[] = [];
    try {
      ders = await readChain(context);
      if (ders === undefined) return skip("needs the PKCS#12 bundle opened (see key)");
      ders.forEach((der, i) => {
        try {
          parsed.push(parseCertificate(der));
        } catch (error) {
          if (error instanceof PkiError)
            throw new PkiError(
              "Malformed",
              `certificate ${i + 1} of intermediates file ${path}: ${error.message}`,
            );
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
      return fail(
        error.message,
        "pass a file of PEM CERTIFICATE blocks (or one DER certificate) to --intermediates",
      );
    }
    if (parsed.length > MAX_CHAIN)
      return fail(
        `intermediates file ${path} holds ${parsed.length} certificates; X-Amz-X509-Chain carries at most ${MAX_CHAIN}`,
        "keep only the CA certificates between the leaf and the trust anchor",
      );
    context.facts.chain = ders;
    context.facts.chainParsed = parsed;
    const leaf = context.facts.leaf?.parsed;
    if (leaf === undefined) return skip("needs the certificate (see files and key)");
    if (parsed.length === 0)
      return pass(
        `no intermediates: the trust anchor must hold the leaf's issuer ${JSON.stringify(leaf.issuer.text)}`,
      );

    // Walk up from the leaf through the intermediates.
    const cache = sharedPkiCache();
    const linked: ParsedCertificate[] = [];
    let current = leaf;
    for (;;) {
      if (current.selfIssued && current !== leaf) break;
      const named = parsed.filter((c) => !linked.includes(c) && c.subject.key === current.issuer.key);
      if (named.length === 0) break;
      const issuer = named.find((c) => cache.signedBy(current, c));
      if (issuer === undefined)
        return fail(
          `${describe(current)} names ${JSON.stringify(current.issuer.text)} as its issuer, but its signature does not verify with the key of that intermediate (serial ${named[0]!.serialHex})`,
          "the intermediate is a different CA certificate with the same name (re-keyed?): pass the one that issued it",
        );
      linked.push(issuer);
      current = issuer;
    }
    const unused = parsed.filter((c) => !linked.includes(c));
    const links = [leaf, ...linked].map(describe).join(" ← ");
    if (linked.length === 0)
      return warn(
        `none of the ${parsed.length} intermediate(s) issued the leaf (its issuer is ${JSON.stringify(leaf.issuer.text)}; they are ${parsed.map(describe).join(", ")})`,
        "pass the CA that issued the leaf in --intermediates, or drop --intermediates when the trust anchor holds it",
      );
    if (unused.length > 0)
      return warn(
        `${links}; ${unused.length} other certificate(s) are sent but not in the leaf's chain: ${unused.map(describe).join(", ")}`,
        "keep only the leaf's issuing CAs in --intermediates",
      );
    return pass(
      `${links}${current.selfIssued ? " (a root)" : `; the trust anchor must hold ${JSON.stringify(current.issuer.text)}`}`,
    );
  },
};
