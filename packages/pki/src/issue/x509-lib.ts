// The one place @peculiar/x509 is loaded. It needs a Reflect metadata polyfill (through tsyringe)
// that must be evaluated first. Only the issuance modules import this file, and they are reached
// through the "@anchorage/pki/issue" entry point or `await import()`, never from validation code.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import type { X509CertificateGenerator } from "@peculiar/x509";

export * as x509 from "@peculiar/x509";

/** The WebCrypto implementation passed explicitly to every @peculiar/x509 call (no global provider). */
export const crypto = webcrypto as unknown as Parameters<typeof X509CertificateGenerator.create>[1];
