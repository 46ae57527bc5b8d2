// What every service (Roles Anywhere, IAM, STS, the decision API) is handed at registration:
// the store, the clock and randomness of the composition root, the account, and authorization.
import type { Logger } from "pino";
import type { Authorizer } from "./authorize.js";
import type { AnchorageApp } from "./http/app.js";
import type { RandomBytes } from "./http/request-id.js";
import type { Store } from "./store/store.js";

export interface ServiceContext {
  readonly store: Store;
  readonly clock: () => Date;
  readonly random: RandomBytes;
  /** The account this server serves (12 digits). */
  readonly accountId: string;
  /** The region this server serves; ARNs and credential scopes use it. */
  readonly region: string;
  /** The ARN partition (`aws`). */
  readonly partition: string;
  /** Asks whether the caller may perform an action; throws AccessDenied when not. */
  readonly authorize: Authorizer;
  /** Put the precise reason of a refusal in the response too, not only in the log (development). */
  readonly explainErrors: boolean;
  readonly log: Logger;
}

/** A service: registers its routes on the app. */
export interface ServicePlugin {
  readonly name: string;
  register(app: AnchorageApp, context: ServiceContext): void | Promise<void>;
}
