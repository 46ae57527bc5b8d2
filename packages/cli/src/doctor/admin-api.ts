// The admin APIs doctor reads through: credentials from --admin-credentials (a shared-credentials
// file), --aws-profile, or the standard AWS sources; Roles Anywhere at --endpoint, IAM at AWS's
// global endpoint for the partition or at the same Anchorage server.
import { access } from "node:fs/promises";
import { AwsCredentialsError, resolveAwsCredentials, type AwsCredentials } from "../aws/credentials.js";
import { iamEndpoint } from "./api/endpoints.js";
import { IamApi } from "./api/iam-api.js";
import { RolesAnywhereApi } from "./api/roles-anywhere-api.js";
import type { AdminApi, NoApi } from "./context.js";
import { DoctorUsageError, type DoctorConfig } from "./doctor-config.js";

export interface AdminApiInit {
  readonly config: DoctorConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly readFile: (path: string) => Promise<string | undefined>;
  readonly now: () => Date;
}

/** The credentials for the API checks, or why there are none (the checks are then skipped). */
export async function adminCredentials(init: AdminApiInit): Promise<AwsCredentials | NoApi> {
  const { config } = init;
  if (config.adminCredentialsFile !== undefined) {
    const file = config.adminCredentialsFile;
    try {
      await access(file);
    } catch (cause) {
      throw new DoctorUsageError(`--admin-credentials ${file} cannot be read`, { cause });
    }
    try {
      return await resolveAwsCredentials({
        profile: config.awsProfile ?? "default",
        env: { AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: file },
        readFile: init.readFile,
      });
    } catch (error) {
      if (error instanceof AwsCredentialsError)
        throw new DoctorUsageError(`--admin-credentials: ${error.message}`, { cause: error });
      throw error;
    }
  }
  try {
    return await resolveAwsCredentials({
      profile: config.awsProfile,
      env: init.env,
      readFile: init.readFile,
    });
  } catch (error) {
    if (!(error instanceof AwsCredentialsError)) throw error;
    if (config.awsProfile !== undefined)
      throw new DoctorUsageError(`--aws-profile: ${error.message}`, { cause: error });
    return { reason: "no admin credentials (none in AWS_ACCESS_KEY_ID, AWS_PROFILE or ~/.aws)" };
  }
}

/** Roles Anywhere and IAM signed with `credentials`. */
export function adminApi(config: DoctorConfig, credentials: AwsCredentials, now: () => Date): AdminApi {
  const { session } = config;
  const rolesAnywhere = new RolesAnywhereApi({
    endpoint: session.endpoint,
    region: session.region,
    credentials,
    now,
  });
  const iamAt = iamEndpoint(session.endpoint, session.region, config.partition, config.iamEndpoint);
  const iam = new IamApi({ endpoint: iamAt.url, region: iamAt.region, credentials, now });
  return {
    getTrustAnchor: (id) => rolesAnywhere.getTrustAnchor(id),
    listCrls: () => rolesAnywhere.listCrls(),
    getProfile: (id) => rolesAnywhere.getProfile(id),
    getRole: (name) => iam.getRole(name),
  };
}
