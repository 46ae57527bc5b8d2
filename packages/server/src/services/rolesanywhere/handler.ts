// The shape of a Roles Anywhere operation handler: typed input and output per operation (from the
// generated model types), the caller of the request, and the service's dependencies.
import type { FastifyBaseLogger } from "fastify";
import type { RolesAnywhereOperationName, RolesAnywhereOperations } from "../../generated/rolesanywhere.js";
import type { CallerPrincipal } from "../../principal.js";
import type { ServiceContext } from "../../service-context.js";
import type { ArnScope } from "./arns.js";
import type { PageTokens } from "./pagination.js";

/** What a handler knows about the request beyond its input. */
export interface Call {
  readonly caller: CallerPrincipal;
  readonly log: FastifyBaseLogger;
  /**
   * Asks the server's authorizer whether the caller may perform `rolesanywhere:<operation>` on
   * `resource` (an ARN, or `*` for creates and lists); throws AccessDenied when not.
   */
  authorize(
    operation: RolesAnywhereOperationName,
    resource: string,
    context?: Readonly<Record<string, string | readonly string[]>>,
  ): Promise<void>;
}

/** What every handler of the service shares. */
export interface RolesAnywhere {
  readonly context: ServiceContext;
  /** This server's partition, region and account, for ARNs. */
  readonly scope: ArnScope;
  readonly pageTokens: PageTokens;
  /** A new resource id: a lower-case v4 UUID from the context's randomness. */
  newId(): string;
}

export type Handler<K extends RolesAnywhereOperationName> = (
  input: RolesAnywhereOperations[K]["input"],
  call: Call,
) => Promise<RolesAnywhereOperations[K]["output"]>;

/** One handler per operation of the model. */
export type Handlers = { readonly [K in RolesAnywhereOperationName]: Handler<K> };
