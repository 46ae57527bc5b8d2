#!/usr/bin/env node
// Generates packages/server/src/generated/{rolesanywhere,iam,sts}.ts from the botocore service models,
// the contract the server is written against. The output is committed (users' machines may lack
// botocore); packages/server/src/generated/generated.test.ts fails when it no longer matches the models.
//
//   node scripts/generate-models.mjs          # (re)write the generated modules
//   node scripts/generate-models.mjs --check  # exit 1 when a committed module differs from the models
//   node scripts/generate-models.mjs --json   # print {botocoreVersion, files} on stdout, write nothing
//
// botocore is found through BOTOCORE_DATA_DIR (its `data` directory) or else by asking python3.
// When it cannot be found the script exits with status 3 (EXIT_NO_BOTOCORE) and says so.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const EXIT_NO_BOTOCORE = 3;

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "packages/server/src/generated");

/** The services the server speaks, with the names their generated modules export. */
export const SERVICES = [
  {
    service: "rolesanywhere",
    version: "2018-05-10",
    typePrefix: "RolesAnywhere",
    constName: "ROLESANYWHERE_MODEL",
  },
  { service: "iam", version: "2010-05-08", typePrefix: "Iam", constName: "IAM_MODEL" },
  { service: "sts", version: "2011-06-15", typePrefix: "Sts", constName: "STS_MODEL" },
];

export class BotocoreNotFound extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "BotocoreNotFound";
  }
}

export class UnsupportedModel extends Error {
  constructor(message) {
    super(
      `${message}; the protocol codecs do not implement it: extend packages/server/src/protocol and this generator`,
    );
    this.name = "UnsupportedModel";
  }
}

// ---------------------------------------------------------------------------------------------
// Locating botocore

/** Returns botocore's `data` directory and release, or throws BotocoreNotFound saying what was tried. */
export function locateBotocore(env = process.env) {
  let dataDir = env.BOTOCORE_DATA_DIR;
  if (dataDir === undefined || dataDir === "") {
    let pkgDir;
    try {
      pkgDir = execFileSync(
        "python3",
        ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      ).trim();
    } catch (cause) {
      throw new BotocoreNotFound(
        "botocore was not found: BOTOCORE_DATA_DIR is not set and `python3 -c 'import botocore'` failed " +
          "(install it with `pip install botocore`, or point BOTOCORE_DATA_DIR at botocore/data)",
        { cause },
      );
    }
    dataDir = join(pkgDir, "data");
  }
  if (!existsSync(dataDir)) throw new BotocoreNotFound(`botocore was not found: ${dataDir} does not exist`);
  return { dataDir, version: botocoreVersion(dataDir, env) };
}

function botocoreVersion(dataDir, env) {
  if (env.BOTOCORE_VERSION) return env.BOTOCORE_VERSION;
  const init = join(dataDir, "..", "__init__.py");
  const match = existsSync(init)
    ? /^__version__\s*=\s*['"]([^'"]+)['"]/m.exec(readFileSync(init, "utf8"))
    : null;
  if (!match) throw new BotocoreNotFound(`cannot read botocore's version from ${init}; set BOTOCORE_VERSION`);
  return match[1];
}

function readModel(dataDir, service, version) {
  const file = join(dataDir, service, version, "service-2.json.gz");
  if (!existsSync(file)) throw new BotocoreNotFound(`botocore has no ${service} ${version} model at ${file}`);
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
}

// ---------------------------------------------------------------------------------------------
// Java regex → JavaScript
//
// botocore patterns are Java regular expressions and AWS applies them to the WHOLE value
// (String.matches): `[\w+=,.@-]*` rejects "a:b" although it matches an empty substring of it.
// The conversion keeps Java's meaning under JavaScript's `u` flag and refuses what it cannot keep.

const JAVA_DOT = String.raw`[^\n\r\u0085\u2028\u2029]`; // Java's `.` also stops at U+0085
const JAVA_SPACE = String.raw`\t\n\x0B\f\r `; // Java's \s is ASCII whitespace only
const SYNTAX_CHARS = "^$\\.*+?()[]{}|/";
const UNICODE_PROPERTIES = new Set([
  "L",
  "Lu",
  "Ll",
  "Lt",
  "Lm",
  "Lo",
  "M",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "S",
  "Z",
  "Zs",
  "C",
]);

/** Converts a Java regex to the source of an equivalent JavaScript regex for the `u` flag. */
export function javaRegexToJs(java) {
  let out = "";
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < java.length;) {
    const c = java[i];
    if (c === "\\") {
      const [text, length] = convertEscape(java, i, inClass);
      out += text;
      i += length;
      classStart = false;
      continue;
    }
    if (inClass) {
      if (c === "[") throw new UnsupportedModel(`pattern ${java}: nested character class (Java class union)`);
      if (c === "&" && java[i + 1] === "&") throw new UnsupportedModel(`pattern ${java}: class intersection`);
      if (c === "]" && classStart) throw new UnsupportedModel(`pattern ${java}: ']' first in a class`);
      if (c === "]") inClass = false;
      out += c === "/" ? "\\/" : c;
      classStart = false;
      i += 1;
      continue;
    }
    if (c === "[") {
      inClass = true;
      classStart = true;
      out += "[";
      i += 1;
      if (java[i] === "^") {
        out += "^";
        i += 1;
      }
      continue;
    }
    if (c === ".") out += JAVA_DOT;
    else if (c === "/") out += "\\/";
    else if (c === "(" && java[i + 1] === "?") {
      const rest = java.slice(i + 2);
      if (!/^(:|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.test(rest)) {
        throw new UnsupportedModel(`pattern ${java}: group construct (?${rest.slice(0, 2)}`);
      }
      out += c;
    } else if ("*+?}".includes(c) && java[i + 1] === "+") {
      throw new UnsupportedModel(`pattern ${java}: possessive quantifier`);
    } else out += c;
    i += 1;
  }
  if (inClass) throw new UnsupportedModel(`pattern ${java}: unterminated character class`);
  return out;
}

function convertEscape(java, i, inClass) {
  const n = java[i + 1];
  if (n === undefined) throw new UnsupportedModel(`pattern ${java}: trailing backslash`);
  if (n === "u") {
    const hex = java.slice(i + 2, i + 6);
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new UnsupportedModel(`pattern ${java}: bad \\u escape`);
    return [`\\u${hex}`, 6];
  }
  if (n === "x") {
    const hex = java.slice(i + 2, i + 4);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new UnsupportedModel(`pattern ${java}: bad \\x escape`);
    return [`\\x${hex}`, 4];
  }
  if (n === "p" || n === "P") {
    let name;
    let length;
    if (java[i + 2] === "{") {
      const end = java.indexOf("}", i + 3);
      if (end < 0) throw new UnsupportedModel(`pattern ${java}: unterminated \\p{`);
      name = java.slice(i + 3, end);
      length = end + 1 - i;
    } else {
      name = java[i + 2];
      length = 3;
    }
    if (!UNICODE_PROPERTIES.has(name)) throw new UnsupportedModel(`pattern ${java}: property \\p{${name}}`);
    return [`\\${n}{${name}}`, length];
  }
  if ("dDwW".includes(n)) return [`\\${n}`, 2];
  if (n === "s") return [inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`, 2];
  if (n === "S") {
    if (inClass) throw new UnsupportedModel(`pattern ${java}: \\S inside a class`);
    return [`[^${JAVA_SPACE}]`, 2];
  }
  if ("tnrf".includes(n)) return [`\\${n}`, 2];
  if ((n === "b" || n === "B") && !inClass) return [`\\${n}`, 2];
  if (SYNTAX_CHARS.includes(n)) return [`\\${n}`, 2];
  if (n === "-") return [inClass ? "\\-" : "-", 2];
  if (/[A-Za-z0-9]/.test(n)) throw new UnsupportedModel(`pattern ${java}: escape \\${n}`);
  // Java lets any other punctuation be escaped; under `u` JavaScript does not: the literal is meant.
  return [n, 2];
}

/** Compiles a Java pattern with AWS's whole-value semantics; throws when it is not convertible. */
export function compilePattern(java) {
  const source = `^(?:${javaRegexToJs(java)})$`;
  try {
    return new RegExp(source, "u");
  } catch (cause) {
    throw new UnsupportedModel(
      `pattern ${java} converts to ${source}, which does not compile: ${cause.message}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Model → compact tables

const SHAPE_KEYS = {
  common: new Set(["type", "documentation", "sensitive", "box", "deprecated", "deprecatedMessage"]),
  structure: new Set(["members", "required", "union", "exception", "error", "fault"]),
  list: new Set(["member", "min", "max", "flattened"]),
  map: new Set(["key", "value", "min", "max", "flattened"]),
  string: new Set(["min", "max", "pattern", "enum"]),
  integer: new Set(["min", "max"]),
  long: new Set(["min", "max"]),
  boolean: new Set([]),
  timestamp: new Set(["timestampFormat"]),
  blob: new Set(["min", "max"]),
};
const MEMBER_KEYS = new Set([
  "shape",
  "location",
  "locationName",
  "documentation",
  "deprecated",
  "deprecatedMessage",
  "box",
  "idempotencyToken",
]);
const LOCATIONS = new Set(["uri", "querystring", "header"]);
const TIMESTAMP_FORMATS = new Set(["iso8601", "epoch-seconds", "rfc822"]);

function convertShape(service, name, raw) {
  const allowed = SHAPE_KEYS[raw.type];
  if (allowed === undefined) throw new UnsupportedModel(`${service} shape ${name} has type ${raw.type}`);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key) && !SHAPE_KEYS.common.has(key)) {
      throw new UnsupportedModel(`${service} shape ${name} (${raw.type}) uses "${key}"`);
    }
  }
  const shape = { type: raw.type };
  switch (raw.type) {
    case "structure": {
      if (raw.required?.length) shape.required = [...raw.required];
      if (raw.union) shape.union = true;
      if (raw.exception) shape.exception = true;
      if (raw.error) {
        shape.error = {
          ...(raw.error.code ? { code: raw.error.code } : {}),
          httpStatusCode: raw.error.httpStatusCode,
        };
        if (raw.error.senderFault) shape.error.senderFault = true;
      }
      shape.members = {};
      for (const [memberName, member] of Object.entries(raw.members)) {
        for (const key of Object.keys(member)) {
          if (!MEMBER_KEYS.has(key))
            throw new UnsupportedModel(`${service} ${name}.${memberName} uses "${key}"`);
        }
        if (member.location !== undefined && !LOCATIONS.has(member.location)) {
          throw new UnsupportedModel(`${service} ${name}.${memberName} has location ${member.location}`);
        }
        const out = { shape: member.shape };
        if (member.location) out.location = member.location;
        if (member.locationName) out.locationName = member.locationName;
        shape.members[memberName] = out;
      }
      for (const required of shape.required ?? []) {
        if (!(required in raw.members))
          throw new UnsupportedModel(`${service} ${name} requires unknown ${required}`);
      }
      break;
    }
    case "list":
      shape.member = referenceOf(service, name, raw.member);
      copyBounds(raw, shape);
      if (raw.flattened) shape.flattened = true;
      break;
    case "map":
      shape.key = referenceOf(service, name, raw.key);
      shape.value = referenceOf(service, name, raw.value);
      copyBounds(raw, shape);
      if (raw.flattened) shape.flattened = true;
      break;
    case "string":
      copyBounds(raw, shape);
      if (raw.pattern !== undefined) {
        shape.pattern = raw.pattern;
        shape.regex = compilePattern(raw.pattern);
      }
      if (raw.enum) shape.enum = [...raw.enum];
      break;
    case "integer":
    case "long":
    case "blob":
      copyBounds(raw, shape);
      break;
    case "timestamp":
      if (raw.timestampFormat !== undefined) {
        if (!TIMESTAMP_FORMATS.has(raw.timestampFormat)) {
          throw new UnsupportedModel(`${service} ${name} has timestampFormat ${raw.timestampFormat}`);
        }
        shape.timestampFormat = raw.timestampFormat;
      }
      break;
  }
  if (raw.sensitive) shape.sensitive = true;
  return shape;
}

function referenceOf(service, name, ref) {
  for (const key of Object.keys(ref)) {
    if (!["shape", "locationName", "documentation"].includes(key)) {
      throw new UnsupportedModel(`${service} ${name} member reference uses "${key}"`);
    }
  }
  return ref.locationName ? { shape: ref.shape, locationName: ref.locationName } : { shape: ref.shape };
}

function copyBounds(raw, shape) {
  if (raw.min !== undefined) shape.min = raw.min;
  if (raw.max !== undefined) shape.max = raw.max;
}

function convertOperation(service, name, raw, protocol) {
  for (const key of Object.keys(raw.http)) {
    if (!["method", "requestUri", "responseCode"].includes(key)) {
      throw new UnsupportedModel(`${service} operation ${name} http uses "${key}"`);
    }
  }
  for (const key of [
    "endpoint",
    "httpChecksum",
    "requestcompression",
    "staticContextParams",
    "contextParams",
  ]) {
    if (key in raw) throw new UnsupportedModel(`${service} operation ${name} uses "${key}"`);
  }
  const op = { http: { method: raw.http.method, requestUri: raw.http.requestUri } };
  if (protocol === "rest-json") op.http.responseCode = raw.http.responseCode ?? 200;
  if (raw.input) op.input = raw.input.shape;
  if (raw.output) {
    op.output = raw.output.shape;
    if (raw.output.resultWrapper) op.resultWrapper = raw.output.resultWrapper;
  }
  op.errors = (raw.errors ?? []).map((e) => e.shape);
  if (raw.auth) op.auth = [...raw.auth];
  const doc = firstSentence(raw.documentation ?? "");
  if (doc) op.documentation = doc;
  return op;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The documentation's first sentence as plain text (for `--help`). */
export function firstSentence(html) {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, entity) => {
      if (entity[0] === "#") {
        const code =
          entity[1] === "x" || entity[1] === "X"
            ? parseInt(entity.slice(2), 16)
            : parseInt(entity.slice(1), 10);
        return String.fromCodePoint(code);
      }
      return ENTITIES[entity.toLowerCase()] ?? all;
    })
    .replace(/\s+/g, " ")
    .trim();
  const end = /[.!?](\s|$)/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** Shapes reachable from the operations, sorted by name. */
function reachableShapes(model) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    const shape = model.shapes[name];
    if (!shape)
      throw new UnsupportedModel(`${model.metadata.endpointPrefix} model references missing shape ${name}`);
    seen.add(name);
    if (shape.type === "structure") for (const m of Object.values(shape.members)) visit(m.shape);
    if (shape.type === "list") visit(shape.member.shape);
    if (shape.type === "map") {
      visit(shape.key.shape);
      visit(shape.value.shape);
    }
  };
  for (const op of Object.values(model.operations)) {
    if (op.input) visit(op.input.shape);
    if (op.output) visit(op.output.shape);
    for (const e of op.errors ?? []) visit(e.shape);
  }
  return [...seen].sort();
}

export function buildTables(spec, raw, botocoreVersion) {
  const meta = raw.metadata;
  const protocol = meta.protocol === "rest-json" ? "rest-json" : meta.protocol === "query" ? "query" : null;
  if (protocol === null) throw new UnsupportedModel(`${spec.service} uses protocol ${meta.protocol}`);
  const metadata = {
    protocol,
    apiVersion: meta.apiVersion,
    endpointPrefix: meta.endpointPrefix,
    signingName: meta.signingName ?? meta.endpointPrefix,
    serviceId: meta.serviceId,
  };
  if (meta.xmlNamespace) metadata.xmlNamespace = meta.xmlNamespace;
  if (meta.globalEndpoint) metadata.globalEndpoint = meta.globalEndpoint;
  if (protocol === "query" && !metadata.xmlNamespace)
    throw new UnsupportedModel(`${spec.service} has no xmlNamespace`);
  const operations = {};
  for (const name of Object.keys(raw.operations).sort()) {
    operations[name] = convertOperation(spec.service, name, raw.operations[name], protocol);
  }
  const shapes = {};
  for (const name of reachableShapes(raw)) shapes[name] = convertShape(spec.service, name, raw.shapes[name]);
  return { service: spec.service, botocoreVersion, metadata, operations, shapes };
}

// ---------------------------------------------------------------------------------------------
// Tables → TypeScript

/** Names the generated code refers to; a shape type with one of them would shadow it. */
const RESERVED = new Set([
  "Buffer",
  "Date",
  "Record",
  "Empty",
  "ServiceModel",
  "string",
  "number",
  "boolean",
]);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const key = (name) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const str = (s) => JSON.stringify(s);
const strList = (list) => `[${list.map(str).join(", ")}]`;
const regexLiteral = (regex) => `/${regex.source.replace(/\n/g, "\\n")}/${regex.flags}`;

function typeOf(tables, shapeName, emitted) {
  const shape = tables.shapes[shapeName];
  switch (shape.type) {
    case "structure":
      return emitted.has(shapeName) ? shapeName : "Record<string, unknown>";
    case "list":
      return `${wrapArray(typeOf(tables, shape.member.shape, emitted))}[]`;
    case "map":
      return `Record<string, ${typeOf(tables, shape.value.shape, emitted)}>`;
    case "string":
      return shape.enum ? shapeName : "string";
    case "integer":
    case "long":
      return "number";
    case "boolean":
      return "boolean";
    case "timestamp":
      return "Date";
    case "blob":
      return "Buffer";
  }
  throw new Error(`no type for ${shapeName}`);
}

const wrapArray = (type) => (/^[A-Za-z_$][\w$]*(\[\])*$/.test(type) ? type : `(${type})`);

function renderTypes(tables, spec) {
  const lines = [];
  const typed = Object.entries(tables.shapes).filter(
    ([, s]) => (s.type === "structure" && !s.exception) || (s.type === "string" && s.enum),
  );
  const emitted = new Set(typed.filter(([, s]) => s.type === "structure").map(([n]) => n));
  for (const [name] of typed) {
    if (RESERVED.has(name) || !IDENTIFIER.test(name)) {
      throw new UnsupportedModel(`${spec.service} shape name ${name} cannot be a TypeScript type name here`);
    }
  }
  for (const [name, shape] of typed) {
    if (shape.type === "string") {
      lines.push(`export type ${name} = ${shape.enum.map(str).join(" | ")};`);
      continue;
    }
    const required = new Set(shape.union ? [] : (shape.required ?? []));
    const members = Object.entries(shape.members);
    if (members.length === 0) {
      lines.push(`export type ${name} = Empty;`);
      continue;
    }
    lines.push(shape.union ? `/** A union: exactly one member is set. */` : null);
    lines.push(`export interface ${name} {`);
    for (const [memberName, member] of members) {
      const optional = required.has(memberName) ? "" : "?";
      lines.push(`  ${key(memberName)}${optional}: ${typeOf(tables, member.shape, emitted)};`);
    }
    lines.push("}");
  }
  lines.push("");
  lines.push(`/** Input and output types of every ${spec.service} operation. */`);
  lines.push(`export type ${spec.typePrefix}Operations = {`);
  for (const [name, op] of Object.entries(tables.operations)) {
    const input = op.input && emitted.has(op.input) ? op.input : "Empty";
    const output = op.output && emitted.has(op.output) ? op.output : "Empty";
    lines.push(`  ${name}: { input: ${input}; output: ${output} };`);
  }
  lines.push("};");
  lines.push("");
  lines.push(`export type ${spec.typePrefix}OperationName = keyof ${spec.typePrefix}Operations;`);
  return lines.filter((l) => l !== null);
}

function renderShape(name, shape) {
  const head = [`type: ${str(shape.type)}`];
  if (shape.type === "structure") {
    if (shape.required) head.push(`required: ${strList(shape.required)}`);
    if (shape.union) head.push("union: true");
    if (shape.exception) head.push("exception: true");
    if (shape.error) {
      const parts = [];
      if (shape.error.code) parts.push(`code: ${str(shape.error.code)}`);
      parts.push(`httpStatusCode: ${shape.error.httpStatusCode}`);
      if (shape.error.senderFault) parts.push("senderFault: true");
      head.push(`error: { ${parts.join(", ")} }`);
    }
    if (shape.sensitive) head.push("sensitive: true");
    const members = Object.entries(shape.members);
    if (members.length === 0) return [`  ${key(name)}: { ${head.join(", ")}, members: {} },`];
    const lines = [`  ${key(name)}: {`, ...head.map((h) => `    ${h},`), "    members: {"];
    for (const [memberName, m] of members) {
      const parts = [`shape: ${str(m.shape)}`];
      if (m.location) parts.push(`location: ${str(m.location)}`);
      if (m.locationName) parts.push(`locationName: ${str(m.locationName)}`);
      lines.push(`      ${key(memberName)}: { ${parts.join(", ")} },`);
    }
    lines.push("    },", "  },");
    return lines;
  }
  const ref = (r) =>
    `{ shape: ${str(r.shape)}${r.locationName ? `, locationName: ${str(r.locationName)}` : ""} }`;
  if (shape.type === "list") head.push(`member: ${ref(shape.member)}`);
  if (shape.type === "map") head.push(`key: ${ref(shape.key)}`, `value: ${ref(shape.value)}`);
  if (shape.min !== undefined) head.push(`min: ${shape.min}`);
  if (shape.max !== undefined) head.push(`max: ${shape.max}`);
  if (shape.flattened) head.push("flattened: true");
  if (shape.timestampFormat) head.push(`timestampFormat: ${str(shape.timestampFormat)}`);
  if (shape.enum) head.push(`enum: ${strList(shape.enum)}`);
  if (shape.pattern !== undefined)
    head.push(`pattern: ${str(shape.pattern)}`, `regex: ${regexLiteral(shape.regex)}`);
  if (shape.sensitive) head.push("sensitive: true");
  return [`  ${key(name)}: { ${head.join(", ")} },`];
}

function renderOperation(name, op) {
  const http = [`method: ${str(op.http.method)}`, `requestUri: ${str(op.http.requestUri)}`];
  if (op.http.responseCode !== undefined) http.push(`responseCode: ${op.http.responseCode}`);
  const lines = [`  ${key(name)}: {`, `    http: { ${http.join(", ")} },`];
  if (op.input) lines.push(`    input: ${str(op.input)},`);
  if (op.output) lines.push(`    output: ${str(op.output)},`);
  if (op.resultWrapper) lines.push(`    resultWrapper: ${str(op.resultWrapper)},`);
  lines.push(`    errors: ${strList(op.errors)},`);
  if (op.auth) lines.push(`    auth: ${strList(op.auth)},`);
  if (op.documentation) lines.push(`    documentation: ${str(op.documentation)},`);
  lines.push("  },");
  return lines;
}

export function renderModule(spec, tables) {
  const m = tables.metadata;
  const metaParts = Object.entries(m).map(([k, v]) => `    ${k}: ${str(v)},`);
  const lines = [
    `// generated by scripts/generate-models.mjs from botocore ${tables.botocoreVersion} — do not edit`,
    `// source: botocore/data/${spec.service}/${spec.version}/service-2.json.gz; regenerate with \`npm run generate:models\``,
    `import type { Empty, ServiceModel } from "../protocol/model.js";`,
    "",
    ...renderTypes(tables, spec),
    "",
    `/** The ${spec.service} ${m.apiVersion} model (${m.protocol}): operations and every shape they reach. */`,
    `export const ${spec.constName}: ServiceModel<${spec.typePrefix}Operations> = {`,
    `  service: ${str(tables.service)},`,
    `  botocoreVersion: ${str(tables.botocoreVersion)},`,
    "  metadata: {",
    ...metaParts,
    "  },",
    "  operations: {",
    ...Object.entries(tables.operations).flatMap(([name, op]) =>
      renderOperation(name, op).map((l) => `  ${l}`),
    ),
    "  },",
    "  shapes: {",
    ...Object.entries(tables.shapes).flatMap(([name, shape]) =>
      renderShape(name, shape).map((l) => `  ${l}`),
    ),
    "  },",
    "};",
    "",
  ];
  return lines.join("\n");
}

/** Generates every module in memory: {botocoreVersion, files: {repo-relative path: text}}. */
export function generate(env = process.env) {
  const { dataDir, version } = locateBotocore(env);
  const files = {};
  for (const spec of SERVICES) {
    const tables = buildTables(spec, readModel(dataDir, spec.service, spec.version), version);
    files[relative(ROOT, join(OUT_DIR, `${spec.service}.ts`))] = renderModule(spec, tables);
  }
  return { botocoreVersion: version, files };
}

function main(argv) {
  let result;
  try {
    result = generate();
  } catch (error) {
    if (error instanceof BotocoreNotFound) {
      console.error(`generate-models: ${error.message}`);
      return EXIT_NO_BOTOCORE;
    }
    throw error;
  }
  if (argv.includes("--json")) {
    process.stdout.write(JSON.stringify(result));
    return 0;
  }
  const stale = [];
  for (const [path, text] of Object.entries(result.files)) {
    const file = join(ROOT, path);
    const current = existsSync(file) ? readFileSync(file, "utf8") : null;
    if (current === text) continue;
    stale.push(path);
    if (!argv.includes("--check")) writeFileSync(file, text);
  }
  if (argv.includes("--check")) {
    if (stale.length > 0) {
      console.error(
        `generate-models: out of date with botocore ${result.botocoreVersion}: ${stale.join(", ")}`,
      );
      return 1;
    }
    console.log(`generate-models: up to date with botocore ${result.botocoreVersion}`);
    return 0;
  }
  console.log(
    `generate-models: botocore ${result.botocoreVersion}: ` +
      (stale.length ? `wrote ${stale.join(", ")}` : "every module already up to date"),
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
