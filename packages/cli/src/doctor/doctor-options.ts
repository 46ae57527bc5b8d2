// The flags of `anchorage doctor`: every flag of `credential-process` (a line from ~/.aws/config
// works with `credential-process` replaced by `doctor`; its --cache is accepted and ignored: doctor
// always makes a fresh CreateSession), plus where the admin credentials for the API checks come
// from and the output format.
import {
  CREDENTIAL_PROCESS_OPTIONS,
  type CredentialProcessOption,
} from "../client/credential-process-options.js";
import type { CredentialProcessFlags } from "../client/credential-process.js";

/** `doctor`'s own flags, after the credential ones. */
export const DOCTOR_OWN_OPTIONS: readonly CredentialProcessOption[] = [
  {
    name: "admin-credentials",
    value: "file",
    description:
      "an AWS shared-credentials file with keys that may read the trust anchor, CRLs, profile and role (e.g. an Anchorage server's <data-dir>/admin-credentials)",
  },
  {
    name: "aws-profile",
    value: "name",
    description: "the profile of those keys (in --admin-credentials, else in the standard AWS files)",
  },
  {
    name: "iam-endpoint",
    value: "url",
    description:
      "IAM endpoint for the role check (default: AWS's for the partition, or the --endpoint server)",
  },
  { name: "json", description: "print a machine-readable report (steps with id, status, message, fix)" },
];

export const DOCTOR_OPTIONS: readonly CredentialProcessOption[] = [
  ...CREDENTIAL_PROCESS_OPTIONS.map((o) =>
    o.name === "cache" ? { ...o, description: "ignored: doctor always makes a fresh CreateSession" } : o,
  ),
  ...DOCTOR_OWN_OPTIONS,
];

export interface DoctorFlags extends CredentialProcessFlags {
  readonly adminCredentials?: string;
  readonly awsProfile?: string;
  readonly iamEndpoint?: string;
  readonly json?: boolean;
}
