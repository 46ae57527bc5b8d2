// Where the CLI's admin calls go. Against AWS, Roles Anywhere is regional and IAM is global (one
// endpoint and signing region per partition); against an Anchorage server every service answers on
// the server's one URL and signs with the server's region.

/** An endpoint and the region requests to it are signed for. */
export interface ServiceEndpoint {
  readonly url: URL;
  readonly region: string;
}

/** IAM's global endpoint and signing region per AWS partition. */
const AWS_IAM: Readonly<Record<string, ServiceEndpoint>> = {
  aws: { url: new URL("https://iam.amazonaws.com"), region: "us-east-1" },
  "aws-cn": { url: new URL("https://iam.cn-north-1.amazonaws.com.cn"), region: "cn-north-1" },
  "aws-us-gov": { url: new URL("https://iam.us-gov.amazonaws.com"), region: "us-gov-west-1" },
};

/** True for AWS's own hosts (`*.amazonaws.com`, `*.amazonaws.com.cn`, `*.api.aws`). */
export const isAwsHost = (url: URL): boolean => /(^|\.)(amazonaws\.com(\.cn)?|api\.aws)$/i.test(url.hostname);

/**
 * The IAM endpoint for a Roles Anywhere endpoint: AWS's global one for the partition when the
 * Roles Anywhere endpoint is AWS's, else the same server (Anchorage serves IAM on its one port),
 * unless `override` names one.
 *
 * @example
 * iamEndpoint(new URL("http://127.0.0.1:7911"), "us-east-1", "aws") // { url: http://127.0.0.1:7911/, region: "us-east-1" }
 * iamEndpoint(new URL("https://rolesanywhere.eu-west-1.amazonaws.com"), "eu-west-1", "aws") // iam.amazonaws.com, us-east-1
 */
export function iamEndpoint(
  rolesAnywhere: URL,
  region: string,
  partition: string,
  override?: URL,
): ServiceEndpoint {
  const url = override ?? rolesAnywhere;
  if (!isAwsHost(url)) return { url, region };
  const global = AWS_IAM[partition] ?? AWS_IAM.aws!;
  return override === undefined ? global : { url: override, region: global.region };
}
