/**
 * IPv4 and IPv6 addresses and CIDR blocks for `IpAddress` / `NotIpAddress`
 * (iam-sts.md §2.2: "CIDR (IPv4 and IPv6); bare IP = /32 or /128"; IUG condition operators page,
 * "IP address condition operators").
 *
 * Addresses are held as 8 sixteen-bit groups; an IPv4 address `a.b.c.d` is stored as the
 * IPv4-mapped IPv6 address `::ffff:a.b.c.d`, so a request from `::ffff:203.0.113.9` (what a dual-stack
 * Node socket reports for an IPv4 peer) matches an IPv4 block such as `203.0.113.0/24`.
 */

/** A parsed address: 8 groups of 16 bits, plus whether it was written as IPv4. */
export interface IpAddress {
  readonly groups: Uint16Array;
  readonly v4: boolean;
}

/** A CIDR block; `prefix` counts bits of the 128-bit (IPv4-mapped) form. */
export interface IpBlock {
  readonly network: Uint16Array;
  readonly prefix: number;
  readonly source: string;
}

const V4_PART = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseV4(text: string, into: Uint16Array, at: number): boolean {
  const parts = text.split(".");
  if (parts.length !== 4) return false;
  const bytes = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!V4_PART.test(p)) return false; // no leading zeros: "010" is ambiguous (octal in some parsers)
    const n = Number(p);
    if (n > 255) return false;
    bytes[i] = n;
  }
  into[at] = ((bytes[0] as number) << 8) | (bytes[1] as number);
  into[at + 1] = ((bytes[2] as number) << 8) | (bytes[3] as number);
  return true;
}

function parseV6(input: string): Uint16Array | undefined {
  if (input.includes("%")) return undefined; // zone ids are not addresses in a policy
  let text = input;
  // An embedded IPv4 address may end the text (e.g. ::ffff:192.0.2.1): rewrite it as two hex groups.
  const lastColon = text.lastIndexOf(":");
  if (text.indexOf(".", lastColon) >= 0) {
    const v4 = new Uint16Array(2);
    if (!parseV4(text.slice(lastColon + 1), v4, 0)) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4[0] as number).toString(16)}:${(v4[1] as number).toString(16)}`;
  }
  const dc = text.indexOf("::");
  if (dc >= 0 && text.indexOf("::", dc + 1) >= 0) return undefined;
  const head = dc >= 0 ? text.slice(0, dc) : text;
  const tail = dc >= 0 ? text.slice(dc + 2) : "";
  const headParts = head === "" ? [] : head.split(":");
  const tailParts = tail === "" ? [] : tail.split(":");
  if (dc < 0 ? headParts.length !== 8 : headParts.length + tailParts.length > 7) return undefined;
  const groups = new Uint16Array(8);
  const fill = (parts: readonly string[], start: number): boolean => {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (!HEX_GROUP.test(p)) return false;
      groups[start + i] = parseInt(p, 16);
    }
    return true;
  };
  if (!fill(headParts, 0) || !fill(tailParts, 8 - tailParts.length)) return undefined;
  return groups;
}

/**
 * Parses an IPv4 or IPv6 address (no prefix). `undefined` when invalid.
 *
 * @example
 * parseIpAddress("2001:db8::1")?.v4; // false
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(":")) {
    const groups = parseV6(text);
    return groups && { groups, v4: false };
  }
  const groups = new Uint16Array(8);
  groups[5] = 0xffff;
  return parseV4(text, groups, 6) ? { groups, v4: true } : undefined;
}

/**
 * Parses a CIDR block (`203.0.113.0/24`, `2001:DB8:1234:5678::/64`) or a bare address (/32 or /128).
 * Host bits after the prefix are ignored. `undefined` when invalid.
 */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf("/");
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const addr = parseIpAddress(addrText);
  if (!addr) return undefined;
  const max = addr.v4 ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p)) return undefined;
    bits = Number(p);
    if (bits > max) return undefined;
  }
  const prefix = addr.v4 ? bits + 96 : bits;
  const network = new Uint16Array(8);
  for (let i = 0; i < 8; i++) network[i] = (addr.groups[i] as number) & groupMask(prefix, i);
  return { network, prefix, source: text };
}

function groupMask(prefix: number, group: number): number {
  const bitsInGroup = Math.min(16, Math.max(0, prefix - group * 16));
  return bitsInGroup === 0 ? 0 : (0xffff << (16 - bitsInGroup)) & 0xffff;
}

/** Whether `addr` lies inside `block`. */
export function ipInBlock(addr: IpAddress, block: IpBlock): boolean {
  const g = addr.groups;
  const n = block.network;
  const full = block.prefix >> 4;
  for (let i = 0; i < full; i++) if (g[i] !== n[i]) return false;
  const rest = block.prefix & 15;
  if (rest === 0) return true;
  const mask = (0xffff << (16 - rest)) & 0xffff;
  return ((g[full] as number) & mask) === n[full];
}
