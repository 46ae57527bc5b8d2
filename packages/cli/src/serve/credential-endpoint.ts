import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SessionCredentials } from "@anchorage/credential-provider";
import { writeGoResponse } from "./go-response.js";
import type { GoAnswer } from "./go-response.js";
import { formatEcsCredentials, formatImdsCredentials } from "./imds-credentials-json.js";
import {
  FORWARDED_FOR_HEADER,
  routeImds,
  TOKEN_HEADER,
  TOKEN_TTL_HEADER,
  TOKEN_TTL_HEADER_WIRE,
} from "./imds-paths.js";
import type { ImdsTokens } from "./imds-tokens.js";
import { parseTokenTtl } from "./imds-tokens.js";

/** The path of the ECS container-credentials endpoint (`--ecs`). */
export const ECS_PATH = "/v1/credentials";
/** Largest request body read (IMDS and ECS requests have none); larger ones close the connection. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024;
/** Status when no valid credentials exist (the last refresh failed and the old ones expired). */
export const NO_CREDENTIALS_STATUS = 503;

/** Where valid credentials come from (a `RefreshingCredentials`). */
export interface CredentialSource {
  /** Rejects when none are valid; never resolves to expired credentials. */
  get(): Promise<SessionCredentials>;
  /** When the credentials `get()` last returned were fetched (ms). */
  readonly lastUpdated: number;
}

export interface CredentialEndpointOptions {
  readonly source: CredentialSource;
  /** The role's name (last segment of the role ARN's path): what `…/security-credentials/` lists. */
  readonly roleName: string;
  readonly roleArn: string;
  readonly tokens: ImdsTokens;
  readonly now: () => number;
  /** Status lines; never secrets. */
  readonly log: (line: string) => void;
  /** The ECS endpoint's authorization token (`--ecs`); without it {@link ECS_PATH} is an IMDS 404. */
  readonly ecsToken?: string;
}

const text = (
  status: number,
  body: string,
  headers: readonly (readonly [string, string])[] = [],
): GoAnswer => ({
  status,
  body,
  headers,
});
const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function equalSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  // timingSafeEqual needs equal lengths; compare b with itself so a length mismatch costs the same.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}

/**
 * The request handler of `anchorage serve`: the IMDSv2 token flow and credential paths exactly as
 * AWS's helper v1.4 answers them (statuses, bodies, header names and order), and with `ecsToken` the
 * ECS container-credentials endpoint at {@link ECS_PATH}. When no valid credentials exist it answers
 * {@link NO_CREDENTIALS_STATUS} with a reason, never empty or expired credentials. Request bodies
 * are bounded (none is expected).
 */
export function credentialEndpoint(
  options: CredentialEndpointOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { tokens, now, log } = options;

  const imds = async (req: IncomingMessage, path: string): Promise<GoAnswer> => {
    const route = routeImds(path, options.roleName);
    switch (route.kind) {
      case "redirect": {
        const get = req.method === "GET";
        return {
          status: 301,
          headers: [
            ["Location", route.location],
            ...(get || req.method === "HEAD" ? [["Content-Type", "text/html; charset=utf-8"] as const] : []),
          ],
          body: get ? `<a href="${route.location}">Moved Permanently</a>.\n\n` : "",
        };
      }
      case "not-found":
        return text(404, "404 page not found\n", [
          ["Content-Type", "text/plain; charset=utf-8"],
          ["X-Content-Type-Options", "nosniff"],
        ]);
      case "token": {
        if (req.method !== "PUT") return { status: 405 };
        if ((header(req, FORWARDED_FOR_HEADER) ?? "") !== "")
          return text(400, "unable to process requests with X-Forwarded-For header");
        const raw = header(req, TOKEN_TTL_HEADER);
        const ttl = parseTokenTtl(raw);
        if (ttl === undefined) return text(400, "invalid token TTL");
        const token = tokens.issue(ttl);
        return text(200, token, [
          [TOKEN_TTL_HEADER_WIRE, raw === undefined || raw === "" ? String(ttl) : raw],
        ]);
      }
      case "role-name":
      case "credentials": {
        if (req.method !== "GET") return { status: 405 };
        const token = header(req, TOKEN_HEADER) ?? "";
        // The helper logs token errors of the credentials path only.
        const refuse = (why: string): GoAnswer => {
          if (route.kind === "credentials") log(`Token validation received error: ${why}`);
          return text(401, why);
        };
        if (token === "") return refuse("no token provided");
        const remaining = tokens.remainingSeconds(token);
        if (remaining === undefined) return refuse("invalid token provided");
        if (route.kind === "role-name")
          return text(200, options.roleName, [[TOKEN_TTL_HEADER_WIRE, String(remaining)]]);
        try {
          const credentials = await options.source.get();
          return text(200, formatImdsCredentials(credentials, options.source.lastUpdated));
        } catch (error) {
          log(`answering ${NO_CREDENTIALS_STATUS}: ${messageOf(error)}`);
          return text(NO_CREDENTIALS_STATUS, `${messageOf(error)}\n`);
        }
      }
    }
  };

  const ecs = async (req: IncomingMessage): Promise<GoAnswer> => {
    const json = (status: number, code: string, message: string): GoAnswer => ({
      status,
      headers: [["Content-Type", "application/json"]],
      body: `${JSON.stringify({ Code: code, Message: message })}\n`,
    });
    if (req.method !== "GET")
      return {
        ...json(405, "MethodNotAllowed", "use GET"),
        headers: [
          ["Allow", "GET"],
          ["Content-Type", "application/json"],
        ],
      };
    const given = header(req, "authorization") ?? "";
    if (given === "" || !equalSecret(given, options.ecsToken ?? "")) {
      log(`ECS request refused: ${given === "" ? "no" : "wrong"} Authorization token`);
      return json(
        401,
        "Unauthorized",
        "missing or wrong Authorization token (AWS_CONTAINER_AUTHORIZATION_TOKEN)",
      );
    }
    try {
      const credentials = await options.source.get();
      return {
        status: 200,
        headers: [["Content-Type", "application/json"]],
        body: formatEcsCredentials(credentials, options.roleArn),
      };
    } catch (error) {
      log(`answering ${NO_CREDENTIALS_STATUS}: ${messageOf(error)}`);
      return json(NO_CREDENTIALS_STATUS, "ServiceUnavailable", messageOf(error));
    }
  };

  return (req, res) => {
    let received = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_REQUEST_BODY_BYTES && !tooLarge) {
        tooLarge = true;
        log(`request body over ${MAX_REQUEST_BODY_BYTES} bytes: connection closed`);
        req.socket.destroy();
      }
    });
    req.on("end", () => {
      if (tooLarge) return;
      const target = req.url ?? "/";
      const path = target.split("?", 1)[0] ?? "/";
      const answer = options.ecsToken !== undefined && path === ECS_PATH ? ecs(req) : imds(req, path);
      answer.then(
        (a) => writeGoResponse(res, a, now()),
        (error: unknown) => {
          log(`internal error: ${messageOf(error)}`);
          writeGoResponse(res, text(500, "internal error\n"), now());
        },
      );
    });
  };
}
