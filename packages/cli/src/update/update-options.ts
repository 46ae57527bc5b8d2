import type { CredentialProcessOption } from "../client/credential-process-options.js";

/** `update`'s own flags, after the credential ones (AWS's helper's names). */
export const UPDATE_OPTIONS: readonly CredentialProcessOption[] = [
  {
    name: "profile",
    value: "name",
    description: "profile of the credentials file to write (default: default)",
  },
  { name: "once", description: "write the credentials once and exit (default: keep refreshing them)" },
];

export interface UpdateOwnFlags {
  readonly profile?: string;
  readonly once?: boolean;
}

/** A profile name the credentials file can hold: no brackets, no line breaks, not blank. */
export function checkProfileName(name: string): string | undefined {
  if (name.trim() === "" || /[[\]\r\n]/.test(name) || name !== name.trim())
    return `--profile ${JSON.stringify(name.slice(0, 60))} is not a usable profile name`;
  return undefined;
}

/** Go's `time.Time.String()` in UTC, as the helper logs the refresh time: `2044-12-31 23:55:00 +0000 UTC`. */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}
