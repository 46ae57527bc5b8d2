/**
 * The condition operators (iam-sts.md §2.2; IUG reference_policies_elements_condition_operators.html):
 * one registry entry per base operator; `IfExists` and `ForAllValues:` / `ForAnyValue:` are modifiers
 * parsed by {@link parseOperatorName} and applied in `condition.ts`.
 */
import { splitArn } from "./arn.js";
import { parseDateValue } from "./date-value.js";
import { matchGlob } from "./glob.js";
import { ipInBlock, parseIpAddress, parseIpBlock, type IpBlock } from "./ip-address.js";
import { memoize } from "./memo.js";
import {
  compileGlobTemplate,
  parseTemplate,
  PolicyVariableSyntaxError,
  resolveGlob,
  resolveText,
  splitTemplateArn,
  type GlobTemplate,
  type Template,
} from "./policy-variables.js";
import type { RequestContext } from "./request-context.js";
import { quoteInput } from "./quote-input.js";
import { didYouMean } from "./suggest.js";

/** Operator families. */
export type OperatorFamily = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "IpAddress" | "Arn" | "Null";

/**
 * Result of testing one request value against all policy values of a condition:
 * `1` some policy value matches, `0` none does, `-1` cannot be evaluated (the request value does not
 * parse for this operator, or — under a negated operator — a policy variable has no value).
 */
export type MatchResult = 1 | 0 | -1;

/** The compiled policy values of one operator/key pair. */
export interface ValueSet {
  match(requestValue: string, ctx: RequestContext): MatchResult;
}

/** A base operator (without modifiers). */
export interface BaseOperator {
  readonly name: string;
  readonly family: OperatorFamily;
  /** Negated operators (StringNotEquals, NotIpAddress, …) are true for an absent key (iam-sts.md §2.3). */
  readonly negated: boolean;
  /** Whether policy variables are substituted in the values (String, Arn and Bool families). */
  readonly variables: boolean;
  /** Compiles the policy values, or returns why the first bad value is bad. */
  compile(values: readonly string[], variablesEnabled: boolean): ValueSet | string;
}

// ---------------------------------------------------------------------------------------------
// String

function templates(values: readonly string[], variablesEnabled: boolean): Template[] | string {
  const out: Template[] = [];
  for (const v of values) {
    try {
      out.push(parseTemplate(v, variablesEnabled));
    } catch (e) {
      if (e instanceof PolicyVariableSyntaxError) return e.message;
      throw e;
    }
  }
  return out;
}

function stringEquals(name: string, negated: boolean, ignoreCase: boolean): BaseOperator {
  return {
    name,
    family: "String",
    negated,
    variables: true,
    compile(values, variablesEnabled) {
      const ts = templates(values, variablesEnabled);
      if (typeof ts === "string") return ts;
      const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
      const statics = new Set(ts.filter((t) => !t.hasVariables).map((t) => norm(resolveStatic(t))));
      const dynamic = ts.filter((t) => t.hasVariables);
      return {
        match(v, ctx) {
          const x = norm(v);
          if (statics.has(x)) return 1;
          let unresolved = false;
          for (const t of dynamic) {
            const r = resolveText(t, ctx);
            if (r === undefined) unresolved = true;
            else if (norm(r) === x) return 1;
          }
          return unresolved && negated ? -1 : 0;
        },
      };
    },
  };
}

function resolveStatic(t: Template): string {
  let s = "";
  for (const p of t.parts) s += typeof p === "string" ? p : (p as { literal: string }).literal;
  return s;
}

function globValueSet(patterns: readonly GlobTemplate[], negated: boolean): ValueSet {
  return {
    match(v, ctx) {
      let unresolved = false;
      for (const t of patterns) {
        const g = resolveGlob(t, ctx);
        if (g === undefined) unresolved = true;
        else if (matchGlob(g, v)) return 1;
      }
      return unresolved && negated ? -1 : 0;
    },
  };
}

function stringLike(name: string, negated: boolean): BaseOperator {
  return {
    name,
    family: "String",
    negated,
    variables: true,
    compile(values, variablesEnabled) {
      const ts = templates(values, variablesEnabled);
      if (typeof ts === "string") return ts;
      return globValueSet(ts.map(compileGlobTemplate), negated);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Numeric and Date

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a numeric condition value (integer or decimal); `undefined` when it is not a number. */
export function parseNumericValue(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

type Compare = (request: number, policy: number) => boolean;

function ordered(
  name: string,
  family: "Numeric" | "Date",
  negated: boolean,
  compare: Compare,
  parse: (s: string) => number | undefined,
  what: string,
): BaseOperator {
  const parseRequest = family === "Date" ? parseRequestDate : parse;
  return {
    name,
    family,
    negated,
    variables: false,
    compile(values) {
      const nums: number[] = [];
      for (const v of values) {
        const n = parse(v);
        if (n === undefined) return `${quoteInput(v)} is not ${what}`;
        nums.push(n);
      }
      return {
        match(v: string): MatchResult {
          const x = parseRequest(v);
          if (x === undefined) return -1;
          for (const p of nums) if (compare(x, p)) return 1;
          return 0;
        },
      };
    },
  };
}

const parseRequestDate = memoize(parseDateValue);
const parseRequestIp = memoize(parseIpAddress);

const NUMERIC_WHAT = "a number (integer or decimal)";
const DATE_WHAT = "a valid date (use ISO 8601 such as 2024-01-01T00:00:00Z, or epoch seconds)";
const eq: Compare = (a, b) => a === b;
const lt: Compare = (a, b) => a < b;
const le: Compare = (a, b) => a <= b;
const gt: Compare = (a, b) => a > b;
const ge: Compare = (a, b) => a >= b;

// ---------------------------------------------------------------------------------------------
// Bool, Binary, IpAddress

function parseBool(s: string): boolean | undefined {
  const l = s.toLowerCase();
  return l === "true" ? true : l === "false" ? false : undefined;
}

const boolOperator: BaseOperator = {
  name: "Bool",
  family: "Bool",
  negated: false,
  variables: true,
  compile(values, variablesEnabled) {
    const ts = templates(values, variablesEnabled);
    if (typeof ts === "string") return ts;
    const statics: boolean[] = [];
    for (const t of ts) {
      if (t.hasVariables) continue;
      const b = parseBool(resolveStatic(t));
      if (b === undefined) return `${quoteInput(t.source)} is not "true" or "false"`;
      statics.push(b);
    }
    const dynamic = ts.filter((t) => t.hasVariables);
    return {
      match(v, ctx) {
        const x = parseBool(v);
        if (x === undefined) return -1;
        if (statics.includes(x)) return 1;
        for (const t of dynamic) {
          const r = resolveText(t, ctx);
          if (r !== undefined && parseBool(r) === x) return 1;
        }
        return 0;
      },
    };
  },
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const binaryEquals: BaseOperator = {
  name: "BinaryEquals",
  family: "Binary",
  negated: false,
  variables: false,
  compile(values) {
    const bufs: Buffer[] = [];
    for (const v of values) {
      if (!BASE64.test(v))
        return `${quoteInput(v)} is not base64 (BinaryEquals compares base64-encoded bytes)`;
      bufs.push(Buffer.from(v, "base64"));
    }
    return {
      match(v: string): MatchResult {
        if (!BASE64.test(v)) return -1;
        const x = Buffer.from(v, "base64");
        for (const b of bufs) if (b.equals(x)) return 1;
        return 0;
      },
    };
  },
};

function ipOperator(name: string, negated: boolean): BaseOperator {
  return {
    name,
    family: "IpAddress",
    negated,
    variables: false,
    compile(values) {
      const blocks: IpBlock[] = [];
      for (const v of values) {
        const b = parseIpBlock(v);
        if (!b)
          return `${quoteInput(v)} is not a valid IPv4 or IPv6 address or CIDR block (e.g. 203.0.113.0/24, 2001:db8::/32)`;
        blocks.push(b);
      }
      return {
        match(v: string): MatchResult {
          const a = parseRequestIp(v);
          if (!a) return -1;
          for (const b of blocks) if (ipInBlock(a, b)) return 1;
          return 0;
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Arn

function arnOperator(name: string, negated: boolean): BaseOperator {
  return {
    name,
    family: "Arn",
    negated,
    variables: true,
    compile(values, variablesEnabled) {
      const ts = templates(values, variablesEnabled);
      if (typeof ts === "string") return ts;
      const patterns: GlobTemplate[][] = [];
      for (const t of ts) {
        const fields = splitTemplateArn(t);
        if (!fields) {
          return `${quoteInput(t.source)} is not an ARN (arn:partition:service:region:account:resource); to match plain strings use StringLike`;
        }
        patterns.push(fields.map(compileGlobTemplate));
      }
      return {
        match(v, ctx) {
          const f = splitArn(v);
          if (!f) return -1;
          let unresolved = false;
          next: for (const p of patterns) {
            for (let i = 0; i < 6; i++) {
              const g = resolveGlob(p[i] as GlobTemplate, ctx);
              if (g === undefined) {
                unresolved = true;
                continue next;
              }
              if (!matchGlob(g, f[i] as string)) continue next;
            }
            return 1;
          }
          return unresolved && negated ? -1 : 0;
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Null (evaluated specially in condition.ts: it tests presence, not values)

const nullOperator: BaseOperator = {
  name: "Null",
  family: "Null",
  negated: false,
  variables: false,
  compile(values) {
    for (const v of values) {
      if (parseBool(v) === undefined)
        return `${quoteInput(v)} is not "true" (key absent) or "false" (key present)`;
    }
    return { match: (): MatchResult => 0 };
  },
};

// ---------------------------------------------------------------------------------------------
// Registry

/** Every base operator by name (case-sensitive). */
export const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  [
    stringEquals("StringEquals", false, false),
    stringEquals("StringNotEquals", true, false),
    stringEquals("StringEqualsIgnoreCase", false, true),
    stringEquals("StringNotEqualsIgnoreCase", true, true),
    stringLike("StringLike", false),
    stringLike("StringNotLike", true),
    ordered("NumericEquals", "Numeric", false, eq, parseNumericValue, NUMERIC_WHAT),
    ordered("NumericNotEquals", "Numeric", true, eq, parseNumericValue, NUMERIC_WHAT),
    ordered("NumericLessThan", "Numeric", false, lt, parseNumericValue, NUMERIC_WHAT),
    ordered("NumericLessThanEquals", "Numeric", false, le, parseNumericValue, NUMERIC_WHAT),
    ordered("NumericGreaterThan", "Numeric", false, gt, parseNumericValue, NUMERIC_WHAT),
    ordered("NumericGreaterThanEquals", "Numeric", false, ge, parseNumericValue, NUMERIC_WHAT),
    ordered("DateEquals", "Date", false, eq, parseDateValue, DATE_WHAT),
    ordered("DateNotEquals", "Date", true, eq, parseDateValue, DATE_WHAT),
    ordered("DateLessThan", "Date", false, lt, parseDateValue, DATE_WHAT),
    ordered("DateLessThanEquals", "Date", false, le, parseDateValue, DATE_WHAT),
    ordered("DateGreaterThan", "Date", false, gt, parseDateValue, DATE_WHAT),
    ordered("DateGreaterThanEquals", "Date", false, ge, parseDateValue, DATE_WHAT),
    boolOperator,
    binaryEquals,
    ipOperator("IpAddress", false),
    ipOperator("NotIpAddress", true),
    arnOperator("ArnEquals", false),
    arnOperator("ArnLike", false),
    arnOperator("ArnNotEquals", true),
    arnOperator("ArnNotLike", true),
    nullOperator,
  ].map((op) => [op.name, op]),
);

/** Set qualifiers (iam-sts.md §2.4). */
export type SetQualifier = "ForAllValues" | "ForAnyValue";

/** A parsed operator name such as `ForAnyValue:StringLikeIfExists`. */
export interface OperatorName {
  readonly name: string;
  readonly base: BaseOperator;
  readonly set: SetQualifier | undefined;
  readonly ifExists: boolean;
}

const ALL_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const base of BASE_OPERATORS.keys()) {
    const variants = base === "Null" ? [base] : [base, `${base}IfExists`];
    for (const v of variants) {
      names.push(v);
      if (base !== "Null") names.push(`ForAllValues:${v}`, `ForAnyValue:${v}`);
    }
  }
  return names;
})();

/** Every valid operator name (base × IfExists × set qualifiers), for documentation and suggestions. */
export function operatorNames(): readonly string[] {
  return ALL_NAMES;
}

/**
 * Parses a condition operator name, or returns an error message with a suggestion.
 *
 * @example
 * parseOperatorName("ForAllValues:StringLikeIfExists"); // { base: StringLike, set: "ForAllValues", ifExists: true, … }
 * parseOperatorName("StringEqual"); // 'Condition operator "StringEqual" is not valid; did you mean "StringEquals"?'
 */
export function parseOperatorName(name: string): OperatorName | string {
  let rest = name;
  let set: SetQualifier | undefined;
  if (rest.startsWith("ForAllValues:")) {
    set = "ForAllValues";
    rest = rest.slice("ForAllValues:".length);
  } else if (rest.startsWith("ForAnyValue:")) {
    set = "ForAnyValue";
    rest = rest.slice("ForAnyValue:".length);
  }
  let ifExists = false;
  let base = BASE_OPERATORS.get(rest);
  if (!base && rest.endsWith("IfExists")) {
    base = BASE_OPERATORS.get(rest.slice(0, -"IfExists".length));
    ifExists = base !== undefined;
  }
  if (!base) return `Condition operator ${quoteInput(name)} is not valid${didYouMean(name, ALL_NAMES)}`;
  if (base.name === "Null" && ifExists) {
    return `Condition operator ${quoteInput(name)} is not valid: IfExists cannot be used with Null (Null itself tests whether the key exists)`;
  }
  if (base.name === "Null" && set) {
    return `Condition operator ${quoteInput(name)} is not valid: ${set}: cannot be used with Null`;
  }
  return { name, base, set, ifExists };
}
