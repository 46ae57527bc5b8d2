/**
 * The request context: condition keys and their values, looked up case-insensitively
 * (iam-sts.md §2.1: "Condition key names are case-insensitive"; IUG reference_policies_variables.html:
 * "Key names are case-insensitive").
 */

/** One context value: a single string, or a set of strings for a multivalued key (e.g. `aws:TagKeys`). */
export type ContextValue = string | readonly string[];

/**
 * Context keys as the caller has them, e.g.
 * `{ "aws:SourceIp": "203.0.113.9", "aws:TagKeys": ["team", "env"] }`. Key case does not matter;
 * `undefined` values are treated as absent.
 */
export type ContextMap = Readonly<Record<string, ContextValue | undefined>>;

/** Thrown when a context map cannot be used: two keys differ only in case, or a value is not a string. */
export class InvalidContextError extends TypeError {
  override readonly name = "InvalidContextError";
}

/**
 * A prepared, immutable request context (keys lower-cased once). Build one with
 * {@link createRequestContext} when the same context is evaluated many times (e.g. a trust policy
 * checked for three actions); {@link evaluate} also accepts a plain {@link ContextMap}.
 */
export class RequestContext {
  readonly #values: Map<string, ContextValue>;

  /** @internal use {@link createRequestContext}. */
  constructor(values: Map<string, ContextValue>) {
    this.#values = values;
  }

  /** The value of a key (any case), or `undefined` when absent. */
  get(key: string): ContextValue | undefined {
    return this.#values.get(key.toLowerCase());
  }

  /** Lookup with a key that is already lower-case (hot path of the evaluator). */
  getLower(lowerKey: string): ContextValue | undefined {
    return this.#values.get(lowerKey);
  }

  /** Whether the key (any case) is present. */
  has(key: string): boolean {
    return this.#values.has(key.toLowerCase());
  }

  /** The lower-cased keys present, in insertion order. */
  keys(): IterableIterator<string> {
    return this.#values.keys();
  }
}

/**
 * Prepares a context map: lower-cases the keys, rejects keys that collide case-insensitively and
 * values that are neither strings nor arrays of strings.
 *
 * @example
 * const ctx = createRequestContext({ "aws:SourceArn": anchorArn, "aws:PrincipalTag/x509Subject/CN": "host1" });
 * ctx.get("AWS:sourcearn") === anchorArn; // true
 */
export function createRequestContext(map: ContextMap | RequestContext): RequestContext {
  if (map instanceof RequestContext) return map;
  const values = new Map<string, ContextValue>();
  for (const key in map) {
    if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
    const value = map[key];
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (values.has(lower)) {
      throw new InvalidContextError(
        `context key "${key}" is given twice (context keys are case-insensitive)`,
      );
    }
    if (typeof value !== "string") {
      if (!Array.isArray(value) || !value.every((v: unknown) => typeof v === "string")) {
        throw new InvalidContextError(`context key "${key}" must be a string or an array of strings`);
      }
    }
    values.set(lower, value);
  }
  return new RequestContext(values);
}

/**
 * The single value of a key for use as a policy variable: a string, or a one-element array.
 * Multivalued keys cannot be policy variables (IUG reference_policies_condition-single-vs-multi-valued-context-keys.html).
 */
export function singleValue(value: ContextValue | undefined): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return value.length === 1 ? value[0] : undefined;
}
