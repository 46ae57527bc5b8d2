// The simulator's ContextEntries (every ContextKeyType of the IAM model) as a request context:
// scalar types take exactly one value, list types any number; values are checked for their type
// so that a typo is an InvalidInput naming the key, not a silently false condition.
import { isIP } from "node:net";
import type { ContextMap, ContextValue } from "@anchorage/policy";
import type { ContextEntry, ContextKeyTypeEnum } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";

type Scalar = "string" | "numeric" | "boolean" | "ip" | "binary" | "date";

const SCALAR_OF: Record<ContextKeyTypeEnum, Scalar> = {
  string: "string",
  stringList: "string",
  numeric: "numeric",
  numericList: "numeric",
  boolean: "boolean",
  booleanList: "boolean",
  ip: "ip",
  ipList: "ip",
  binary: "binary",
  binaryList: "binary",
  date: "date",
  dateList: "date",
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

function validIp(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash < 0) return isIP(value) !== 0;
  const family = isIP(value.slice(0, slash));
  const bits = value.slice(slash + 1);
  return family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The value as the evaluator wants it, or undefined when it is not of the type. */
function normalise(scalar: Scalar, value: string): string | undefined {
  switch (scalar) {
    case "string":
      return value;
    case "numeric":
      return NUMBER.test(value) ? value : undefined;
    case "boolean": {
      const lower = value.toLowerCase();
      return lower === "true" || lower === "false" ? lower : undefined;
    }
    case "ip":
      return validIp(value) ? value : undefined;
    case "binary":
      return value.length > 0 && BASE64.test(value) ? value : undefined;
    case "date":
      return /^\d+(\.\d+)?$/.test(value) || (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)))
        ? value
        : undefined;
  }
}

/** The request context of ContextEntries; InvalidInput for a missing name, a repeated key, or a value not of its type. */
export function contextFromEntries(entries: readonly ContextEntry[] | undefined): ContextMap {
  const out: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  (entries ?? []).forEach((entry, i) => {
    const name = entry.ContextKeyName;
    if (name === undefined || name === "") {
      throw new AnchorageError("InvalidInput", `ContextEntries.member.${i + 1} has no ContextKeyName.`);
    }
    if (seen.has(name.toLowerCase())) {
      throw new AnchorageError(
        "InvalidInput",
        `Context key ${name} is given more than once (context keys are case-insensitive).`,
      );
    }
    seen.add(name.toLowerCase());
    const type: ContextKeyTypeEnum = entry.ContextKeyType ?? "string";
    const scalar = SCALAR_OF[type];
    const values = (entry.ContextKeyValues ?? []).map((value) => {
      const normal = normalise(scalar, value);
      if (normal === undefined) {
        throw new AnchorageError(
          "InvalidInput",
          `Context key ${name} of type ${type} has a value that is not ${scalar === "ip" ? "an IP address or CIDR block" : `a ${scalar} value`}: '${value.slice(0, 100)}'.`,
        );
      }
      return normal;
    });
    if (type.endsWith("List")) out[name] = values;
    else if (values.length === 1) out[name] = values[0] as string;
    else {
      throw new AnchorageError(
        "InvalidInput",
        `Context key ${name} of type ${type} takes exactly one value, got ${values.length}; use the ${type}List type for several.`,
      );
    }
  });
  return out;
}
