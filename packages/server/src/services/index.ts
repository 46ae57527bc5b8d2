// The services one Anchorage server serves on its port, in registration order.
import type { ServicePlugin } from "../service-context.js";
import { rolesAnywherePlugin } from "./rolesanywhere/index.js";

export const DEFAULT_SERVICES: readonly ServicePlugin[] = [rolesAnywherePlugin];
