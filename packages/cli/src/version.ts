/** The Anchorage release, printed by `anchorage version` and sent in the User-Agent. */
export const VERSION = "0.1.0";
