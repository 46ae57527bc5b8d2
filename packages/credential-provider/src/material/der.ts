// A minimal DER reader: enough to tell what a binary file is, to split concatenated certificates
// and to read small algorithm parameters. It never allocates more than the input and checks every
// length against the buffer.

/** One tag-length-value element. `end` is the offset just past its value. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

export class DerError extends Error {
  override readonly name = "DerError";
}

/** Reads the element at `offset`. BER indefinite lengths are refused (DER only). */
export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated element at offset ${offset}`);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at offset ${offset}`);
  const first = buf[offset + 1]!;
  let length: number;
  let valueStart: number;
  if (first < 0x80) {
    length = first;
    valueStart = offset + 2;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerError(`indefinite length at offset ${offset}`);
    if (count > 4) throw new DerError(`length of ${count} bytes at offset ${offset}`);
    if (offset + 2 + count > limit) throw new DerError(`truncated length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[offset + 2 + i]!;
    valueStart = offset + 2 + count;
  }
  const end = valueStart + length;
  if (end > limit) throw new DerError(`element at offset ${offset} runs past the end of its container`);
  return { tag, start: offset, valueStart, end };
}

/** The elements inside a constructed element, in order. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.valueStart; at < parent.end;) {
    const child = readTlv(buf, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The value bytes of an element (a view, not a copy). */
export const valueOf = (buf: Uint8Array, tlv: Tlv): Buffer =>
  Buffer.from(buf.buffer, buf.byteOffset + tlv.valueStart, tlv.end - tlv.valueStart);

/** The whole encoding of an element (a view, not a copy). */
export const encodingOf = (buf: Uint8Array, tlv: Tlv): Buffer =>
  Buffer.from(buf.buffer, buf.byteOffset + tlv.start, tlv.end - tlv.start);

/** Splits DER structures written back to back (e.g. `cat a.der b.der`). Each must be a SEQUENCE. */
export function splitConcatenated(buf: Uint8Array): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < buf.length;) {
    const tlv = readTlv(buf, at);
    if (tlv.tag !== TAG.SEQUENCE) throw new DerError(`element ${out.length + 1} is not a SEQUENCE`);
    out.push(encodingOf(buf, tlv));
    at = tlv.end;
  }
  return out;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  CONTEXT_0: 0xa0,
} as const;

/** Dotted form of an OBJECT IDENTIFIER's value bytes. */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw new DerError("empty OBJECT IDENTIFIER");
  const arcs: number[] = [];
  let acc = 0;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i]!;
    if (acc > 2 ** 45) throw new DerError("OBJECT IDENTIFIER arc too large");
    acc = acc * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) {
        const firstArc = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        arcs.push(firstArc, acc - firstArc * 40);
      } else {
        arcs.push(acc);
      }
      acc = 0;
    } else if (i === value.length - 1) {
      throw new DerError("truncated OBJECT IDENTIFIER");
    }
  }
  return arcs.join(".");
}

/** A non-negative INTEGER that fits in a JavaScript number exactly. */
export function decodeSmallInteger(value: Uint8Array): number {
  if (value.length === 0 || value.length > 6) throw new DerError("INTEGER out of range");
  if ((value[0]! & 0x80) !== 0) throw new DerError("negative INTEGER");
  let n = 0;
  for (const byte of value) n = n * 256 + byte;
  return n;
}

/** Reads `buf` as exactly one element with the expected tag. */
export function readWhole(buf: Uint8Array, tag: number): Tlv {
  const tlv = readTlv(buf, 0);
  if (tlv.tag !== tag)
    throw new DerError(`expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  if (tlv.end !== buf.length) throw new DerError("trailing bytes after the element");
  return tlv;
}

/**
 * The contents of an OCTET STRING in BER: primitive, or constructed from segments, with definite or
 * indefinite lengths (PKCS#12 files exported by Windows and Java are BER).
 */
export function berOctetString(buf: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  const end = readOctetSegments(buf, 0, buf.length, parts, 0);
  if (end !== buf.length) throw new DerError("trailing bytes after the OCTET STRING");
  return Buffer.concat(parts);
}

function readOctetSegments(
  buf: Uint8Array,
  offset: number,
  limit: number,
  parts: Buffer[],
  depth: number,
): number {
  if (depth > 8) throw new DerError("OCTET STRING segments nested too deeply");
  if (offset + 2 > limit) throw new DerError(`truncated OCTET STRING at offset ${offset}`);
  const tag = buf[offset];
  if (tag === TAG.OCTET_STRING) {
    const tlv = readTlv(buf, offset, limit);
    parts.push(valueOf(buf, tlv));
    return tlv.end;
  }
  if (tag !== CONSTRUCTED_OCTET_STRING) throw new DerError(`expected an OCTET STRING at offset ${offset}`);
  if (buf[offset + 1] === 0x80) {
    for (let at = offset + 2; ;) {
      if (at + 2 > limit) throw new DerError("OCTET STRING without end-of-contents");
      if (buf[at] === 0 && buf[at + 1] === 0) return at + 2;
      at = readOctetSegments(buf, at, limit, parts, depth + 1);
    }
  }
  const tlv = readTlv(buf, offset, limit);
  let at = tlv.valueStart;
  while (at < tlv.end) at = readOctetSegments(buf, at, tlv.end, parts, depth + 1);
  return tlv.end;
}

const CONSTRUCTED_OCTET_STRING = 0x24;
