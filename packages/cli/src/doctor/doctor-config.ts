// `doctor`'s flags, validated before any check runs: the same session configuration
// `credential-process` builds (a bad ARN, region, duration or endpoint is bad usage: exit 2).
import {
  CLI_OPTION_NAMES,
  CreateSessionError,
  HELPER_DEFAULT_DURATION_SECONDS,
  parseArn,
  resolveSessionConfig,
  type SessionConfig,
} from "@anchorage/credential-provider";
import type { DoctorFlags } from "./doctor-options.js";

/** A bad command line: exit 2. */
export class DoctorUsageError extends Error {
  override readonly name = "DoctorUsageError";
}

export interface MaterialFlags {
  readonly certificate: string;
  readonly privateKey?: string;
  readonly intermediates?: string;
  readonly passphrase?: string;
  readonly passphraseFile?: string;
  readonly pkcs11Lib?: string;
  readonly reusePin?: boolean;
}

export interface DoctorConfig {
  /** What CreateSession is called with (the duration is what credential-process sends). */
  readonly session: SessionConfig & { readonly durationSeconds: number };
  /** Whether --session-duration was given (else the helper's 3600 is sent). */
  readonly durationFromFlag: boolean;
  readonly partition: string;
  /** The account of the trust anchor ARN (aws:SourceAccount). */
  readonly accountId: string;
  readonly material: MaterialFlags;
  readonly verifySsl: boolean;
  readonly withProxy: boolean;
  readonly debug: boolean;
  readonly json: boolean;
  readonly adminCredentialsFile?: string;
  readonly awsProfile?: string;
  readonly iamEndpoint?: URL;
}

/** The id at the end of a Roles Anywhere ARN (`…:trust-anchor/<id>`). */
export const resourceId = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);

/** The role's name: the last segment of `arn:aws:iam::<account>:role[/path]/<name>`. */
export const roleName = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);

/**
 * Validates the flags.
 *
 * @throws DoctorUsageError naming the flag.
 */
export function doctorConfig(flags: DoctorFlags): DoctorConfig {
  if (flags.certificate === undefined || flags.certificate === "")
    throw new DoctorUsageError("--certificate is required (the certificate to check)");
  const duration = flags.sessionDuration;
  if (duration !== undefined && !/^\d{1,9}$/.test(duration.trim()))
    throw new DoctorUsageError(
      `--session-duration ${JSON.stringify(duration.slice(0, 40))} is not a whole number of seconds`,
    );
  let session: SessionConfig;
  try {
    session = resolveSessionConfig(
      {
        trustAnchorArn: flags.trustAnchorArn ?? "",
        profileArn: flags.profileArn ?? "",
        roleArn: flags.roleArn ?? "",
        region: flags.region,
        endpoint: flags.endpoint,
        durationSeconds: duration === undefined ? HELPER_DEFAULT_DURATION_SECONDS : Number(duration.trim()),
        roleSessionName: flags.roleSessionName,
      },
      CLI_OPTION_NAMES,
    );
  } catch (error) {
    if (error instanceof CreateSessionError) throw new DoctorUsageError(error.message, { cause: error });
    throw error;
  }
  let iamEndpoint: URL | undefined;
  if (flags.iamEndpoint !== undefined) {
    try {
      iamEndpoint = new URL(flags.iamEndpoint);
    } catch (cause) {
      throw new DoctorUsageError(`--iam-endpoint ${JSON.stringify(flags.iamEndpoint)} is not a URL`, {
        cause,
      });
    }
    if (iamEndpoint.protocol !== "http:" && iamEndpoint.protocol !== "https:")
      throw new DoctorUsageError(`--iam-endpoint ${JSON.stringify(flags.iamEndpoint)} must be http(s)`);
  }
  const anchor = parseArn(session.trustAnchorArn);
  return {
    session: { ...session, durationSeconds: session.durationSeconds ?? HELPER_DEFAULT_DURATION_SECONDS },
    durationFromFlag: duration !== undefined,
    partition: anchor.ok ? anchor.arn.partition : "aws",
    accountId: anchor.ok ? anchor.arn.accountId : "",
    material: {
      certificate: flags.certificate,
      ...(flags.privateKey === undefined ? {} : { privateKey: flags.privateKey }),
      ...(flags.intermediates === undefined ? {} : { intermediates: flags.intermediates }),
      ...(flags.pkcs8Password === undefined ? {} : { passphrase: flags.pkcs8Password }),
      ...(flags.passphraseFile === undefined ? {} : { passphraseFile: flags.passphraseFile }),
      ...(flags.pkcs11Lib === undefined ? {} : { pkcs11Lib: flags.pkcs11Lib }),
      ...(flags.reusePin === undefined ? {} : { reusePin: flags.reusePin }),
    },
    verifySsl: flags.verifySsl !== false,
    withProxy: flags.withProxy === true,
    debug: flags.debug === true,
    json: flags.json === true,
    ...(flags.adminCredentials === undefined ? {} : { adminCredentialsFile: flags.adminCredentials }),
    ...(flags.awsProfile === undefined ? {} : { awsProfile: flags.awsProfile }),
    ...(iamEndpoint === undefined ? {} : { iamEndpoint }),
  };
}
