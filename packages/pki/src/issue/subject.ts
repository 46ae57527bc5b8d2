// Subject fields for issuance → an X.501 Name in the conventional order (C, ST, L, O, OU, CN, …).
import { PkiError } from "../errors.js";
import { ATTR } from "../oids.js";

export interface SubjectFields {
  readonly C?: string;
  readonly ST?: string;
  readonly L?: string;
  readonly O?: string;
  /** One or more organisational units, in order. */
  readonly OU?: string | readonly string[];
  readonly CN?: string;
  readonly emailAddress?: string;
  readonly UID?: string;
  readonly SERIALNUMBER?: string;
  /** Domain components, most significant first (e.g. ["com", "example"]). */
  readonly DC?: readonly string[];
}

const ORDER = ["DC", "C", "ST", "L", "O", "OU", "CN", "UID", "SERIALNUMBER", "emailAddress"] as const;

type JsonAttribute = Record<string, { printableString?: string; utf8String?: string; ia5String?: string }[]>;

/** The @peculiar/x509 JSON form of the name, one RDN per attribute. */
export function subjectToJsonName(s: SubjectFields): JsonAttribute[] {
  const out: JsonAttribute[] = [];
  for (const key of ORDER) {
    const raw = s[key];
    if (raw === undefined) continue;
    const values = typeof raw === "string" ? [raw] : [...raw];
    for (const v of values) {
      if (v.length === 0 || v.length > 64 * 4)
        throw new PkiError(
          "InvalidIssuanceRequest",
          `subject ${key} must have 1..256 characters, got ${v.length}`,
        );
      const oid = ATTR[key];
      if (key === "C") {
        if (!/^[A-Z]{2}$/.test(v))
          throw new PkiError(
            "InvalidIssuanceRequest",
            `subject C must be a two-letter country code, got "${v}"`,
          );
        out.push({ [oid]: [{ printableString: v }] });
      } else if (key === "emailAddress" || key === "DC") out.push({ [oid]: [{ ia5String: v }] });
      else out.push({ [oid]: [{ utf8String: v }] });
    }
  }
  if (out.length === 0)
    throw new PkiError("InvalidIssuanceRequest", "the subject is empty; give at least a CN");
  return out;
}
