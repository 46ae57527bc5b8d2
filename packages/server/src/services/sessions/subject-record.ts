// What an authentication attempt records about its subject (spec §5.10): the subject is the leaf's
// subject DN in RFC 4514 (`CN=test-client,OU=engineering,O=Example,C=US`; the format is UNCONFIRMED,
// this is the spec's recommendation); the credential is the certificate — serial in upper-case hex
// (as the session name), issuer DN, PEM — with `failed`; the instance properties when sent.
// Certificates with an empty subject are not recorded (Roles Anywhere refuses them anyway).
import { formatPem, type ParsedCertificate } from "@anchorage/pki";
import type { AuthenticationRecord } from "../../store/store.js";

/** PEM of each parsed leaf (the pki cache hands out one object per certificate). */
const PEMS = new WeakMap<ParsedCertificate, string>();

function pemOf(leaf: ParsedCertificate): string {
  let pem = PEMS.get(leaf);
  if (pem === undefined) {
    pem = formatPem("CERTIFICATE", leaf.raw);
    PEMS.set(leaf, pem);
  }
  return pem;
}

/** The record of one attempt, or undefined when the leaf has no subject to record it under. */
export function authenticationRecord(
  leaf: ParsedCertificate,
  attempt: {
    readonly seenAt: Date;
    readonly failed: boolean;
    readonly instanceProperties?: Readonly<Record<string, string>>;
    readonly newSubject: { readonly id: string; readonly arn: string };
  },
): AuthenticationRecord | undefined {
  if (leaf.subject.isEmpty) return undefined;
  const properties = attempt.instanceProperties;
  return {
    x509Subject: leaf.subject.text,
    newSubject: attempt.newSubject,
    seenAt: attempt.seenAt,
    failed: attempt.failed,
    certificate: {
      serialNumber: leaf.serialHex,
      issuer: leaf.issuer.text,
      x509CertificateData: pemOf(leaf),
    },
    ...(properties === undefined || Object.keys(properties).length === 0
      ? {}
      : { instanceProperties: { ...properties } }),
  };
}
