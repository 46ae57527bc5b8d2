// GeneralName (RFC 5280 §4.2.1.6) as used by subjectAltName, name constraints and AKI.
import { DerError, DerReader, TAG, bytesOf, contentOf, decodeOid, decodeString, type Tlv } from "./der.js";
import { parseName, type DistinguishedName } from "./distinguished-name.js";

export type GeneralName =
  | { readonly type: "otherName"; readonly oid: string; readonly raw: Buffer }
  | { readonly type: "rfc822Name"; readonly value: string }
  | { readonly type: "dNSName"; readonly value: string }
  | { readonly type: "x400Address"; readonly raw: Buffer }
  | { readonly type: "directoryName"; readonly name: DistinguishedName }
  | { readonly type: "ediPartyName"; readonly raw: Buffer }
  | { readonly type: "uniformResourceIdentifier"; readonly value: string }
  | { readonly type: "iPAddress"; readonly bytes: Buffer }
  | { readonly type: "registeredID"; readonly oid: string };

export type GeneralNameType = GeneralName["type"];

const ia5 = (buf: Buffer, tlv: Tlv, where: string): string =>
  decodeString(TAG.IA5_STRING, contentOf(buf, tlv), where) ?? "";

/** Decodes one GeneralName TLV. */
export function parseGeneralName(buf: Buffer, tlv: Tlv, where: string): GeneralName {
  switch (tlv.tag) {
    case 0xa0: {
      const r = new DerReader(buf, tlv, `${where}.otherName`);
      const oidTlv = r.expect(TAG.OID, "type-id");
      r.expect(0xa0, "value");
      r.finish();
      return { type: "otherName", oid: decodeOid(contentOf(buf, oidTlv), where), raw: bytesOf(buf, tlv) };
    }
    case 0x81:
      return { type: "rfc822Name", value: ia5(buf, tlv, `${where}.rfc822Name`) };
    case 0x82:
      return { type: "dNSName", value: ia5(buf, tlv, `${where}.dNSName`) };
    case 0xa3:
      return { type: "x400Address", raw: bytesOf(buf, tlv) };
    case 0xa4: {
      const r = new DerReader(buf, tlv, `${where}.directoryName`);
      const name = parseName(buf, r.expect(TAG.SEQUENCE, "Name"), `${where}.directoryName`);
      r.finish();
      return { type: "directoryName", name };
    }
    case 0xa5:
      return { type: "ediPartyName", raw: bytesOf(buf, tlv) };
    case 0x86:
      return { type: "uniformResourceIdentifier", value: ia5(buf, tlv, `${where}.uri`) };
    case 0x87:
      return { type: "iPAddress", bytes: contentOf(buf, tlv) };
    case 0x88:
      return { type: "registeredID", oid: decodeOid(contentOf(buf, tlv), where) };
    default:
      throw new DerError(`${where}: unknown GeneralName tag 0x${tlv.tag.toString(16)}`);
  }
}

/** Decodes GeneralNames (SEQUENCE SIZE (1..MAX) OF GeneralName). */
export function parseGeneralNames(buf: Buffer, tlv: Tlv, where: string): GeneralName[] {
  if (tlv.tag !== TAG.SEQUENCE) throw new DerError(`${where}: GeneralNames must be a SEQUENCE`);
  const r = new DerReader(buf, tlv, where);
  const out: GeneralName[] = [];
  while (!r.done) out.push(parseGeneralName(buf, r.next("GeneralName"), where));
  if (out.length === 0) throw new DerError(`${where}: GeneralNames must not be empty`);
  return out;
}

/** Text form for messages: `DNS:example.com`, `IP:192.0.2.1`, `email:a@b`, `URI:…`, `DirName:CN=…`. */
export function describeGeneralName(n: GeneralName): string {
  switch (n.type) {
    case "dNSName":
      return `DNS:${n.value}`;
    case "rfc822Name":
      return `email:${n.value}`;
    case "uniformResourceIdentifier":
      return `URI:${n.value}`;
    case "iPAddress":
      return `IP:${formatIp(n.bytes)}`;
    case "directoryName":
      return `DirName:${n.name.text}`;
    case "registeredID":
      return `RID:${n.oid}`;
    case "otherName":
      return `otherName:${n.oid}`;
    default:
      return n.type;
  }
}

/** Dotted IPv4 / RFC 5952-ish IPv6 (no zero compression), or hex for other lengths. */
export function formatIp(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join(".");
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(":");
  }
  return `#${bytes.toString("hex")}`;
}
