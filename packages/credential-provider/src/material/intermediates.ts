import { X509Certificate } from "node:crypto";
import { MAX_CHAIN_CERTIFICATES } from "./constants.js";
import { sniffDer } from "./der-kind.js";
import { DerError, splitConcatenated } from "./der.js";
import { MaterialError } from "./errors.js";
import type { ResolvedInput } from "./input.js";
import { looksLikePem, parsePem, PemError } from "./pem.js";

/**
 * The certificates of an intermediates bundle, as DER, in file order (the order they are sent in
 * `X-Amz-X509-Chain`). PEM bundles may carry text between blocks (`Bag Attributes`, `subject=`
 * lines) but only CERTIFICATE blocks; DER bundles are certificates written back to back. Every
 * certificate must parse.
 */
export function readIntermediates(input: ResolvedInput, flag: string): Buffer[] {
  const ders = looksLikePem(input.bytes) ? pemBundle(input, flag) : derBundle(input, flag);
  if (ders.length === 0) throw malformed(input, flag, "holds no certificates");
  if (ders.length > MAX_CHAIN_CERTIFICATES) {
    throw malformed(
      input,
      flag,
      `holds ${ders.length} certificates; at most ${MAX_CHAIN_CERTIFICATES} are allowed`,
    );
  }
  ders.forEach((der, i) => {
    try {
      new X509Certificate(der);
    } catch (cause) {
      throw malformed(input, flag, `has a certificate that cannot be parsed (certificate ${i + 1})`, cause);
    }
  });
  return ders;
}

function pemBundle(input: ResolvedInput, flag: string): Buffer[] {
  let blocks;
  try {
    blocks = parsePem(input.bytes.toString("utf8"));
  } catch (cause) {
    if (!(cause instanceof PemError)) throw cause;
    throw malformed(input, flag, `is not valid PEM (block ${cause.block}: ${cause.message})`, cause);
  }
  const other = blocks.findIndex((b) => b.label !== "CERTIFICATE");
  if (other !== -1) {
    throw malformed(
      input,
      flag,
      `holds a ${blocks[other]!.label} block (block ${other + 1}); it may hold only certificates`,
    );
  }
  return blocks.map((b) => b.der);
}

function derBundle(input: ResolvedInput, flag: string): Buffer[] {
  if (sniffDer(input.bytes) === "certificate") return [input.bytes];
  try {
    const parts = splitConcatenated(input.bytes);
    const bad = parts.findIndex((p) => sniffDer(p) !== "certificate");
    if (bad === -1) return parts;
    throw malformed(input, flag, `holds something other than a certificate (element ${bad + 1})`);
  } catch (cause) {
    if (!(cause instanceof DerError)) throw cause;
    throw malformed(input, flag, "is neither PEM nor DER certificates", cause);
  }
}

const malformed = (input: ResolvedInput, flag: string, what: string, cause?: unknown): MaterialError =>
  new MaterialError(
    "MalformedIntermediates",
    `${input.display} ${what}; pass a file of PEM certificates (or DER) to ${flag}`,
    cause === undefined ? undefined : { cause },
  );
