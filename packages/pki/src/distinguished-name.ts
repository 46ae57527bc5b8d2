// X.501 Name: parse, compare (RFC 5280 §7.1: case-insensitive, whitespace-compressed string
// matching after Unicode normalisation) and format (RFC 4514).
import { ATTR } from "./oids.js";
import { DerError, DerReader, TAG, bytesOf, contentOf, decodeString, readOid, type Tlv } from "./der.js";

export interface NameAttribute {
  readonly oid: string;
  /** RFC 4514 / OpenSSL short name when known (CN, O, OU, C, ST, L, emailAddress, …). */
  readonly shortName: string | undefined;
  /** The value's ASN.1 tag (e.g. 0x0c UTF8String, 0x13 PrintableString). */
  readonly tag: number;
  /** The decoded text for string-typed values; undefined for any other type. */
  readonly value: string | undefined;
  /** The value's complete DER (tag, length, content). */
  readonly rawValue: Buffer;
}

export interface DistinguishedName {
  /** The whole Name's DER. */
  readonly raw: Buffer;
  /** RDNs in certificate order (most significant first, e.g. C before CN). */
  readonly rdns: readonly (readonly NameAttribute[])[];
  /** Comparison key: two names match under RFC 5280 §7.1 exactly when their keys are equal. */
  readonly key: string;
  /** RFC 4514 rendering (least significant RDN first), e.g. `CN=test,O=Example,C=US`. */
  readonly text: string;
  readonly isEmpty: boolean;
}

/** Short names for display (RFC 4514 §3 plus the ones OpenSSL prints). */
const DISPLAY_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ATTR).map(([short, oid]) => [oid, short]),
);

export const shortNameOf = (oid: string): string | undefined => DISPLAY_NAMES[oid];

/** Parses the Name TLV at `tlv` (a SEQUENCE OF SET OF AttributeTypeAndValue). */
export function parseName(buf: Buffer, tlv: Tlv, where: string): DistinguishedName {
  if (tlv.tag !== TAG.SEQUENCE) throw new DerError(`${where}: Name must be a SEQUENCE`);
  const rdns: NameAttribute[][] = [];
  const seq = new DerReader(buf, tlv, where);
  while (!seq.done) {
    const setTlv = seq.next("RDN");
    if (setTlv.tag !== TAG.SET) throw new DerError(`${where}: an RDN must be a SET`);
    const set = new DerReader(buf, setTlv, `${where}.RDN`);
    const rdn: NameAttribute[] = [];
    while (!set.done) {
      const atv = new DerReader(buf, set.expect(TAG.SEQUENCE, "AttributeTypeAndValue"), `${where}.ATV`);
      const oid = readOid(buf, atv.expect(TAG.OID, "type"), `${where}.type`);
      const valueTlv = atv.next("value");
      atv.finish();
      const value = decodeString(
        valueTlv.tag,
        contentOf(buf, valueTlv),
        `${where}.${shortNameOf(oid) ?? oid}`,
      );
      rdn.push({
        oid,
        shortName: shortNameOf(oid),
        tag: valueTlv.tag,
        value,
        rawValue: bytesOf(buf, valueTlv),
      });
    }
    if (rdn.length === 0) throw new DerError(`${where}: an RDN must not be empty`);
    rdns.push(rdn);
  }
  return {
    raw: bytesOf(buf, tlv),
    rdns,
    key: nameKey(rdns),
    text: formatDn(rdns),
    isEmpty: rdns.length === 0,
  };
}

// eslint-disable-next-line no-control-regex -- ASCII test
const ASCII = /^[\x00-\x7f]*$/;

/** RFC 4518-style preparation: NFKC, case fold, insignificant whitespace removed. */
export function normalizeValue(s: string): string {
  const n = ASCII.test(s) ? s : s.normalize("NFKC");
  return n.toLowerCase().trim().replace(/\s+/g, " ");
}

const attributeKey = (a: NameAttribute): string =>
  `${a.oid}=${a.value !== undefined ? normalizeValue(a.value) : `#${a.rawValue.toString("hex")}`}`;

/** Builds the comparison key: attribute order inside an RDN does not matter, RDN order does. */
export function nameKey(rdns: readonly (readonly NameAttribute[])[]): string {
  return JSON.stringify(rdns.map((rdn) => rdn.map(attributeKey).sort()));
}

const escapeValue = (v: string): string => {
  let s = v.replace(/[\\",+;<>]/g, (c) => `\\${c}`).replace(/\0/g, "\\00");
  if (s.startsWith(" ") || s.startsWith("#")) s = `\\${s}`;
  if (s.endsWith(" ") && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
};

/** RFC 4514 string: RDNs in reverse order, multi-valued RDNs joined with "+". */
export function formatDn(rdns: readonly (readonly NameAttribute[])[]): string {
  return [...rdns]
    .reverse()
    .map((rdn) =>
      rdn
        .map((a) =>
          a.shortName !== undefined && a.value !== undefined
            ? `${a.shortName}=${escapeValue(a.value)}`
            : `${a.oid}=#${a.rawValue.toString("hex")}`,
        )
        .join("+"),
    )
    .join(",");
}

/** Whether `prefix`'s RDN sequence is a leading part of `name`'s (directoryName constraints). */
export function isDnPrefix(prefix: DistinguishedName, name: DistinguishedName): boolean {
  if (prefix.rdns.length > name.rdns.length) return false;
  for (let i = 0; i < prefix.rdns.length; i++) {
    const a = prefix.rdns[i]!.map(attributeKey).sort();
    const b = name.rdns[i]!.map(attributeKey).sort();
    if (a.length !== b.length || a.some((k, j) => k !== b[j])) return false;
  }
  return true;
}
