// What a Create operation stores for members the request leaves out (spec §1.2, §1.6). The
// attribute-mapping and notification defaults live with their operations
// (attribute-mappings.ts, notification-settings.ts).

/**
 * `enabled` of a trust anchor, profile or CRL created without it. The model makes it optional and
 * AWS does not document the default (spec §1.6, UNCONFIRMED); the AWS CLI and SDKs send nothing
 * unless `--enabled` / `--no-enabled` is given, and the console sends `true` explicitly. Disabled is
 * the safe default: nothing authenticates through a resource until someone enables it.
 */
export const ENABLED_WHEN_OMITTED = false;

/** A profile's session duration when CreateProfile has no `durationSeconds` (the model's documentation). */
export const DEFAULT_DURATION_SECONDS = 3600;

/** A profile accepts a custom role session name only when asked (UG; spec §5.7). */
export const DEFAULT_ACCEPT_ROLE_SESSION_NAME = false;

/** "Unused, saved for future use" (the model): stored and echoed, never enforced. */
export const DEFAULT_REQUIRE_INSTANCE_PROPERTIES = false;
