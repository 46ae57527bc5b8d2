// What the doctor steps share: the validated configuration, the seams (files, clock, the admin APIs,
// CreateSession's transport), the API lookups (each made once, whichever step asks first) and the
// facts earlier steps found (the parsed leaf, the loaded key, the chain…).
import type { HttpRequest, LoadedCertificate, SigningMaterial } from "@anchorage/credential-provider";
import type { ParsedCertificate, TrustAnchorSet } from "@anchorage/pki";
import type { ApiProblem } from "./api/api-errors.js";
import { apiProblem } from "./api/api-errors.js";
import { isAwsHost } from "./api/endpoints.js";
import type { RoleDetail } from "./api/iam-api.js";
import type { CrlDetail, ProfileDetail, TrustAnchorDetail } from "./api/roles-anywhere-api.js";
import type { DoctorConfig } from "./doctor-config.js";
import type { SessionSummary } from "./report.js";

/** A refusal explained by the server: CreateSession's step, the stable code, the precise reason. */
export interface ExplainedRefusal {
  /** What the client sees without --explain-errors (AWS's words). */
  readonly message: string;
  readonly step: string;
  readonly code: string;
  readonly reason: string;
}

/** The admin calls the checks make (RolesAnywhereApi + IamApi; tests pass fakes). */
export interface AdminApi {
  getTrustAnchor(id: string): Promise<TrustAnchorDetail>;
  listCrls(): Promise<CrlDetail[]>;
  getProfile(id: string): Promise<ProfileDetail>;
  getRole(roleName: string): Promise<RoleDetail>;
}

/** Why the API checks cannot run at all (no admin credentials). */
export interface NoApi {
  readonly reason: string;
}

/** A lookup's result: the value, or why there is none. */
export type Lookup<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly problem: ApiProblem | { readonly kind: "unavailable"; readonly message: string };
    };

/** The certificate the checks are about. */
export interface Leaf {
  readonly loaded: LoadedCertificate;
  readonly parsed: ParsedCertificate;
}

/** Facts steps leave for later steps. */
export interface DoctorFacts {
  /** Set by `files` when every named file could be read. */
  filesReadable?: boolean;
  /** Set by `files` (or by `key` for PKCS#12 / PKCS#11 certificates). */
  leaf?: Leaf;
  /** Set by `key`: the certificate and its key, loaded as credential-process loads them. */
  material?: SigningMaterial;
  /** Set by `chain`: the intermediates to send, in file order (undefined: they did not parse). */
  chain?: readonly Buffer[];
  chainParsed?: readonly ParsedCertificate[];
  /** Set by `trust-anchor`: the anchor's certificates, when its bundle is usable. */
  anchors?: TrustAnchorSet;
  /** Set by `path`: whether the leaf validates to the anchor. */
  pathValid?: boolean;
  /** Set by `create-session`. */
  session?: SessionSummary;
}

export interface DoctorContext {
  readonly config: DoctorConfig;
  /** One instant for the whole diagnosis (validity, path validation, trust policy time keys). */
  readonly now: Date;
  /** The signing clock of the real CreateSession. */
  readonly clock: () => Date;
  readonly env: NodeJS.ProcessEnv;
  /** Reads a whole file (bounded); every step reads through it, so all see the same bytes. */
  readonly readFile: (path: string) => Promise<Buffer>;
  /** Whether a passphrase prompt can be answered. */
  readonly interactive: () => boolean;
  /** The admin APIs, or why there are none. */
  readonly api: AdminApi | NoApi;
  /** Where the admin credentials came from (for messages), when there are some. */
  readonly apiCredentialsSource?: string;
  /** CreateSession's transport (default node:http/https). */
  readonly httpRequest?: HttpRequest;
  /**
   * Reads the precise reason out of a refusal message of an Anchorage server run with
   * --explain-errors (`undefined` for any other message, AWS's included).
   */
  readonly explainRefusal: (message: string) => Promise<ExplainedRefusal | undefined>;
  /**
   * An AWS CLI command line for a fix, aimed at the configured endpoint: `aws rolesanywhere … --region R`
   * (plus `--endpoint-url` when it is not AWS's), `aws iam …` (plus `--endpoint-url` likewise).
   */
  readonly aws: (service: "rolesanywhere" | "iam", args: string) => string;
  /** `--debug` lines (stderr). */
  readonly debug: (line: string) => void;
  readonly lookups: Lookups;
  readonly facts: DoctorFacts;
}

/** The `aws` command line of a fix for `config`'s endpoint and region. */
export function awsCommandFor(
  endpoint: URL,
  region: string,
  iamEndpoint: URL,
): (service: "rolesanywhere" | "iam", args: string) => string {
  return (service, args) => {
    const url = service === "iam" ? iamEndpoint : endpoint;
    const local = !isAwsHost(url);
    return `aws ${service} ${args}${service === "rolesanywhere" ? ` --region ${region}` : ""}${local ? ` --endpoint-url ${url.origin}` : ""}`;
  };
}

export const hasApi = (api: AdminApi | NoApi): api is AdminApi => !("reason" in api);

/** The API lookups, each made at most once. */
export class Lookups {
  readonly #api: AdminApi | NoApi;
  readonly #memo = new Map<string, Promise<Lookup<unknown>>>();

  constructor(api: AdminApi | NoApi) {
    this.#api = api;
  }

  #once<T>(key: string, fetch: (api: AdminApi) => Promise<T>): Promise<Lookup<T>> {
    let found = this.#memo.get(key) as Promise<Lookup<T>> | undefined;
    if (found === undefined) {
      const api = this.#api;
      found = hasApi(api)
        ? fetch(api).then(
            (value): Lookup<T> => ({ ok: true, value }),
            (error: unknown): Lookup<T> => ({ ok: false, problem: apiProblem(error) }),
          )
        : Promise.resolve({ ok: false, problem: { kind: "unavailable", message: api.reason } });
      this.#memo.set(key, found);
    }
    return found;
  }

  trustAnchor(id: string): Promise<Lookup<TrustAnchorDetail>> {
    return this.#once(`anchor:${id}`, (api) => api.getTrustAnchor(id));
  }

  crls(): Promise<Lookup<CrlDetail[]>> {
    return this.#once("crls", (api) => api.listCrls());
  }

  profile(id: string): Promise<Lookup<ProfileDetail>> {
    return this.#once(`profile:${id}`, (api) => api.getProfile(id));
  }

  role(name: string): Promise<Lookup<RoleDetail>> {
    return this.#once(`role:${name}`, (api) => api.getRole(name));
  }
}
