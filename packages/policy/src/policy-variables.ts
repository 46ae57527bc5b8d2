/**
 * Policy variables (iam-sts.md §1.2; IUG reference_policies_variables.html): `${aws:username}`,
 * `${aws:PrincipalTag/team, 'default'}`, and the fixed `${*}`, `${?}`, `${$}` that stand for a literal
 * `*`, `?`, `$`. Only in policies with `"Version": "2012-10-17"`; otherwise the text is literal.
 */
import { appendGlob, appendLiteral, type Glob, type GlobToken } from "./glob.js";
import { quoteInput } from "./quote-input.js";
import { singleValue, type RequestContext } from "./request-context.js";

/** A `${key}` or `${key, 'default'}` reference. */
export interface VariableRef {
  /** The key as written, e.g. `aws:PrincipalTag/team`. */
  readonly name: string;
  /** The key lower-cased for lookup (key names are case-insensitive). */
  readonly key: string;
  /** The default used when the key is absent or multivalued, if one was given. */
  readonly fallback: string | undefined;
}

/** A piece of a template: text as written, a literal special character, or a variable. */
export type TemplatePart = string | { readonly literal: "*" | "?" | "$" } | VariableRef;

/** A string that may contain policy variables, split into parts. */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** True when at least one part is a variable that needs the request context. */
  readonly hasVariables: boolean;
}

/** Thrown by {@link parseTemplate} for a malformed `${…}`. */
export class PolicyVariableSyntaxError extends Error {
  override readonly name = "PolicyVariableSyntaxError";
}

const VARIABLE_KEY = /^[A-Za-z0-9_.-]+:[^${}',]+$/;

/**
 * Splits `source` into text and variables. With `variablesEnabled` false (Version absent or
 * 2008-10-17) the whole string is one literal text part.
 *
 * @throws PolicyVariableSyntaxError for `${` without `}`, an empty `${}`, a key without a
 *   `vendor:` prefix, or a badly quoted default.
 */
export function parseTemplate(source: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !source.includes("${")) {
    return { source, parts: source.length > 0 ? [source] : [], hasVariables: false };
  }
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  let text = "";
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf("${", i);
    if (open < 0) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, open);
    const body = readVariableBody(source, open);
    if (body.inner === "*" || body.inner === "?" || body.inner === "$") {
      if (text) parts.push(text);
      text = "";
      parts.push({ literal: body.inner });
    } else {
      if (text) parts.push(text);
      text = "";
      parts.push(parseReference(body.inner, source));
      hasVariables = true;
    }
    i = body.end;
  }
  if (text) parts.push(text);
  return { source, parts, hasVariables };
}

function readVariableBody(source: string, open: number): { inner: string; end: number } {
  // A default value is quoted and may itself contain "}", so scan quotes.
  let inQuote = false;
  for (let j = open + 2; j < source.length; j++) {
    const c = source[j];
    if (c === "'") inQuote = !inQuote;
    else if (c === "}" && !inQuote) return { inner: source.slice(open + 2, j), end: j + 1 };
  }
  throw new PolicyVariableSyntaxError(`unterminated policy variable in ${quoteInput(source)} (missing "}")`);
}

function parseReference(inner: string, source: string): VariableRef {
  const comma = inner.indexOf(",");
  const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  if (name.length === 0)
    throw new PolicyVariableSyntaxError(`empty policy variable "\${}" in ${quoteInput(source)}`);
  if (!VARIABLE_KEY.test(name)) {
    throw new PolicyVariableSyntaxError(
      `policy variable "\${${name}}" in ${quoteInput(source)} must name a condition key with a vendor prefix, e.g. \${aws:username}`,
    );
  }
  let fallback: string | undefined;
  if (comma >= 0) {
    const rest = inner.slice(comma + 1).trim();
    if (rest.length < 2 || !rest.startsWith("'") || !rest.endsWith("'")) {
      throw new PolicyVariableSyntaxError(
        `default value of policy variable "\${${name}}" in ${quoteInput(source)} must be in single quotes, e.g. \${${name}, 'none'}`,
      );
    }
    fallback = rest.slice(1, -1);
  }
  return { name, key: name.toLowerCase(), fallback };
}

function lookup(ref: VariableRef, ctx: RequestContext): string | undefined {
  return singleValue(ctx.getLower(ref.key)) ?? ref.fallback;
}

/**
 * Resolves a template to plain text. `undefined` when a variable has no value and no default
 * (the caller then treats the policy value as unable to match; iam-sts.md §1.2).
 */
export function resolveText(template: Template, ctx: RequestContext): string | undefined {
  const parts = template.parts;
  if (!template.hasVariables && parts.length <= 1) {
    const only = parts[0];
    return only === undefined ? "" : typeof only === "string" ? only : (only as { literal: string }).literal;
  }
  let s = "";
  for (const part of parts) {
    if (typeof part === "string") s += part;
    else if ("literal" in part) s += part.literal;
    else {
      const v = lookup(part, ctx);
      if (v === undefined) return undefined;
      s += v;
    }
  }
  return s;
}

/** A template compiled for wildcard matching: static tokens precompiled, variables resolved per request. */
export interface GlobTemplate {
  readonly source: string;
  /** The compiled pattern when the template has no variables. */
  readonly glob: Glob | undefined;
  /** Precompiled pieces: token runs and variable references. */
  readonly pieces: readonly (readonly GlobToken[] | VariableRef)[];
}

/** Compiles a template into a {@link GlobTemplate}: text parts keep `*`/`?` as wildcards, variable values are literal. */
export function compileGlobTemplate(template: Template): GlobTemplate {
  const pieces: (GlobToken[] | VariableRef)[] = [];
  let run: GlobToken[] = [];
  for (const part of template.parts) {
    if (typeof part === "string") appendGlob(run, part);
    else if ("literal" in part) appendLiteral(run, part.literal);
    else {
      if (run.length) pieces.push(run);
      run = [];
      pieces.push(part);
    }
  }
  if (run.length || pieces.length === 0) pieces.push(run);
  const glob = template.hasVariables ? undefined : ((pieces[0] as GlobToken[] | undefined) ?? []);
  return { source: template.source, glob, pieces };
}

/** Resolves a {@link GlobTemplate}; `undefined` when a variable cannot be resolved. */
export function resolveGlob(t: GlobTemplate, ctx: RequestContext): Glob | undefined {
  if (t.glob !== undefined) return t.glob;
  const out: GlobToken[] = [];
  for (const piece of t.pieces) {
    if (Array.isArray(piece)) {
      for (const token of piece as readonly GlobToken[]) {
        if (typeof token === "string") appendLiteral(out, token);
        else out.push(token);
      }
    } else {
      const v = lookup(piece as VariableRef, ctx);
      if (v === undefined) return undefined;
      appendLiteral(out, v);
    }
  }
  return out;
}

/** Lower-cases the literal runs of a glob (for case-insensitive matching). */
export function lowerGlob(glob: Glob): Glob {
  return glob.map((t) => (typeof t === "string" ? t.toLowerCase() : t));
}

/**
 * Splits a template into the six ARN fields at its first five colons (colons inside `${…}` do not
 * count). `undefined` when it does not start with `arn:` or has fewer than five colons.
 */
export function splitTemplateArn(t: Template): Template[] | undefined {
  const fields: TemplatePart[][] = [[]];
  for (const part of t.parts) {
    if (typeof part !== "string") {
      (fields[fields.length - 1] as TemplatePart[]).push(part);
      continue;
    }
    let rest = part;
    while (fields.length < 6) {
      const c = rest.indexOf(":");
      if (c < 0) break;
      if (c > 0) (fields[fields.length - 1] as TemplatePart[]).push(rest.slice(0, c));
      fields.push([]);
      rest = rest.slice(c + 1);
    }
    if (rest) (fields[fields.length - 1] as TemplatePart[]).push(rest);
  }
  if (fields.length < 6) return undefined;
  const first = fields[0] as TemplatePart[];
  if (first.length !== 1 || first[0] !== "arn") return undefined;
  return fields.map((parts) => ({
    source: parts
      .map((p) => (typeof p === "string" ? p : "literal" in p ? "${" + p.literal + "}" : "${" + p.name + "}"))
      .join(""),
    parts,
    hasVariables: parts.some((p) => typeof p !== "string" && !("literal" in p)),
  }));
}
