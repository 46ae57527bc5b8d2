// The account root's access key, handed to the operator once, on first start, as an AWS
// shared-credentials file (profile `default`) in the data directory.
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-file.js";

export const ADMIN_CREDENTIALS_FILE = "admin-credentials";

export interface AccessKeyPair {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The shared-credentials INI text for `key` under `profile`. */
export const formatCredentialsIni = (key: AccessKeyPair, profile = "default"): string =>
  `[${profile}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`;

/** Writes `<dataDir>/admin-credentials` (mode 0600, atomically) and returns its path. */
export async function writeAdminCredentials(dataDir: string, key: AccessKeyPair): Promise<string> {
  const path = join(dataDir, ADMIN_CREDENTIALS_FILE);
  await writeFileAtomic(path, formatCredentialsIni(key));
  return path;
}
