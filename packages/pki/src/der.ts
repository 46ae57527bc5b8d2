// A small, strict DER reader: definite lengths only, minimal length encodings, no trailing bytes.
// It returns byte spans into the original buffer so callers can keep the exact bytes a signature
// covers (the TBS part of a certificate or CRL) instead of re-encoding them.

/** Universal tags used by X.509 (the whole identifier octet, constructed bit included). */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag `[n]`, primitive or constructed. */
export const contextTag = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;

/** Raised for any DER encoding error; `where` names the structure being read. */
export class DerError extends Error {
  override readonly name = "DerError";
}

/** One tag-length-value: `start` = first identifier byte, `content` = first content byte, `end` = one past. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly content: number;
  readonly end: number;
}

/** Reads the TLV at `offset`, which must end at or before `limit`. */
export function readTlv(buf: Buffer, offset: number, limit: number, where: string): Tlv {
  if (offset + 2 > limit)
    throw new DerError(`${where}: truncated (need a tag and a length at byte ${offset})`);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`${where}: high-tag-number form is not used in X.509`);
  let pos = offset + 1;
  const first = buf[pos++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerError(`${where}: indefinite length is not DER`);
  } else {
    const n = first & 0x7f;
    if (n > 4) throw new DerError(`${where}: length field of ${n} bytes is too large`);
    if (pos + n > limit) throw new DerError(`${where}: truncated length`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos + i]!;
    if (buf[pos] === 0 || length < 0x80) throw new DerError(`${where}: length is not minimally encoded`);
    pos += n;
  }
  const end = pos + length;
  if (end > limit)
    throw new DerError(`${where}: truncated (declares ${length} content bytes, ${limit - pos} left)`);
  return { tag, start: offset, content: pos, end };
}

/** Parses `buf` as exactly one TLV of the given tag (no trailing bytes). */
export function readSingle(buf: Buffer, tag: number, where: string): Tlv {
  if (buf.length > 0 && buf[0] !== tag)
    throw new DerError(`${where}: expected tag 0x${hex2(tag)}, found 0x${hex2(buf[0]!)}`);
  const tlv = readTlv(buf, 0, buf.length, where);
  if (tlv.tag !== tag) throw new DerError(`${where}: expected tag 0x${hex2(tag)}, found 0x${hex2(tlv.tag)}`);
  if (tlv.end !== buf.length)
    throw new DerError(`${where}: ${buf.length - tlv.end} trailing bytes after the value`);
  return tlv;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, "0");

/** Sequential reader over the contents of a constructed TLV. */
export class DerReader {
  private pos: number;
  constructor(
    readonly buf: Buffer,
    parent: Tlv,
    readonly where: string,
  ) {
    if ((parent.tag & 0x20) === 0) throw new DerError(`${where}: expected a constructed value`);
    this.pos = parent.content;
    this.end = parent.end;
  }
  private readonly end: number;

  get done(): boolean {
    return this.pos >= this.end;
  }
  peekTag(): number | undefined {
    return this.done ? undefined : this.buf[this.pos];
  }
  /** Reads the next TLV whatever its tag. */
  next(what: string): Tlv {
    if (this.done) throw new DerError(`${this.where}: missing ${what}`);
    const tlv = readTlv(this.buf, this.pos, this.end, `${this.where}.${what}`);
    this.pos = tlv.end;
    return tlv;
  }
  /** Reads the next TLV, which must carry `tag`. */
  expect(tag: number, what: string): Tlv {
    const found = this.peekTag();
    if (found !== tag) {
      const got = found === undefined ? "end of value" : `tag 0x${hex2(found)}`;
      throw new DerError(`${this.where}: expected ${what} (tag 0x${hex2(tag)}), found ${got}`);
    }
    return this.next(what);
  }
  /** Reads the next TLV only when it carries `tag`. */
  optional(tag: number, what: string): Tlv | undefined {
    return this.peekTag() === tag ? this.next(what) : undefined;
  }
  /** Asserts that nothing is left. */
  finish(): void {
    if (!this.done)
      throw new DerError(`${this.where}: unexpected trailing element (tag 0x${hex2(this.buf[this.pos]!)})`);
  }
  /** Reads every remaining element. */
  rest(what: string): Tlv[] {
    const out: Tlv[] = [];
    while (!this.done) out.push(this.next(what));
    return out;
  }
}

export const contentOf = (buf: Buffer, tlv: Tlv): Buffer => buf.subarray(tlv.content, tlv.end);
export const bytesOf = (buf: Buffer, tlv: Tlv): Buffer => buf.subarray(tlv.start, tlv.end);

/** Decodes an OBJECT IDENTIFIER's content into dotted form (strict: minimal sub-identifiers). */
export function decodeOid(content: Buffer, where: string): string {
  if (content.length === 0) throw new DerError(`${where}: empty OBJECT IDENTIFIER`);
  const parts: number[] = [];
  let value = 0;
  let started = false;
  for (let i = 0; i < content.length; i++) {
    const b = content[i]!;
    if (!started && b === 0x80)
      throw new DerError(`${where}: OBJECT IDENTIFIER sub-identifier is not minimal`);
    started = true;
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128)
      throw new DerError(`${where}: OBJECT IDENTIFIER arc too large`);
    if ((b & 0x80) === 0) {
      parts.push(value);
      value = 0;
      started = false;
    }
  }
  if (started) throw new DerError(`${where}: OBJECT IDENTIFIER ends inside a sub-identifier`);
  const first = parts[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...parts.slice(1)].join(".");
}

/** Reads an OID TLV's value in dotted form. */
export const readOid = (buf: Buffer, tlv: Tlv, where: string): string => {
  if (tlv.tag !== TAG.OID) throw new DerError(`${where}: expected an OBJECT IDENTIFIER`);
  return decodeOid(contentOf(buf, tlv), where);
};

/** Checks the INTEGER content is DER-minimal; returns it unchanged. */
export function integerContent(content: Buffer, where: string): Buffer {
  if (content.length === 0) throw new DerError(`${where}: empty INTEGER`);
  if (content.length > 1) {
    const [a, b] = [content[0]!, content[1]!];
    if ((a === 0x00 && (b & 0x80) === 0) || (a === 0xff && (b & 0x80) !== 0))
      throw new DerError(`${where}: INTEGER is not minimally encoded`);
  }
  return content;
}

/** Decodes a small non-negative INTEGER (up to 2^48). */
export function readSmallInteger(buf: Buffer, tlv: Tlv, where: string): number {
  const c = integerContent(contentOf(buf, tlv), where);
  if ((c[0]! & 0x80) !== 0) throw new DerError(`${where}: negative INTEGER where a count is expected`);
  if (c.length > 7) throw new DerError(`${where}: INTEGER too large`);
  let v = 0;
  for (const b of c) v = v * 256 + b;
  return v;
}

/** Decodes a DER BOOLEAN (0x00 or 0xFF only). */
export function readBoolean(buf: Buffer, tlv: Tlv, where: string): boolean {
  if (tlv.tag !== TAG.BOOLEAN || tlv.end - tlv.content !== 1)
    throw new DerError(`${where}: malformed BOOLEAN`);
  const b = buf[tlv.content]!;
  if (b !== 0x00 && b !== 0xff) throw new DerError(`${where}: BOOLEAN must be 0x00 or 0xFF in DER`);
  return b === 0xff;
}

/** A BIT STRING's bytes and the number of unused bits in its last byte. */
export interface BitString {
  readonly bytes: Buffer;
  readonly unusedBits: number;
}

export function readBitString(buf: Buffer, tlv: Tlv, where: string): BitString {
  const c = contentOf(buf, tlv);
  if (c.length === 0) throw new DerError(`${where}: empty BIT STRING`);
  const unusedBits = c[0]!;
  if (unusedBits > 7 || (c.length === 1 && unusedBits !== 0))
    throw new DerError(`${where}: invalid unused-bits count ${unusedBits}`);
  const bytes = c.subarray(1);
  if (unusedBits > 0 && (bytes[bytes.length - 1]! & ((1 << unusedBits) - 1)) !== 0)
    throw new DerError(`${where}: unused bits of a BIT STRING must be zero`);
  return { bytes, unusedBits };
}

const DIGITS = /^\d+$/;

/** Decodes UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) as RFC 5280 §4.1.2.5 requires. */
export function readTime(buf: Buffer, tlv: Tlv, where: string): Date {
  const s = contentOf(buf, tlv).toString("latin1");
  let year: number;
  let rest: string;
  if (tlv.tag === TAG.UTC_TIME) {
    if (s.length !== 13 || !s.endsWith("Z") || !DIGITS.test(s.slice(0, 12)))
      throw new DerError(`${where}: UTCTime must be YYMMDDHHMMSSZ, got "${s}"`);
    const yy = Number(s.slice(0, 2));
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = s.slice(2, 12);
  } else if (tlv.tag === TAG.GENERALIZED_TIME) {
    if (s.length !== 15 || !s.endsWith("Z") || !DIGITS.test(s.slice(0, 14)))
      throw new DerError(`${where}: GeneralizedTime must be YYYYMMDDHHMMSSZ, got "${s}"`);
    year = Number(s.slice(0, 4));
    rest = s.slice(4, 14);
  } else {
    throw new DerError(`${where}: expected UTCTime or GeneralizedTime`);
  }
  const [mo, d, h, mi, se] = [0, 2, 4, 6, 8].map((i) => Number(rest.slice(i, i + 2))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, mo - 1, d, h, mi, se);
  const date = new Date(ms);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    date.getUTCHours() !== h ||
    date.getUTCMinutes() !== mi ||
    date.getUTCSeconds() !== se
  )
    throw new DerError(`${where}: "${s}" is not a valid calendar time`);
  return date;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes an ASN.1 character string. Returns undefined for tags that are not strings.
 * Throws on bytes that are invalid for the string type (bad UTF-8, odd BMPString length…).
 */
export function decodeString(tag: number, content: Buffer, where: string): string | undefined {
  switch (tag) {
    case TAG.UTF8_STRING:
      try {
        return utf8.decode(content);
      } catch (cause) {
        throw new DerError(`${where}: invalid UTF-8 in UTF8String`, { cause });
      }
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.VISIBLE_STRING:
      for (const b of content)
        if (b > 0x7f) throw new DerError(`${where}: non-ASCII byte in an ASCII string type`);
      return content.toString("latin1");
    case TAG.TELETEX_STRING:
      return content.toString("latin1");
    case TAG.BMP_STRING: {
      if (content.length % 2 !== 0) throw new DerError(`${where}: BMPString has an odd length`);
      let out = "";
      for (let i = 0; i < content.length; i += 2) out += String.fromCharCode(content.readUInt16BE(i));
      return out;
    }
    case TAG.UNIVERSAL_STRING: {
      if (content.length % 4 !== 0)
        throw new DerError(`${where}: UniversalString length is not a multiple of 4`);
      let out = "";
      for (let i = 0; i < content.length; i += 4) out += String.fromCodePoint(content.readUInt32BE(i));
      return out;
    }
    default:
      return undefined;
  }
}

/** Encodes a TLV (used by tests and by the CRL/attribute helpers that build small values). */
export function encodeTlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

/** Encodes a dotted OID as a complete OBJECT IDENTIFIER TLV. */
export function encodeOid(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0))
    throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (v: number) => {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift(0x80 | (x & 0x7f));
    out.push(...bytes);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return encodeTlv(TAG.OID, Buffer.from(out));
}

/** Encodes a non-negative integer given as big-endian magnitude bytes (adds the sign byte). */
export function encodeUnsignedInteger(magnitude: Buffer): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  const content =
    m.length === 0 ? Buffer.from([0]) : (m[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), m]) : m;
  return encodeTlv(TAG.INTEGER, content);
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5), whole seconds. */
export function encodeTime(date: Date): Buffer {
  const y = date.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, "0");
  const rest = `${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
  return y >= 1950 && y < 2050
    ? encodeTlv(TAG.UTC_TIME, Buffer.from(`${p(y % 100)}${rest}`, "latin1"))
    : encodeTlv(TAG.GENERALIZED_TIME, Buffer.from(`${String(y).padStart(4, "0")}${rest}`, "latin1"));
}
