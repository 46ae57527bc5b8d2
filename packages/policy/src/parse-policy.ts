/**
 * Parsing and validation of policy documents (iam-sts.md §1): the grammar, the rules per policy
 * kind, size and character limits, and every condition value checked up front, with messages that
 * say which statement, which element and what is wrong.
 */
import { absentResult, type CompiledCondition } from "./condition.js";
import { parseOperatorName } from "./condition-operators.js";
import { compileActions, type ActionMatcher } from "./action-index.js";
import {
  attachInternals,
  internalsOf,
  type CompiledPolicy,
  type CompiledStatement,
  type PolicyVersion,
  type StatementInfo,
} from "./compiled-policy.js";
import { FINDINGS, MalformedPolicyError, type FindingCode, type PolicyFinding } from "./findings.js";
import {
  formatJsonNode,
  JsonSyntaxError,
  LineIndex,
  parseJsonSource,
  type JsonMember,
  type JsonNode,
} from "./json-source.js";
import {
  DEFAULT_LIMITS,
  firstForbiddenCharacter,
  policySize,
  type PolicyKind,
  type PolicyLimits,
} from "./limits.js";
import {
  compileGlobTemplate,
  parseTemplate,
  PolicyVariableSyntaxError,
  splitTemplateArn,
  type GlobTemplate,
} from "./policy-variables.js";
import {
  compileAwsPrincipal,
  compileCanonicalPrincipal,
  compileFederatedPrincipal,
  compileServicePrincipal,
  type PrincipalEntry,
} from "./principal.js";
import { quoteInput } from "./quote-input.js";
import { didYouMean } from "./suggest.js";

/** Options for {@link parsePolicy} and {@link validatePolicy}. */
export interface ParseOptions {
  /** The name or id shown in explanations (policy ARN, `RoleName/InlineName`, …). Default: `<kind> policy`. */
  readonly name?: string;
  /** Overrides of the default limits for the kind ({@link DEFAULT_LIMITS}). */
  readonly limits?: Partial<PolicyLimits>;
}

/** The result of {@link validatePolicy}. */
export interface PolicyValidation {
  /** True when there are no errors (warnings allowed). */
  readonly valid: boolean;
  readonly errors: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
  /** The compiled policy when valid. */
  readonly policy: CompiledPolicy | undefined;
}

const TOP_KEYS = ["Version", "Id", "Statement"] as const;
const STATEMENT_KEYS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
] as const;
const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
const VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"];
const KIND_NAMES: Record<PolicyKind, string> = {
  identity: "an identity policy",
  resource: "a resource policy",
  trust: "a trust policy",
  session: "a session policy",
  boundary: "a permissions boundary",
};
/** Multivalued keys that need ForAllValues:/ForAnyValue: (IUG single-vs-multivalued page). */
const MULTIVALUED_KEYS = new Set([
  "aws:tagkeys",
  "aws:principalservicenameslist",
  "aws:calledvia",
  "aws:principalorgpaths",
]);
const SINGLE_VALUED_PREFIXES = ["aws:principaltag/", "aws:resourcetag/", "aws:requesttag/"];
const SINGLE_VALUED_KEYS = new Set([
  "aws:sourceip",
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:principalarn",
  "aws:principalaccount",
  "aws:username",
  "aws:userid",
  "aws:securetransport",
  "aws:currenttime",
  "aws:epochtime",
  "aws:sourceidentity",
  "sts:sourceidentity",
]);
const CONDITION_KEY = /^[A-Za-z0-9_.-]+:\S.*$/;
const VENDOR = /^[A-Za-z0-9-]+$/;
const SHORT_ARN = /^arn:[^:]*:[^:]+(:|$)/;

interface StatementContext {
  readonly index: number;
  readonly sid: string | undefined;
}

function describeValue(node: JsonNode): string {
  switch (node.kind) {
    case "string":
      return quoteInput(node.value);
    case "number":
      return `the number ${node.raw}`;
    case "boolean":
      return `the boolean ${String(node.value)}`;
    case "null":
      return "null";
    case "array":
      return "an array";
    case "object":
      return "an object";
  }
}

function prefix(stmt: StatementContext | undefined): string {
  if (!stmt) return "";
  return stmt.sid ? `Statement[${stmt.index}] (Sid ${quoteInput(stmt.sid)}): ` : `Statement[${stmt.index}]: `;
}

class PolicyCompiler {
  readonly findings: PolicyFinding[] = [];
  readonly #lines: LineIndex;
  #variables = false;
  #effect: "Allow" | "Deny" | undefined;

  constructor(
    readonly text: string,
    readonly kind: PolicyKind,
    readonly limits: PolicyLimits,
  ) {
    this.#lines = new LineIndex(text);
  }

  add(code: FindingCode, message: string, path: string, at?: number, stmt?: StatementContext): void {
    this.findings.push({
      code,
      severity: FINDINGS[code],
      message: prefix(stmt) + message,
      path,
      ...(stmt ? { statement: stmt.index, ...(stmt.sid ? { sid: stmt.sid } : {}) } : {}),
      ...(at !== undefined ? { position: this.#lines.position(at) } : {}),
    });
  }

  errorCount(): number {
    let n = 0;
    for (const f of this.findings) if (f.severity === "error") n++;
    return n;
  }

  /** Reports duplicate and unknown keys; returns members by key (first occurrence). */
  members(
    node: JsonNode & { kind: "object" },
    allowed: readonly string[],
    path: string,
    stmt?: StatementContext,
  ): Map<string, JsonMember> {
    const byKey = new Map<string, JsonMember>();
    for (const m of node.members) {
      const where = path ? `${path}.${m.key}` : m.key;
      if (byKey.has(m.key)) {
        this.add("DuplicateKey", `duplicate key ${quoteInput(m.key)}`, where, m.keyStart, stmt);
        continue;
      }
      byKey.set(m.key, m);
      if (!allowed.includes(m.key)) {
        const scope = path ? `${path.replace(/\[\d+\]$/, "")} field` : "top-level field";
        this.add(
          "UnknownField",
          `unknown ${scope} ${quoteInput(m.key)}${didYouMean(m.key, allowed)}`,
          where,
          m.keyStart,
          stmt,
        );
      }
    }
    return byKey;
  }

  compile(): {
    statements: CompiledStatement[];
    version: PolicyVersion;
    versionStated: boolean;
    id?: string;
    keys: string[];
    root?: JsonNode;
  } {
    const empty = { statements: [], version: "2008-10-17" as const, versionStated: false, keys: [] };
    const { text, limits } = this;
    if (text.trim().length === 0) {
      this.add("EmptyDocument", "policy document is empty", "");
      return empty;
    }
    if (text.length > limits.maxDocumentLength) {
      this.add(
        "DocumentTooLong",
        `policy document is ${text.length} characters long; the limit is ${limits.maxDocumentLength}`,
        "",
      );
      return empty;
    }
    if (limits.restrictCharset) {
      const bad = firstForbiddenCharacter(text);
      if (bad >= 0) {
        const code = (text.codePointAt(bad) as number).toString(16).toUpperCase().padStart(4, "0");
        this.add(
          "InvalidCharacter",
          `policy contains the character U+${code}; policy documents may contain only tab, line feed, carriage return and U+0020 to U+00FF`,
          "",
          bad,
        );
      }
    }
    const size = policySize(text);
    if (size > limits.maxSize) {
      this.add(
        "PolicyTooLarge",
        `Cannot exceed quota for PolicySize: ${limits.maxSize} (this ${this.kind} policy has ${size} characters, not counting whitespace)`,
        "",
      );
    }
    let root: JsonNode;
    try {
      root = parseJsonSource(text);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      this.add("InvalidJson", `Syntax errors in policy: invalid JSON: ${e.detail}`, "", e.offset);
      return empty;
    }
    if (root.kind !== "object") {
      this.add("NotAnObject", `policy must be a JSON object, got ${describeValue(root)}`, "", root.start);
      return { ...empty, root };
    }
    const top = this.members(root, TOP_KEYS, "");

    // Version
    let version: PolicyVersion = "2008-10-17";
    const v = top.get("Version");
    if (v) {
      if (v.value.kind !== "string" || !VERSIONS.includes(v.value.value)) {
        this.add(
          "InvalidVersion",
          `Version must be "2012-10-17" or "2008-10-17", got ${describeValue(v.value)}`,
          "Version",
          v.value.start,
        );
      } else {
        version = v.value.value as PolicyVersion;
      }
    } else {
      this.add(
        "MissingVersion",
        'Version is missing, so the policy is read as "2008-10-17" and policy variables are plain text; add "Version": "2012-10-17"',
        "Version",
      );
    }
    this.#variables = version === "2012-10-17";
    if (!this.#variables && text.includes("${")) {
      this.add(
        "LiteralPolicyVariable",
        `the policy uses \${…} but its Version is ${v ? '"2008-10-17"' : "absent"}, so policy variables are treated as literal text; set "Version": "2012-10-17"`,
        "Version",
        v?.value.start,
      );
    }

    // Id
    let id: string | undefined;
    const idMember = top.get("Id");
    if (idMember) {
      if (idMember.value.kind === "string") id = idMember.value.value;
      else
        this.add(
          "InvalidId",
          `Id must be a string, got ${describeValue(idMember.value)}`,
          "Id",
          idMember.value.start,
        );
    }

    // Statements
    const statements: CompiledStatement[] = [];
    const keys = new Map<string, string>();
    const st = top.get("Statement");
    if (!st) {
      this.add("MissingStatement", "Statement is required", "Statement", root.start);
    } else if (st.value.kind === "object") {
      this.statement(st.value, 0, statements, keys);
    } else if (st.value.kind === "array") {
      if (st.value.items.length === 0) {
        this.add(
          "InvalidStatement",
          "Statement must contain at least one statement",
          "Statement",
          st.value.start,
        );
      }
      st.value.items.forEach((item, i) => this.statement(item, i, statements, keys));
    } else {
      this.add(
        "InvalidStatement",
        `Statement must be an object or an array of objects, got ${describeValue(st.value)}`,
        "Statement",
        st.value.start,
      );
    }

    // Duplicate Sids
    const seen = new Map<string, number>();
    for (const s of statements) {
      const sid = s.info.sid;
      if (!sid) continue;
      const first = seen.get(sid);
      if (first === undefined) seen.set(sid, s.info.index);
      else {
        this.add(
          "DuplicateSid",
          `Statement IDs (SID) in a single policy must be unique; ${quoteInput(sid)} is also used by Statement[${first}]`,
          `Statement[${s.info.index}].Sid`,
          undefined,
          { index: s.info.index, sid },
        );
      }
    }
    return {
      statements,
      version,
      versionStated: v !== undefined,
      ...(id !== undefined ? { id } : {}),
      keys: [...keys.values()],
      root,
    };
  }

  /** A string or a non-empty array of strings. */
  stringList(
    node: JsonNode,
    element: string,
    path: string,
    code: FindingCode,
    stmt: StatementContext,
  ): { value: string; node: JsonNode }[] {
    if (node.kind === "string") return [{ value: node.value, node }];
    if (node.kind === "array") {
      if (node.items.length === 0) {
        this.add("EmptyList", `${element} must not be an empty list`, path, node.start, stmt);
        return [];
      }
      const out: { value: string; node: JsonNode }[] = [];
      node.items.forEach((item, i) => {
        if (item.kind === "string") out.push({ value: item.value, node: item });
        else
          this.add(
            code,
            `${element} values must be strings, got ${describeValue(item)}`,
            `${path}[${i}]`,
            item.start,
            stmt,
          );
      });
      return out;
    }
    this.add(
      code,
      `${element} must be a string or an array of strings, got ${describeValue(node)}`,
      path,
      node.start,
      stmt,
    );
    return [];
  }

  statement(node: JsonNode, index: number, out: CompiledStatement[], keys: Map<string, string>): void {
    const path = `Statement[${index}]`;
    if (node.kind !== "object") {
      this.add("InvalidStatement", `${path} must be an object, got ${describeValue(node)}`, path, node.start);
      return;
    }
    const sidNode = node.members.find((m) => m.key === "Sid")?.value;
    const sid = sidNode?.kind === "string" && sidNode.value !== "" ? sidNode.value : undefined;
    const stmt: StatementContext = { index, sid };
    const errorsBefore = this.errorCount();
    const m = this.members(node, STATEMENT_KEYS, path, stmt);

    // Sid
    if (sidNode) {
      if (sidNode.kind !== "string") {
        this.add(
          "InvalidSid",
          `Sid must be a string, got ${describeValue(sidNode)}`,
          `${path}.Sid`,
          sidNode.start,
          stmt,
        );
      } else if (this.limits.sidPattern && !this.limits.sidPattern.test(sidNode.value)) {
        this.add(
          "InvalidSid",
          `Statement IDs (SID) must be alpha-numeric (regular expression ${this.limits.sidPattern.source.replace(/^\^|\$$/g, "")}), got ${quoteInput(sidNode.value)}`,
          `${path}.Sid`,
          sidNode.start,
          stmt,
        );
      }
    }

    // Effect
    let deny = false;
    this.#effect = undefined;
    const effect = m.get("Effect");
    if (!effect) {
      this.add("MissingEffect", 'Effect is required ("Allow" or "Deny")', `${path}.Effect`, node.start, stmt);
    } else if (
      effect.value.kind !== "string" ||
      (effect.value.value !== "Allow" && effect.value.value !== "Deny")
    ) {
      this.add(
        "InvalidEffect",
        `Effect must be "Allow" or "Deny", got ${describeValue(effect.value)}`,
        `${path}.Effect`,
        effect.value.start,
        stmt,
      );
    } else {
      deny = effect.value.value === "Deny";
      this.#effect = effect.value.value;
    }

    // Action / NotAction
    const action = m.get("Action");
    const notAction = m.get("NotAction");
    let actions: ActionMatcher = compileActions([]);
    if (action && notAction) {
      this.add(
        "ActionAndNotAction",
        "has both Action and NotAction; use only one",
        `${path}.NotAction`,
        notAction.keyStart,
        stmt,
      );
    } else if (!action && !notAction) {
      this.add(
        "MissingAction",
        "Policy statement must contain actions (Action or NotAction)",
        path,
        node.start,
        stmt,
      );
    } else {
      const member = (action ?? notAction) as JsonMember;
      actions = this.actions(member, `${path}.${member.key}`, stmt);
      if (notAction && this.#effect === "Allow") {
        this.add(
          "AllowWithNotAction",
          "Allow with NotAction allows every action except those listed, in every service; list the actions to allow, or use NotAction with Deny",
          `${path}.NotAction`,
          notAction.keyStart,
          stmt,
        );
      }
    }

    // Resource / NotResource
    const resource = m.get("Resource");
    const notResource = m.get("NotResource");
    let resources: GlobTemplate[] | undefined;
    if (this.kind === "trust") {
      for (const r of [resource, notResource]) {
        if (r) {
          this.add(
            "ProhibitedResource",
            `Has prohibited field ${r.key} (a trust policy applies to its role and names no resources)`,
            `${path}.${r.key}`,
            r.keyStart,
            stmt,
          );
        }
      }
    } else if (resource && notResource) {
      this.add(
        "ResourceAndNotResource",
        "has both Resource and NotResource; use only one",
        `${path}.NotResource`,
        notResource.keyStart,
        stmt,
      );
    } else if (!resource && !notResource) {
      this.add(
        "MissingResource",
        `Policy statement must contain resources (Resource or NotResource is required in ${KIND_NAMES[this.kind]})`,
        path,
        node.start,
        stmt,
      );
    } else {
      const member = (resource ?? notResource) as JsonMember;
      resources = this.resources(member, `${path}.${member.key}`, stmt);
      if (notResource && this.#effect === "Allow") {
        this.add(
          "AllowWithNotResource",
          "Allow with NotResource allows the actions on every resource except those listed; list the resources instead",
          `${path}.NotResource`,
          notResource.keyStart,
          stmt,
        );
      }
    }

    // Principal / NotPrincipal
    const principal = m.get("Principal");
    const notPrincipal = m.get("NotPrincipal");
    let principals: PrincipalEntry[] | undefined;
    const needsPrincipal = this.kind === "trust" || this.kind === "resource";
    if (!needsPrincipal) {
      for (const p of [principal, notPrincipal]) {
        if (p) {
          this.add(
            "PrincipalNotAllowed",
            `Policy document should not specify a principal (${p.key} is not allowed in ${KIND_NAMES[this.kind]})`,
            `${path}.${p.key}`,
            p.keyStart,
            stmt,
          );
        }
      }
    } else if (principal && notPrincipal) {
      this.add(
        "PrincipalAndNotPrincipal",
        "has both Principal and NotPrincipal; use only one",
        `${path}.NotPrincipal`,
        notPrincipal.keyStart,
        stmt,
      );
    } else if (!principal && !notPrincipal) {
      this.add(
        "MissingPrincipal",
        `Missing required field Principal (${KIND_NAMES[this.kind]} must say whom it applies to)`,
        path,
        node.start,
        stmt,
      );
    } else {
      const member = (principal ?? notPrincipal) as JsonMember;
      principals = this.principals(member.value, `${path}.${member.key}`, stmt);
      if (notPrincipal && this.#effect === "Allow") {
        this.add(
          "AllowWithNotPrincipal",
          "Allow with NotPrincipal allows everyone except those listed, including anonymous requesters",
          `${path}.NotPrincipal`,
          notPrincipal.keyStart,
          stmt,
        );
      }
      if (notPrincipal && this.#effect === "Deny" && !principals.some((p) => p.kind === "account")) {
        this.add(
          "DenyNotPrincipalWithoutAccount",
          "Deny with NotPrincipal should also list the account (arn:aws:iam::ACCOUNT:root) of each excluded principal, or the account itself is denied",
          `${path}.NotPrincipal`,
          notPrincipal.keyStart,
          stmt,
        );
      }
    }

    // Condition
    const conditions: CompiledCondition[] = [];
    const cond = m.get("Condition");
    if (cond) this.conditions(cond.value, `${path}.Condition`, stmt, conditions, keys);

    if (this.errorCount() > errorsBefore) return;
    const info: StatementInfo = Object.freeze({
      index,
      sid,
      effect: deny ? "Deny" : "Allow",
      start: this.#lines.position(node.start),
      end: this.#lines.position(node.end),
    });
    out.push({
      info,
      deny,
      actions,
      notAction: notAction !== undefined,
      resources,
      notResource: notResource !== undefined,
      principals,
      notPrincipal: notPrincipal !== undefined,
      conditions,
    });
  }

  actions(member: JsonMember, path: string, stmt: StatementContext): ActionMatcher {
    const out: string[] = [];
    for (const { value, node } of this.stringList(member.value, member.key, path, "InvalidAction", stmt)) {
      const problem = actionProblem(value);
      if (problem) {
        this.add(
          "InvalidAction",
          `${member.key} ${quoteInput(value)} is not valid: ${problem}`,
          path,
          node.start,
          stmt,
        );
        continue;
      }
      if (this.kind === "trust" && value.slice(0, value.indexOf(":")).toLowerCase() !== "sts") {
        this.add(
          "TrustActionNotSts",
          `${member.key} ${quoteInput(value)} is not allowed in a trust policy: AssumeRole policy may only specify STS AssumeRole actions (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity, …)`,
          path,
          node.start,
          stmt,
        );
        continue;
      }
      out.push(value);
    }
    return compileActions(out);
  }

  resources(member: JsonMember, path: string, stmt: StatementContext): GlobTemplate[] {
    const out: GlobTemplate[] = [];
    for (const { value, node } of this.stringList(member.value, member.key, path, "InvalidResource", stmt)) {
      let t;
      try {
        t = parseTemplate(value, this.#variables);
      } catch (e) {
        if (!(e instanceof PolicyVariableSyntaxError)) throw e;
        this.add("InvalidPolicyVariable", `${member.key}: ${e.message}`, path, node.start, stmt);
        continue;
      }
      if (value !== "*") {
        // ARN format: arn:partition:service… — a shortened ARN ending in a wildcard (arn:aws:logs:*) is
        // accepted; policy variables only after the fifth colon (IUG reference_policies_variables.html).
        const fields = splitTemplateArn(t);
        if (!SHORT_ARN.test(value)) {
          this.add(
            "InvalidResource",
            `${member.key} ${quoteInput(value)} must be in ARN format or "*"`,
            path,
            node.start,
            stmt,
          );
          continue;
        }
        if (t.hasVariables && (!fields || fields.slice(0, 5).some((f) => f.hasVariables))) {
          this.add(
            "InvalidResource",
            `${member.key} ${quoteInput(value)}: policy variables may be used only in the resource part of an ARN (after the fifth colon)`,
            path,
            node.start,
            stmt,
          );
          continue;
        }
      }
      out.push(compileGlobTemplate(t));
    }
    return out;
  }

  principals(node: JsonNode, path: string, stmt: StatementContext): PrincipalEntry[] {
    const element = path.slice(path.lastIndexOf(".") + 1);
    if (node.kind === "string") {
      if (node.value === "*") return [{ kind: "wildcard" }];
      this.add(
        "InvalidPrincipal",
        `Invalid principal in policy: ${quoteInput(node.value)} (${element} must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"})`,
        path,
        node.start,
        stmt,
      );
      return [];
    }
    if (node.kind !== "object") {
      this.add(
        "InvalidPrincipal",
        `${element} must be "*" or an object, got ${describeValue(node)}`,
        path,
        node.start,
        stmt,
      );
      return [];
    }
    if (node.members.length === 0) {
      this.add("InvalidPrincipal", `${element} must name at least one principal`, path, node.start, stmt);
      return [];
    }
    const out: PrincipalEntry[] = [];
    const seen = new Set<string>();
    for (const m of node.members) {
      if (seen.has(m.key)) {
        this.add("DuplicateKey", `duplicate key ${quoteInput(m.key)}`, `${path}.${m.key}`, m.keyStart, stmt);
        continue;
      }
      seen.add(m.key);
      const compile =
        m.key === "AWS"
          ? compileAwsPrincipal
          : m.key === "Service"
            ? compileServicePrincipal
            : m.key === "Federated"
              ? compileFederatedPrincipal
              : m.key === "CanonicalUser"
                ? compileCanonicalPrincipal
                : undefined;
      if (!compile) {
        this.add(
          "InvalidPrincipal",
          `${element} has unknown principal type ${quoteInput(m.key)}${didYouMean(m.key, PRINCIPAL_TYPES)} (use AWS, Service, Federated or CanonicalUser)`,
          `${path}.${m.key}`,
          m.keyStart,
          stmt,
        );
        continue;
      }
      for (const { value, node: vNode } of this.stringList(
        m.value,
        `${element}.${m.key}`,
        `${path}.${m.key}`,
        "InvalidPrincipal",
        stmt,
      )) {
        const entry = compile(value);
        if (typeof entry === "string") {
          this.add(
            "InvalidPrincipal",
            `Invalid principal in policy: ${quoteInput(m.key)}:${quoteInput(value)} (${entry})`,
            `${path}.${m.key}`,
            vNode.start,
            stmt,
          );
        } else out.push(entry);
      }
    }
    return out;
  }

  conditions(
    node: JsonNode,
    path: string,
    stmt: StatementContext,
    out: CompiledCondition[],
    keys: Map<string, string>,
  ): void {
    if (node.kind !== "object") {
      this.add(
        "InvalidCondition",
        `Condition must be an object such as {"StringEquals": {"aws:PrincipalTag/team": "ops"}}, got ${describeValue(node)}`,
        path,
        node.start,
        stmt,
      );
      return;
    }
    if (node.members.length === 0) {
      this.add("EmptyCondition", "Condition is empty and has no effect", path, node.start, stmt);
    }
    const seenOps = new Set<string>();
    for (const opMember of node.members) {
      const opPath = `${path}.${opMember.key}`;
      if (seenOps.has(opMember.key)) {
        this.add(
          "DuplicateKey",
          `duplicate key ${quoteInput(opMember.key)}`,
          opPath,
          opMember.keyStart,
          stmt,
        );
        continue;
      }
      seenOps.add(opMember.key);
      const op = parseOperatorName(opMember.key);
      if (typeof op === "string") {
        this.add("InvalidConditionOperator", op, opPath, opMember.keyStart, stmt);
        continue;
      }
      const block = opMember.value;
      if (block.kind !== "object" || block.members.length === 0) {
        this.add(
          "InvalidCondition",
          `Condition ${op.name} must map at least one condition key to a value, e.g. {"aws:SourceIp": "203.0.113.0/24"}; got ${block.kind === "object" ? "an empty object" : describeValue(block)}`,
          opPath,
          block.start,
          stmt,
        );
        continue;
      }
      const seenKeys = new Set<string>();
      for (const keyMember of block.members) {
        const keyName = keyMember.key;
        const keyPath = `${opPath}.${keyName}`;
        if (seenKeys.has(keyName)) {
          this.add("DuplicateKey", `duplicate key ${quoteInput(keyName)}`, keyPath, keyMember.keyStart, stmt);
          continue;
        }
        seenKeys.add(keyName);
        if (!CONDITION_KEY.test(keyName)) {
          this.add(
            "InvalidConditionKey",
            `condition key ${quoteInput(keyName)} in ${op.name} is not valid: Actions/Conditions must be prefaced by a vendor, e.g. aws:SourceIp`,
            keyPath,
            keyMember.keyStart,
            stmt,
          );
          continue;
        }
        const key = keyName.toLowerCase();
        if (!keys.has(key)) keys.set(key, keyName);
        const values = this.conditionValues(
          keyMember.value,
          `${op.name} ${quoteInput(keyName)}`,
          keyPath,
          stmt,
        );
        if (!values) continue;
        const compiled = op.base.compile(
          values.map((x) => x.value),
          this.#variables && op.base.variables,
        );
        if (typeof compiled === "string") {
          const code: FindingCode = /policy variable/.test(compiled)
            ? "InvalidPolicyVariable"
            : "InvalidConditionValue";
          this.add(
            code,
            `Condition ${op.name} ${quoteInput(keyName)}: ${compiled}`,
            keyPath,
            keyMember.value.start,
            stmt,
          );
          continue;
        }
        const condition: CompiledCondition = {
          operator: op,
          keyName,
          key,
          values: compiled,
          whenAbsent: absentResult(op),
          ...(op.base.name === "Null"
            ? {
                nullAccepts: {
                  absent: values.some((x) => x.value.toLowerCase() === "true"),
                  present: values.some((x) => x.value.toLowerCase() === "false"),
                },
              }
            : {}),
        };
        out.push(condition);
        this.conditionWarnings(condition, keyPath, keyMember.keyStart, stmt);
      }
    }
  }

  conditionWarnings(c: CompiledCondition, path: string, at: number, stmt: StatementContext): void {
    const op = c.operator;
    if (op.set === "ForAllValues" && this.#effect === "Allow") {
      this.add(
        "ForAllValuesWithAllow",
        `${op.name} on ${quoteInput(c.keyName)} is also true when the key is absent or empty; with Allow, add a Null condition ({"Null": {${quoteInput(c.keyName)}: "false"}}) if the key must be present`,
        path,
        at,
        stmt,
      );
    }
    if (!op.set && op.base.name !== "Null" && MULTIVALUED_KEYS.has(c.key)) {
      this.add(
        "MultivaluedKeyWithoutSetOperator",
        `${quoteInput(c.keyName)} is multivalued; qualify ${op.name} with ForAllValues: or ForAnyValue:`,
        path,
        at,
        stmt,
      );
    }
    if (
      op.set &&
      (SINGLE_VALUED_KEYS.has(c.key) || SINGLE_VALUED_PREFIXES.some((p) => c.key.startsWith(p)))
    ) {
      this.add(
        "SetOperatorOnSingleValuedKey",
        `${quoteInput(c.keyName)} is single-valued; ${op.set}: can make the condition overly permissive — use ${op.name.slice(op.set.length + 1)}`,
        path,
        at,
        stmt,
      );
    }
  }

  conditionValues(
    node: JsonNode,
    what: string,
    path: string,
    stmt: StatementContext,
  ): { value: string }[] | undefined {
    const scalar = (n: JsonNode): string | undefined =>
      n.kind === "string"
        ? n.value
        : n.kind === "number"
          ? n.raw
          : n.kind === "boolean"
            ? String(n.value)
            : undefined;
    const single = scalar(node);
    if (single !== undefined) return [{ value: single }];
    if (node.kind === "array" && node.items.length > 0) {
      const out: { value: string }[] = [];
      for (const item of node.items) {
        const s = scalar(item);
        if (s === undefined) {
          this.add(
            "InvalidConditionValue",
            `Condition ${what}: values must be strings, numbers or booleans, got ${describeValue(item)}`,
            path,
            item.start,
            stmt,
          );
          return undefined;
        }
        out.push({ value: s });
      }
      return out;
    }
    this.add(
      "InvalidConditionValue",
      `Condition ${what}: the value must be a string, number, boolean or a non-empty array of them, got ${node.kind === "array" ? "an empty array" : describeValue(node)}`,
      path,
      node.start,
      stmt,
    );
    return undefined;
  }
}

/** Why an action string is invalid, or `undefined` when it is fine (kind rules checked separately). */
function actionProblem(value: string): string | undefined {
  if (value === "*") return undefined;
  if (value.length === 0) return "an action must not be empty";
  if (/\s/.test(value)) return "actions must not contain whitespace";
  const colon = value.indexOf(":");
  if (colon < 0)
    return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (write "service:Action" or "*")';
  if (value.indexOf(":", colon + 1) >= 0) return "Actions/Condition can contain only one colon.";
  const vendor = value.slice(0, colon);
  if (vendor.includes("*") || vendor.includes("?")) return "Action vendors must not contain wildcards";
  if (!VENDOR.test(vendor)) return "the service prefix must be letters, digits and hyphens";
  if (colon === value.length - 1)
    return `the action name after "${vendor}:" is empty (use "${vendor}:*" for all actions)`;
  return undefined;
}

function limitsFor(kind: PolicyKind, overrides: Partial<PolicyLimits> | undefined): PolicyLimits {
  return overrides ? { ...DEFAULT_LIMITS[kind], ...overrides } : DEFAULT_LIMITS[kind];
}

/**
 * Validates a policy document and returns every finding (errors and warnings), plus the compiled
 * policy when there are no errors. For linting and for the IAM APIs that show all problems.
 *
 * @example
 * const v = validatePolicy(text, "identity");
 * for (const f of v.errors) console.log(f.message);
 */
export function validatePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): PolicyValidation {
  const c = new PolicyCompiler(text, kind, limitsFor(kind, options.limits));
  const result = c.compile();
  const errors = c.findings.filter((f) => f.severity === "error");
  const warnings = c.findings.filter((f) => f.severity === "warning");
  if (errors.length > 0 || !result.root) {
    return { valid: false, errors, warnings, policy: undefined };
  }
  const policy: CompiledPolicy = Object.freeze({
    name: options.name ?? `${kind} policy`,
    kind,
    version: result.version,
    versionStated: result.versionStated,
    id: result.id,
    statements: Object.freeze(result.statements.map((s) => s.info)),
    conditionKeys: Object.freeze(result.keys),
    warnings: Object.freeze(warnings),
    text,
  });
  attachInternals(policy, { statements: Object.freeze(result.statements), root: result.root });
  return { valid: true, errors, warnings, policy };
}

/**
 * Parses and validates a policy document of the given kind, compiling it for {@link evaluate}.
 *
 * Kinds: `identity`, `session`, `boundary` — no Principal, Resource required; `trust` — Principal
 * required, Resource prohibited, STS actions only; `resource` — Principal and Resource required.
 *
 * @throws MalformedPolicyError whose message names the statement (index and Sid), the element and
 *   the problem, e.g. `Statement[1] (Sid "ReadOnly"): Effect must be "Allow" or "Deny", got "allow" (line 9, column 17)`.
 * @example
 * const policy = parsePolicy(
 *   '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}',
 *   "identity",
 *   { name: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
 * );
 */
export function parsePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): CompiledPolicy {
  const v = validatePolicy(text, kind, options);
  if (!v.policy) throw new MalformedPolicyError(v.errors);
  return v.policy;
}

/**
 * The compact JSON text of a compiled policy (whitespace removed, member order and number text kept);
 * `parsePolicy(formatPolicy(p), p.kind)` yields an equivalent policy.
 */
export function formatPolicy(policy: CompiledPolicy): string {
  return formatJsonNode(internalsOf(policy).root);
}
