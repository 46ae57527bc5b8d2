/**
 * A strict JSON (RFC 8259) parser that keeps where every value starts and ends, so policy errors can
 * say "line 4, column 17", evaluation results can carry statement positions (as IAM's
 * `SimulatePrincipalPolicy` does), duplicate keys are visible (`JSON.parse` silently keeps the last),
 * and numbers keep their exact text. Nesting depth is bounded.
 */

interface NodeBase {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just after the last character. */
  readonly end: number;
}

/** A member of an object, in document order. */
export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly value: JsonNode;
}

/** A parsed JSON value with its source range. */
export type JsonNode =
  | (NodeBase & { readonly kind: "object"; readonly members: readonly JsonMember[] })
  | (NodeBase & { readonly kind: "array"; readonly items: readonly JsonNode[] })
  | (NodeBase & { readonly kind: "string"; readonly value: string })
  | (NodeBase & { readonly kind: "number"; readonly raw: string })
  | (NodeBase & { readonly kind: "boolean"; readonly value: boolean })
  | (NodeBase & { readonly kind: "null" });

/** A 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Thrown by {@link parseJsonSource}; `offset` is where the problem was found. */
export class JsonSyntaxError extends Error {
  override readonly name = "JsonSyntaxError";
  constructor(
    readonly detail: string,
    readonly offset: number,
    readonly position: SourcePosition,
  ) {
    super(`invalid JSON at line ${position.line}, column ${position.column}: ${detail}`);
  }
}

/** Maps offsets to line/column, computed once per document. */
export class LineIndex {
  readonly #starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }
  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.#starts[lo] as number) + 1 };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses `text` as one JSON value (surrounding whitespace allowed).
 *
 * @throws JsonSyntaxError with the offset and line/column of the problem.
 * @example
 * const node = parseJsonSource('{"a": [1, "x"]}');
 * node.kind === "object" && node.members[0]?.key === "a"; // true
 */
export function parseJsonSource(text: string, maxDepth = 32): JsonNode {
  let i = 0;
  let lines: LineIndex | undefined;
  const fail = (detail: string, at = i): never => {
    lines ??= new LineIndex(text);
    throw new JsonSyntaxError(detail, at, lines.position(at));
  };
  const describe = (at: number): string => (at >= text.length ? "end of input" : JSON.stringify(text[at]));
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const str = (): string => {
    // i is at the opening quote
    let out = "";
    let runStart = ++i;
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(runStart, i);
        i++;
        return out;
      }
      if (c < 0x20) fail("control character in string (escape it)");
      if (c !== 92) {
        i++;
        continue;
      }
      out += text.slice(runStart, i);
      const e = text[i + 1];
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape", i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          fail(`invalid escape \\${e ?? ""}`, i);
      }
      i += 2;
      runStart = i;
    }
  };
  const value = (depth: number): JsonNode => {
    if (depth > maxDepth) fail(`nesting deeper than ${maxDepth} levels`);
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { kind: "object", start, end: i, members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a string key, found ${describe(i)}`);
        const keyStart = i;
        const key = str();
        ws();
        if (text[i] !== ":") fail(`expected ":" after key ${JSON.stringify(key)}, found ${describe(i)}`);
        i++;
        members.push({ key, keyStart, value: value(depth + 1) });
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return { kind: "object", start, end: i, members };
        }
        fail(`expected "," or "}", found ${describe(i)}`);
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { kind: "array", start, end: i, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return { kind: "array", start, end: i, items };
        }
        fail(`expected "," or "]", found ${describe(i)}`);
      }
    }
    if (c === '"') {
      const v = str();
      return { kind: "string", start, end: i, value: v };
    }
    if (text.startsWith("true", i)) {
      i += 4;
      return { kind: "boolean", start, end: i, value: true };
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return { kind: "boolean", start, end: i, value: false };
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return { kind: "null", start, end: i };
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) {
      i += m[0].length;
      return { kind: "number", start, end: i, raw: m[0] };
    }
    return fail(`expected a value, found ${describe(i)}`);
  };
  const root = value(0);
  ws();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
  return root;
}

/** The plain JavaScript value of a node (numbers via `Number`). */
export function toJsonValue(node: JsonNode): unknown {
  switch (node.kind) {
    case "object": {
      const o: Record<string, unknown> = {};
      for (const m of node.members) o[m.key] = toJsonValue(m.value);
      return o;
    }
    case "array":
      return node.items.map(toJsonValue);
    case "string":
    case "boolean":
      return node.value;
    case "number":
      return Number(node.raw);
    case "null":
      return null;
  }
}

/** Compact JSON text of a node; numbers keep their original text, members their order. */
export function formatJsonNode(node: JsonNode): string {
  switch (node.kind) {
    case "object":
      return `{${node.members.map((m) => `${JSON.stringify(m.key)}:${formatJsonNode(m.value)}`).join(",")}}`;
    case "array":
      return `[${node.items.map(formatJsonNode).join(",")}]`;
    case "string":
      return JSON.stringify(node.value);
    case "number":
      return node.raw;
    case "boolean":
      return node.value ? "true" : "false";
    case "null":
      return "null";
  }
}
