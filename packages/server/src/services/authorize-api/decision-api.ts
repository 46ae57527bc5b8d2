// The decision API, `POST /v1/authorize` (README-authorize.md): a service in front of which
// Anchorage is put hands over a request it received (method, path, query, headers, payload hash)
// with the action and resource it maps to. Anchorage verifies the request's SigV4 signature with the
// secret of the credentials that signed it (long-term keys and sealed sessions alike; expired
// sessions are denied), then evaluates every policy that applies to that principal — identity,
// permissions boundary, session policies and tags — and answers the decision, HTTP 200.
//
// The caller signs its own call with SigV4, signing name `anchorage`, and needs the
// `anchorage:Authorize` permission (resource `*`). Malformed input is a 400; an unsigned call or a
// caller without the permission is a 403.
import type { Decision, MatchedStatement } from "@anchorage/policy";
import { authenticateSigV4, type Authenticated } from "../../auth/sigv4.js";
import { policyEngineFor } from "../../authorization/policy-engine.js";
import { requestFacts } from "../../authorization/request-facts.js";
import { credentialResolver } from "../../credential-resolver.js";
import { sealingKeyringFor } from "../../credentials/sealing-keyring.js";
import { sessionResolver } from "../../credentials/session-resolver.js";
import { rawBody } from "../../http/app.js";
import { AnchorageError, type ErrorCode } from "../../http/errors.js";
import { parseJsonBody } from "../../http/json-body.js";
import { callerOf, type CallerPrincipal } from "../../principal.js";
import type { ServicePlugin } from "../../service-context.js";
import { DECISION_LIMITS, parseDecisionInput } from "./decision-input.js";

/** The path of the decision API. */
export const AUTHORIZE_PATH = "/v1/authorize";
/** The signing name callers of the decision API sign with. */
export const AUTHORIZE_SIGNING_NAME = "anchorage";
/** The permission a caller of the decision API needs. */
export const AUTHORIZE_ACTION = "anchorage:Authorize";

/** Authentication failures of the downstream request: a decision (deny), not an error of the call. */
const DOWNSTREAM_AUTH_FAILURES: ReadonlySet<ErrorCode> = new Set([
  "MissingAuthenticationToken",
  "IncompleteSignature",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "RequestExpired",
  "ExpiredToken",
]);

/** Who signed the downstream request, as the decision reports it. */
export interface DecisionPrincipal {
  readonly arn: string;
  readonly accountId: string;
  /** `aws:PrincipalType`: `Account` (the root), `User` or `AssumedRole`. */
  readonly type: "Account" | "User" | "AssumedRole";
  readonly sessionName?: string;
  /** When the credentials expire (temporary credentials only). */
  readonly expiresAt?: string;
}

/** The decision API's answer. */
export interface DecisionOutput {
  readonly decision: Decision["decision"];
  readonly principal: DecisionPrincipal | null;
  readonly matchedStatements: readonly WireStatement[];
  readonly reason: string;
  /** Present when the downstream request did not authenticate: the error AWS would have answered. */
  readonly authentication?: { readonly code: string; readonly message: string };
}

interface WireStatement {
  readonly policy: string;
  readonly gate: MatchedStatement["gate"];
  readonly sid?: string;
  readonly index: number;
  readonly effect: MatchedStatement["effect"];
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

function principalOf(caller: CallerPrincipal, auth: Authenticated): DecisionPrincipal {
  const expiresAt = auth.expiresAt === undefined ? {} : { expiresAt: auth.expiresAt.toISOString() };
  switch (caller.kind) {
    case "root":
      return { arn: caller.arn, accountId: caller.accountId, type: "Account", ...expiresAt };
    case "user":
      return { arn: caller.arn, accountId: caller.accountId, type: "User", ...expiresAt };
    case "assumed-role":
      return {
        arn: caller.arn,
        accountId: caller.accountId,
        type: "AssumedRole",
        sessionName: caller.sessionName,
        ...expiresAt,
      };
  }
}

const statementToWire = (m: MatchedStatement): WireStatement => ({
  policy: m.policy,
  gate: m.gate,
  ...(m.sid === undefined ? {} : { sid: m.sid }),
  index: m.index,
  effect: m.effect,
  start: { line: m.start.line, column: m.start.column },
  end: { line: m.end.line, column: m.end.column },
});

/** `POST /v1/authorize`. */
export const decisionApiService: ServicePlugin = {
  name: "authorize-api",
  register(app, context) {
    const engine = policyEngineFor(context);
    const resolveCredentials = credentialResolver({
      store: context.store,
      accountId: context.accountId,
      lookupKey: (id) => engine.cache.longTermKey(id),
      sessions: sessionResolver({
        keyring: sealingKeyringFor(context.store, { random: context.random, clock: context.clock }),
        accountId: context.accountId,
      }),
    });
    app.post(
      AUTHORIZE_PATH,
      {
        config: { protocol: "json", auth: { services: [AUTHORIZE_SIGNING_NAME] } },
        bodyLimit: DECISION_LIMITS.bodyBytes,
      },
      async (request): Promise<DecisionOutput> => {
        const caller = callerOf(request.auth);
        await context.authorize({
          caller,
          action: AUTHORIZE_ACTION,
          resource: "*",
          request: requestFacts(request),
        });
        const input = parseDecisionInput(parseJsonBody(rawBody(request)));
        let downstream: Authenticated<unknown>;
        try {
          downstream = await authenticateSigV4(
            {
              method: input.request.method,
              rawUrl: input.request.rawUrl,
              headers: input.request.headers,
              payloadSha256: input.request.payloadHash,
            },
            {
              resolveCredentials,
              now: context.clock(),
              region: input.region ?? context.region,
              service: input.service ?? input.action.slice(0, input.action.indexOf(":")).toLowerCase(),
            },
          );
        } catch (error) {
          if (error instanceof AnchorageError && DOWNSTREAM_AUTH_FAILURES.has(error.code)) {
            request.log.info(
              { downstream: { code: error.code, detail: error.detail } },
              "downstream request did not authenticate",
            );
            return {
              decision: "ImplicitDeny",
              principal: null,
              matchedStatements: [],
              reason: `the request does not authenticate (${error.code}): ${error.message}`,
              authentication: { code: error.code, message: error.message },
            };
          }
          if (error instanceof AnchorageError && error.code === "Serialization") {
            throw new AnchorageError("Validation", `request: ${error.message}`, { cause: error });
          }
          throw error;
        }
        const principal = downstream.principal as CallerPrincipal;
        const decision = await engine.decide({
          caller: principal,
          action: input.action,
          resource: input.resource,
          context: input.context,
          request: { requestedRegion: downstream.region },
          ...(input.resourcePolicy === undefined
            ? {}
            : { resourcePolicy: engine.cache.text(input.resourcePolicy, "resource", "resource policy") }),
          ...(input.resourceAccount === undefined ? {} : { resourceAccount: input.resourceAccount }),
        });
        return {
          decision: decision.decision,
          principal: principalOf(principal, downstream),
          matchedStatements: decision.matchedStatements.map(statementToWire),
          reason: decision.reason,
        };
      },
    );
  },
};
