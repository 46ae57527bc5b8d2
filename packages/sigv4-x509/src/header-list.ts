import { X509RequestError } from "./errors.js";

/** HTTP headers as `[name, value]` pairs in wire order; names in any case, duplicates kept. */
export type HeaderList = readonly (readonly [string, string])[];

/**
 * Headers in any of the shapes a server has at hand: `[name, value]` pairs, node's flat
 * `IncomingMessage.rawHeaders` (`[name, value, name, value, ...]`), or a record keyed by lower-case
 * name (node's `IncomingMessage.headers`; note node joins or drops duplicates there, so pass raw
 * pairs when duplicates must be detected).
 */
export type HeaderInput =
  HeaderList | readonly string[] | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Normalises a {@link HeaderInput} into `[name, value]` pairs. */
export function toHeaderList(input: HeaderInput): [string, string][] {
  if (Array.isArray(input)) {
    const items: readonly unknown[] = input;
    if (items.every((item): item is string => typeof item === "string")) {
      if (items.length % 2 !== 0) {
        throw new TypeError(`raw headers must alternate name and value; got ${items.length} strings`);
      }
      const pairs: [string, string][] = [];
      for (let i = 0; i < items.length; i += 2) pairs.push([items[i] as string, items[i + 1] as string]);
      return pairs;
    }
    return (input as HeaderList).map(([name, value]) => [name, value]);
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(
    input as Readonly<Record<string, string | readonly string[] | undefined>>,
  )) {
    if (value === undefined) continue;
    if (typeof value === "string") pairs.push([name, value]);
    else for (const v of value) pairs.push([name, v]);
  }
  return pairs;
}

/** Every value of the header `lowerName` (case-insensitive match), in order. */
export function headerValues(headers: HeaderList, lowerName: string): string[] {
  const out: string[] = [];
  for (const [name, value] of headers) if (name.toLowerCase() === lowerName) out.push(value);
  return out;
}

/** True when the header `lowerName` is present. */
export function hasHeader(headers: HeaderList, lowerName: string): boolean {
  return headers.some(([name]) => name.toLowerCase() === lowerName);
}

/** Every header's values by lower-case name, in wire order (one pass instead of one per lookup). */
export type HeaderIndex = ReadonlyMap<string, readonly string[]>;

/** Indexes `headers` by lower-case name; `index.get(name) ?? []` equals `headerValues(headers, name)`. */
export function indexHeaders(headers: HeaderList): HeaderIndex {
  const index = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    const values = index.get(lower);
    if (values === undefined) index.set(lower, [value]);
    else values.push(value);
  }
  return index;
}

/**
 * The single value of header `lowerName`, or undefined when absent.
 *
 * @throws X509RequestError `DuplicateHeader` when it appears more than once.
 */
export function singleHeader(headers: HeaderList, lowerName: string, wireName: string): string | undefined {
  return onlyValue(headerValues(headers, lowerName), wireName);
}

/**
 * {@link singleHeader} on an index.
 *
 * @throws X509RequestError `DuplicateHeader` when it appears more than once.
 */
export function singleIndexedHeader(
  index: HeaderIndex,
  lowerName: string,
  wireName: string,
): string | undefined {
  return onlyValue(index.get(lowerName) ?? [], wireName);
}

function onlyValue(values: readonly string[], wireName: string): string | undefined {
  if (values.length > 1) {
    throw new X509RequestError(
      "DuplicateHeader",
      `the request carries ${values.length} ${wireName} headers; send exactly one`,
    );
  }
  return values[0];
}
