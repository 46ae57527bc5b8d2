// Identity strings CreateSession derives from the end-entity certificate (spec §5.7, §5.9).
import type { ParsedCertificate } from "./certificate.js";
import { ATTR } from "./oids.js";

/** STS SourceIdentity / RoleSessionName character set. */
const STS_IDENTITY = /^[\w+=,.@-]*$/;

/**
 * The default role session name: the serial number as uppercase hex, even length, without
 * sign padding (e.g. `03EA`, `5C0A1B…0203`). The case and padding are UNCONFIRMED for AWS
 * (spec §5.7); uppercase/even length matches the serials AWS prints elsewhere.
 */
export const defaultRoleSessionName = (cert: ParsedCertificate): string => cert.serialHex;

/** The first CN of the subject, in certificate order. */
export const subjectCommonName = (cert: ParsedCertificate): string | undefined => {
  for (const rdn of cert.subject.rdns)
    for (const a of rdn) if (a.oid === ATTR.CN && a.value !== undefined) return a.value;
  return undefined;
};

/**
 * The source identity set on every session (spec §5.9): `CN=<cn>` when the CN has at most 61
 * characters, the bare CN for 62–64, otherwise (no CN, CN longer than 64, or characters STS does
 * not allow in a SourceIdentity) `ID=<serial hex>` with the same hex form as the session name.
 *
 * @example
 * sourceIdentity(leaf); // "CN=test-client"
 */
export function sourceIdentity(cert: ParsedCertificate): string {
  const cn = subjectCommonName(cert);
  if (cn !== undefined && STS_IDENTITY.test(cn)) {
    if (cn.length <= 61) return `CN=${cn}`;
    if (cn.length <= 64) return cn;
  }
  return `ID=${cert.serialHex}`;
}
