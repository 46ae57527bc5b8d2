// `POST /sessions`: IAM Roles Anywhere's CreateSession as a service plugin. Not authenticated by
// SigV4-HMAC (`auth: "none"`): the request authenticates itself with its X.509 signature, which the
// pipeline (create-session.ts) verifies. rest-json errors; the body is bounded to 64 KiB by the
// route (413 beyond) and headers by the app's maxHeaderSize (a 5-certificate chain needs ~110 KB).
//
// The plugin also keeps its caches honest on this replica: after a successful Roles Anywhere write
// the caches refresh before the response leaves (a DisableTrustAnchor answered is a
// DisableTrustAnchor honoured); GetSubject / ListSubjects first write what the recorder has queued
// (read-your-writes); closing the app stops the watchers and flushes the recorder before the store
// closes.
import { sharedPkiCache, type PkiCache } from "@anchorage/pki";
import {
  MAX_AUTHORIZATION_LENGTH,
  MAX_CERTIFICATE_BYTES,
  MAX_CHAIN_CERTS,
  MAX_CREATE_SESSION_BODY_BYTES,
  SESSIONS_PATH,
  X509CertificateCache,
} from "@anchorage/sigv4-x509";
import type { FastifyRequest } from "fastify";
import { policyEngineFor } from "../../authorization/policy-engine.js";
import { requestFacts } from "../../authorization/request-facts.js";
import type { AnchorageApp } from "../../http/app.js";
import { rawBody } from "../../http/app.js";
import type { ServicePlugin } from "../../service-context.js";
import { ActivityRecorder, type ActivityRecorderOptions } from "./activity-recorder.js";
import { createSession, type CreateSessionDeps } from "./create-session.js";
import { formatCreateSessionResponse } from "./create-session-response.js";
import { CreateSessionRefusal, REFUSAL_HEADER, refusalDetail, toAnchorageError } from "./refusal.js";
import { SessionCaches } from "./session-caches.js";

/**
 * The headers a CreateSession may need: the leaf and five chain certificates of at most 16 KiB of
 * DER each, in base64, the Authorization header, and 16 KiB for everything else (~152 KiB). The
 * server's maxHeaderSize (node's default is 16 KiB).
 */
export const CREATE_SESSION_MAX_HEADER_BYTES =
  (MAX_CHAIN_CERTS + 1) * 4 * Math.ceil(MAX_CERTIFICATE_BYTES / 3) + MAX_AUTHORIZATION_LENGTH + 16 * 1024;

/** Options of {@link sessionsService}. */
export interface SessionsServiceOptions {
  /** Generation poll period of the caches; default 500 ms. `false`: refresh by hand only. */
  readonly watchIntervalMs?: number | false;
  /** Allowed distance between X-Amz-Date and the server clock; default 5 minutes. */
  readonly maxClockSkewMs?: number;
  /** The subject recorder's tuning (flush interval, batch size, queue bound). */
  readonly recorder?: Omit<ActivityRecorderOptions, "store" | "log">;
  /** Path validation's cache; default the process-wide one. */
  readonly pki?: PkiCache;
}

/** What a registered CreateSession keeps, for tests and tools (`sessionsRuntime(app)`). */
export interface SessionsRuntime {
  readonly caches: SessionCaches;
  readonly recorder: ActivityRecorder;
}

const RUNTIMES = new WeakMap<object, SessionsRuntime>();

/** The CreateSession runtime registered on `app`, if any. */
export const sessionsRuntime = (app: AnchorageApp): SessionsRuntime | undefined => RUNTIMES.get(app);

const SUBJECT_ROUTES: ReadonlySet<string> = new Set(["/subjects", "/subject/:subjectId"]);

const isRolesAnywhereWrite = (request: FastifyRequest): boolean => {
  const auth = request.routeOptions.config.auth;
  return (
    request.method !== "GET" &&
    auth !== undefined &&
    auth !== "none" &&
    auth.services.includes("rolesanywhere") &&
    request.routeOptions.url !== SESSIONS_PATH
  );
};

/** CreateSession with the given tuning. */
export function sessionsService(options: SessionsServiceOptions = {}): ServicePlugin {
  return {
    name: "sessions",
    async register(app, context) {
      const pki = options.pki ?? sharedPkiCache();
      const caches = new SessionCaches({
        store: context.store,
        pki,
        log: context.log,
        ...(options.watchIntervalMs === undefined ? {} : { watchIntervalMs: options.watchIntervalMs }),
      });
      const recorder = new ActivityRecorder({ ...options.recorder, store: context.store, log: context.log });
      await caches.start();
      RUNTIMES.set(app, { caches, recorder });
      const deps: CreateSessionDeps = {
        context,
        engine: policyEngineFor(context),
        caches,
        recorder,
        certificates: new X509CertificateCache(),
        pki,
        ...(options.maxClockSkewMs === undefined ? {} : { maxClockSkewMs: options.maxClockSkewMs }),
      };

      app.post(
        SESSIONS_PATH,
        { config: { protocol: "rest-json", auth: "none" }, bodyLimit: MAX_CREATE_SESSION_BODY_BYTES },
        async (request, reply) => {
          try {
            const result = await createSession(
              deps,
              {
                method: request.raw.method ?? request.method,
                rawUrl: request.raw.url ?? request.url,
                rawHeaders: request.raw.rawHeaders,
                body: rawBody(request),
              },
              requestFacts(request),
            );
            return reply
              .code(201)
              .header("content-type", "application/json")
              .send(Buffer.from(formatCreateSessionResponse(result.response), "utf8"));
          } catch (error) {
            if (!(error instanceof CreateSessionRefusal)) throw error;
            request.log.warn(
              { createSession: refusalDetail(error) },
              `CreateSession refused at step ${error.step} (${error.code}): ${error.reason}`,
            );
            if (context.explainErrors) reply.header(REFUSAL_HEADER, `${error.step}/${error.code}`);
            throw toAnchorageError(error, context.explainErrors);
          }
        },
      );

      // Failures here must not fail the request they ride on: the write succeeded, and the
      // watchers (or the recorder's timer) catch up anyway.
      app.addHook("preHandler", async (request) => {
        const url = request.routeOptions.url;
        if (request.method !== "GET" || url === undefined || !SUBJECT_ROUTES.has(url)) return;
        await recorder
          .flush()
          .catch((error: unknown) =>
            request.log.warn({ err: error }, "could not write the queued subjects first"),
          );
      });
      app.addHook("onSend", async (request, reply, payload) => {
        if (reply.statusCode < 300 && isRolesAnywhereWrite(request)) {
          await caches
            .refresh()
            .catch((error: unknown) =>
              request.log.warn({ err: error }, "CreateSession caches: refresh after a write failed"),
            );
        }
        return payload;
      });
      app.addHook("onClose", async () => {
        caches.stop();
        await recorder.close();
      });
    },
  };
}

/** CreateSession with the defaults. */
export const sessionsPlugin: ServicePlugin = sessionsService();
