// The flags of `anchorage doctor`: every flag of `credential-process` but --cache (a line from
// ~/.aws/config works with `credential-process` replaced by `doctor`), plus where the admin
// credentials for the API checks come from and the output format.
import type { CredentialProcessOption } from "../client/credential-process-options.js";
import type { CredentialProcessFlags } from "../client/credential-process.js";
import { CREDENTIAL_OPTIONS } from "../serve/serve-options.js";

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
  ...CREDENTIAL_OPTIONS,
  ...DOCTOR_OWN_OPTIONS,
];

export interface DoctorFlags extends CredentialProcessFlags {
  readonly adminCredentials?: string;
  readonly awsProfile?: string;
  readonly iamEndpoint?: string;
  readonly json?: boolean;
}
