// The services one Anchorage server serves on its port, in registration order.
import type { ServicePlugin } from "../service-context.js";
import { decisionApiService } from "./authorize-api/decision-api.js";
import { iamStsService } from "./iam/query-service.js";
import { rolesAnywherePlugin } from "./rolesanywhere/index.js";
import { sessionsPlugin } from "./sessions/index.js";

export const DEFAULT_SERVICES: readonly ServicePlugin[] = [
  rolesAnywherePlugin,
  iamStsService,
  decisionApiService,
  sessionsPlugin,
];
