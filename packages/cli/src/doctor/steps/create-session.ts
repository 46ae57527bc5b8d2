// Step `create-session`: a REAL CreateSession with the loaded key and chain, exactly as
// credential-process makes it. On success: the assumed-role ARN, the expiry and the source identity
// (never the credentials). On a refusal: AWS's error, and — from an Anchorage server run with
// --explain-errors — the precise reason (CreateSession's step, code and why), read from the full
// response (the transport seam keeps it: the error's message is shortened).
import {
  createSession,
  CreateSessionError,
  decodeBody,
  nodeHttpRequest,
  userAgent,
  type CreateSessionEvent,
  type HttpRequest,
  type WireResponse,
} from "@anchorage/credential-provider";
import { VERSION } from "../../version.js";
import type { DoctorContext } from "../context.js";
import { fail, pass, skip, type DoctorStep, type StepOutcome } from "../step.js";

/** Which doctor check looks at what each step of the server's CreateSession refused. */
export const CHECK_FOR_SERVER_STEP: Readonly<Record<string, string>> = {
  request: "key",
  signature: "key",
  parameters: "profile",
  "trust-anchor": "trust-anchor",
  "certificate-path": "path",
  profile: "profile",
  role: "role",
  session: "profile",
  "trust-policy": "trust-policy",
  credentials: "role",
};

const MAX_BODY = 256 * 1024;

/** The refusal's message, read whole from the response body. */
async function fullMessage(response: WireResponse): Promise<string | undefined> {
  try {
    const body = await decodeBody(response.body, response.headers["content-encoding"], MAX_BODY);
    const json: unknown = JSON.parse(body.toString("utf8"));
    if (typeof json !== "object" || json === null) return undefined;
    const { message, Message } = json as { message?: unknown; Message?: unknown };
    const text = typeof message === "string" ? message : typeof Message === "string" ? Message : undefined;
    return text?.replace(/\s*\n\s*/g, " ").slice(0, 8192);
  } catch (error) {
    if (error instanceof SyntaxError || (error instanceof Error && error.name === "TransportError"))
      return undefined;
    throw error;
  }
}

function debugLine(event: CreateSessionEvent): string {
  switch (event.type) {
    case "request":
      return `CreateSession attempt ${event.attempt}: POST ${event.url.href}`;
    case "response":
      return `CreateSession attempt ${event.attempt}: HTTP ${event.status}${event.requestId === undefined ? "" : ` (request id ${event.requestId})`}`;
    case "network-error":
      return `CreateSession attempt ${event.attempt}: ${event.message}`;
  }
}

export const createSessionStep: DoctorStep<DoctorContext> = {
  id: "create-session",
  title: "CreateSession",
  async run(context): Promise<StepOutcome> {
    const material = context.facts.material;
    if (material === undefined) return skip("needs the certificate and its key (see files and key)");
    const chain = context.facts.chain;
    if (chain === undefined) return skip("needs the intermediates (see chain)");
    const { config } = context;
    let last: WireResponse | undefined;
    const transport = context.httpRequest ?? nodeHttpRequest;
    const httpRequest: HttpRequest = async (request, options) => (last = await transport(request, options));
    try {
      const result = await createSession({
        material: { certificate: material.certificate, chain: [...chain], privateKey: material.privateKey },
        config: config.session,
        now: context.clock,
        userAgent: userAgent("anchorage", VERSION),
        httpRequest,
        verifySsl: config.verifySsl,
        withProxy: config.withProxy,
        env: context.env,
        onEvent: config.debug ? (event) => context.debug(debugLine(event)) : undefined,
      });
      context.facts.session = {
        assumedRoleArn: result.assumedRoleUser?.arn,
        expiration: result.credentials.expiration,
        sourceIdentity: result.sourceIdentity,
      };
      return pass(
        `credentials issued for ${result.assumedRoleUser?.arn ?? config.session.roleArn}, expiring ${result.credentials.expiration}${result.sourceIdentity === undefined ? "" : `, source identity ${result.sourceIdentity}`} (not shown)`,
      );
    } catch (error) {
      if (!(error instanceof CreateSessionError)) throw error;
      if (error.step === "connect")
        return fail(
          error.message,
          `check --endpoint (${config.session.endpoint.origin}) and that the server is running`,
        );
      if (error.step !== "http" || last === undefined)
        return fail(error.message, "see the message; the checks above may show the cause");
      const message = (await fullMessage(last)) ?? error.serverMessage ?? "";
      const explained = await context.explainRefusal(message);
      const refused = `CreateSession refused: ${error.errorType ?? `HTTP ${error.status}`}: ${explained?.message ?? message} (HTTP ${error.status}${error.requestId === undefined ? "" : `, request id ${error.requestId}`})`;
      if (explained === undefined)
        return fail(
          refused,
          "the endpoint does not say why (AWS never does); the checks above show what differs — an Anchorage server run with --explain-errors gives the precise reason",
        );
      return fail(
        `${refused}; the server explains: ${explained.step}/${explained.code}: ${explained.reason}`,
        `fix what the reason names (the ${CHECK_FOR_SERVER_STEP[explained.step] ?? explained.step} check covers it)`,
      );
    }
  },
};
