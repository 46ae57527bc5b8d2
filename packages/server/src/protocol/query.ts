import { ModelOutputError, ModelSerializationError, QueryRequestError } from "./errors.js";
import { outputList, outputStructure } from "./output-value.js";
import { QUERY_ENVELOPE, SERIALIZATION } from "./messages.js";
import {
  operationOf,
  shapeOf,
  type OperationName,
  type OperationTypes,
  type ServiceModel,
  type StructureShape,
} from "./model.js";
import {
  decodeUtf8Strict,
  type EncodedError,
  type EncodedResponse,
  type ProtocolRequest,
} from "./request.js";
import { formatTextValue, parseTextValue } from "./text-value.js";
import { joinPath, setOwn, validateInput } from "./validate.js";
import { element, escapeXml, isXmlText, toXmlText } from "./xml.js";

/**
 * The Query protocol (IAM, STS): `Action=…&Version=…&<members>` form parameters in, XML out.
 *
 * Parameters name members by path: `RoleName`, `Tags.member.1.Key`, `PolicyArns.member.2.arn`,
 * `ContextEntries.member.1.ContextKeyValues.member.1`, maps as `Attr.entry.1.key` / `.value`
 * (flattened lists and maps drop `member` / `entry`). An empty list is sent as `Tags=`.
 */

/** One decoded Query request: which operation, and its validated input. */
export type QueryDecoded<Ops extends OperationTypes> = {
  [K in OperationName<Ops>]: { readonly operation: K; readonly input: Ops[K]["input"] };
}[OperationName<Ops>];

/**
 * Output members that AWS sends URL-encoded, per service: botocore's `json_decode_policies` handler
 * (`after-call.iam`) URL-decodes then JSON-parses every structure member of shape `policyDocumentType` in an IAM output
 * (Role.AssumeRolePolicyDocument, GetRolePolicy.PolicyDocument, PolicyVersion.Document, …), so IAM
 * must send them `encodeURIComponent`-encoded. The SDK for JavaScript leaves them encoded.
 */
export const URL_ENCODED_OUTPUT_SHAPES: Readonly<Record<string, ReadonlySet<string>>> = {
  iam: new Set(["policyDocumentType"]),
};

/**
 * Reads a Query request: the form-encoded body (POST) and the URL's query string (GET, or presigned
 * POST) together, then decodes it with decodeQueryParams.
 */
export function decodeQueryRequest<Ops extends OperationTypes>(
  model: ServiceModel<Ops>,
  request: ProtocolRequest,
): QueryDecoded<Ops> {
  const pairs: [string, string][] = [...request.query];
  if (request.body.length > 0) {
    const text = decodeUtf8Strict(request.body);
    if (text === undefined) throw new ModelSerializationError(SERIALIZATION.notUtf8Parameter());
    for (const pair of new URLSearchParams(text)) pairs.push(pair);
  }
  return decodeQueryParams(model, pairs);
}

/**
 * Decodes `Action`, `Version` and the operation's members, then validates them.
 * Throws QueryRequestError (`MissingAction`, `InvalidAction`, `MissingParameter`), ModelSerializationError
 * (malformed values, repeated parameters) or ModelValidationError (constraints).
 *
 * @example
 * const { operation, input } = decodeQueryParams(IAM_MODEL, new URLSearchParams(body));
 * if (operation === "CreateRole") input.RoleName; // typed
 */
export function decodeQueryParams<Ops extends OperationTypes>(
  model: ServiceModel<Ops>,
  params: Iterable<readonly [string, string]>,
): QueryDecoded<Ops> {
  const index = new ParamIndex(params);
  const action = index.get("Action");
  if (action === undefined || action === "")
    throw new QueryRequestError("MissingAction", QUERY_ENVELOPE.missingAction());
  const version = index.get("Version");
  if (version === undefined || version === "") {
    throw new QueryRequestError("MissingParameter", QUERY_ENVELOPE.missingVersion());
  }
  const op = operationOf(model, action);
  if (op === undefined || version !== model.metadata.apiVersion) {
    throw new QueryRequestError("InvalidAction", QUERY_ENVELOPE.unknownAction(action, version));
  }
  let input: Record<string, unknown> = {};
  if (op.input !== undefined) {
    input = (readValue(model, index, op.input, "", "", true) as Record<string, unknown> | undefined) ?? {};
    validateInput(model, op.input, input);
  }
  return { operation: action, input } as QueryDecoded<Ops>;
}

const INDEX = /^[1-9]\d{0,8}$/;
/** More `.`-separated segments than any member path of IAM or STS has (at most 6 there). */
const MAX_SEGMENTS = 32;

/** The parameters by name, with the list/map indices under every prefix. */
class ParamIndex {
  private readonly values = new Map<string, string>();
  private readonly indices = new Map<string, Set<number>>();
  private readonly prefixes = new Set<string>();

  constructor(params: Iterable<readonly [string, string]>) {
    for (const [key, value] of params) {
      if (this.values.has(key)) throw new ModelSerializationError(SERIALIZATION.duplicateParameter(key));
      this.values.set(key, value);
      // Deeper keys name no member of any model; indexing them would cost quadratic time and memory.
      const segments = key.split(".", MAX_SEGMENTS + 1);
      if (segments.length > MAX_SEGMENTS) continue;
      let prefix = "";
      for (let j = 1; j < segments.length; j += 1) {
        prefix = j === 1 ? (segments[0] ?? "") : `${prefix}.${segments[j - 1] ?? ""}`;
        this.prefixes.add(prefix);
        const segment = segments[j] ?? "";
        if (INDEX.test(segment)) {
          let set = this.indices.get(prefix);
          if (set === undefined) this.indices.set(prefix, (set = new Set()));
          set.add(Number(segment));
        }
      }
    }
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  /** Whether any parameter lies under `prefix.` */
  has(prefix: string): boolean {
    return this.prefixes.has(prefix);
  }

  indicesUnder(prefix: string): number[] {
    return [...(this.indices.get(prefix) ?? [])].sort((a, b) => a - b);
  }
}

const under = (prefix: string, name: string): string => (prefix === "" ? name : `${prefix}.${name}`);

/** The value of `shapeName` at parameter `prefix`; undefined when nothing was sent for it. */
function readValue(
  model: ServiceModel,
  index: ParamIndex,
  shapeName: string,
  prefix: string,
  path: string,
  forceStructure = false,
): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case "structure": {
      if (!forceStructure && !index.has(prefix)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const value = readValue(
          model,
          index,
          member.shape,
          under(prefix, member.locationName ?? name),
          joinPath(path, name),
        );
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case "list": {
      const itemsPrefix = shape.flattened ? prefix : `${prefix}.${shape.member.locationName ?? "member"}`;
      const found = index.indicesUnder(itemsPrefix);
      if (found.length === 0) return index.get(prefix) === "" ? [] : undefined;
      const item = shapeOf(model, shape.member.shape);
      return found.map((n, i) => {
        const itemPath = `${path}.${i + 1}.member`;
        const value = readValue(
          model,
          index,
          shape.member.shape,
          `${itemsPrefix}.${n}`,
          itemPath,
          item.type === "structure",
        );
        if (value === undefined) {
          throw new ModelSerializationError(
            SERIALIZATION.wrongType(itemPath, `a ${item.type}`, "nothing"),
            itemPath,
          );
        }
        return value;
      });
    }
    case "map": {
      const entriesPrefix = shape.flattened ? prefix : `${prefix}.entry`;
      const found = index.indicesUnder(entriesPrefix);
      if (found.length === 0) return index.get(prefix) === "" ? {} : undefined;
      const keyName = shape.key.locationName ?? "key";
      const valueName = shape.value.locationName ?? "value";
      const out: Record<string, unknown> = {};
      for (const n of found) {
        const entry = `${entriesPrefix}.${n}`;
        const key = index.get(`${entry}.${keyName}`);
        if (key === undefined) {
          throw new ModelSerializationError(
            SERIALIZATION.wrongType(`${path}.${n}.key`, "a key", "nothing"),
            path,
          );
        }
        const value = readValue(model, index, shape.value.shape, `${entry}.${valueName}`, `${path}.${key}`);
        if (value !== undefined) setOwn(out, key, value);
      }
      return out;
    }
    default: {
      const text = index.get(prefix);
      return text === undefined ? undefined : parseTextValue(shape, text, path, "iso8601");
    }
  }
}

/**
 * The XML success response:
 * `<OpResponse xmlns=ns><OpResult>…</OpResult><ResponseMetadata><RequestId>id</RequestId></ResponseMetadata></OpResponse>`
 * (no `<OpResult>` when the operation has no output). Lists are `<member>` elements (or the model's
 * locationName; repeated elements when flattened), timestamps ISO-8601, IAM policy documents URL-encoded.
 * Throws ModelOutputError for a value of the wrong type or one XML cannot carry.
 */
export function encodeQueryOutput<Ops extends OperationTypes, K extends OperationName<Ops>>(
  model: ServiceModel<Ops>,
  operation: K,
  output: Ops[K]["output"],
  requestId: string,
): EncodedResponse {
  const op = operationOf(model, operation);
  if (op === undefined) throw new Error(`${model.service} has no operation ${operation}`);
  const urlEncoded = URL_ENCODED_OUTPUT_SHAPES[model.service] ?? new Set<string>();
  let result = "";
  if (op.output !== undefined) {
    const inner = writeValue(model, op.output, output, "", urlEncoded);
    result = element(op.resultWrapper ?? `${operation}Result`, inner);
  }
  const body =
    `<${operation}Response xmlns="${escapeXml(namespaceOf(model))}">` +
    result +
    element("ResponseMetadata", element("RequestId", escapeXml(requestId))) +
    `</${operation}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

/** What a Query error says: AWS's code and message; `fault` is `Sender` for 4xx, `Receiver` for 5xx. */
export interface QueryErrorBody {
  readonly code: string;
  readonly message: string;
  readonly fault?: "Sender" | "Receiver";
}

/**
 * The XML error response:
 * `<ErrorResponse xmlns=ns><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`.
 * Characters XML cannot carry (a message may quote caller input) become U+FFFD. The HTTP layer supplies the status.
 */
export function encodeQueryError(
  model: ServiceModel,
  error: QueryErrorBody,
  requestId: string,
): EncodedError {
  const text = (s: string): string => escapeXml(toXmlText(s));
  const body =
    `<ErrorResponse xmlns="${escapeXml(namespaceOf(model))}">` +
    element(
      "Error",
      element("Type", error.fault ?? "Sender") +
        element("Code", text(error.code)) +
        element("Message", text(error.message)),
    ) +
    element("RequestId", text(requestId)) +
    "</ErrorResponse>";
  return { headers: { "content-type": "text/xml" }, body };
}

function namespaceOf(model: ServiceModel): string {
  const ns = model.metadata.xmlNamespace;
  if (ns === undefined) throw new Error(`${model.service} has no xmlNamespace; it is not a Query service`);
  return ns;
}

/** The XML content of a value (the inside of its element). */
function writeValue(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string,
  urlEncoded: ReadonlySet<string>,
  urlEncode = false,
): string {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case "structure":
      return writeStructure(model, shape, outputStructure(value, path), path, urlEncoded);
    case "list": {
      const name = shape.member.locationName ?? "member";
      return outputList(value, path)
        .map((item, i) =>
          element(name, writeValue(model, shape.member.shape, item, `${path}.${i + 1}.member`, urlEncoded)),
        )
        .join("");
    }
    case "map":
      return Object.entries(outputStructure(value, path))
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) =>
          element("entry", writeEntry(model, shape.key, shape.value, k, v, `${path}.${k}`, urlEncoded)),
        )
        .join("");
    default: {
      const text = formatTextValue(shape, value, path, "iso8601");
      const wire = urlEncode ? encodeURIComponent(text) : text;
      if (!isXmlText(wire)) throw new ModelOutputError(path, "contains a character XML 1.0 cannot carry");
      return escapeXml(wire);
    }
  }
}

function writeEntry(
  model: ServiceModel,
  keyRef: { readonly shape: string; readonly locationName?: string },
  valueRef: { readonly shape: string; readonly locationName?: string },
  key: string,
  value: unknown,
  path: string,
  urlEncoded: ReadonlySet<string>,
): string {
  return (
    element(keyRef.locationName ?? "key", writeValue(model, keyRef.shape, key, path, urlEncoded)) +
    element(valueRef.locationName ?? "value", writeValue(model, valueRef.shape, value, path, urlEncoded))
  );
}

function writeStructure(
  model: ServiceModel,
  shape: StructureShape,
  value: Record<string, unknown>,
  path: string,
  urlEncoded: ReadonlySet<string>,
): string {
  let out = "";
  for (const [name, member] of Object.entries(shape.members)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const memberPath = joinPath(path, name);
    const elementName = member.locationName ?? name;
    const target = shapeOf(model, member.shape);
    if (target.type === "list" && target.flattened) {
      const itemName = target.member.locationName ?? elementName;
      outputList(v, memberPath).forEach((item, i) => {
        out += element(
          itemName,
          writeValue(model, target.member.shape, item, `${memberPath}.${i + 1}.member`, urlEncoded),
        );
      });
    } else if (target.type === "map" && target.flattened) {
      for (const [k, item] of Object.entries(outputStructure(v, memberPath))) {
        if (item === undefined || item === null) continue;
        out += element(
          elementName,
          writeEntry(model, target.key, target.value, k, item, `${memberPath}.${k}`, urlEncoded),
        );
      }
    } else {
      // Like botocore's handler, only structure members are URL-encoded, not list items.
      out += element(
        elementName,
        writeValue(model, member.shape, v, memberPath, urlEncoded, urlEncoded.has(member.shape)),
      );
    }
  }
  return out;
}
