// IAM Roles Anywhere's control plane: the plugin and the pieces other services reuse.
export { rolesAnywherePlugin, rolesAnywhereHandlers, rolesAnywhereService } from "./plugin.js";
export { formatArn, parseArn, type ResourceType, type RolesAnywhereArn } from "./arns.js";
export { DEFAULT_ATTRIBUTE_MAPPINGS } from "./attribute-mappings.js";
export { DEFAULT_NOTIFICATION_SETTINGS } from "./notification-settings.js";
export { QUOTAS } from "./quotas.js";
