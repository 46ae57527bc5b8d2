// What quickstart creates, by name, and the policy documents it gives the role: a trust policy for
// Roles Anywhere conditioned on the client certificate's CN and on the trust anchor, and s3:*.

/** The name of the trust anchor, the role and the profile (how a re-run finds them). */
export const QUICKSTART_NAME = "anchorage-quickstart";
export const CA_COMMON_NAME = "Anchorage Quickstart CA";
export const CLIENT_COMMON_NAME = "quickstart-client";
/** The profile's session policy: sessions may read S3, whatever the role allows. */
export const SESSION_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
export const INLINE_POLICY_NAME = "s3-all";
/** The tag on what quickstart creates. */
export const QUICKSTART_TAG = { key: "created-by", value: "anchorage-quickstart" } as const;

/** The role's trust policy: Roles Anywhere, for certificates with this CN under this trust anchor. */
export function quickstartTrustPolicy(trustAnchorArn: string, commonName: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "rolesanywhere.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        Condition: {
          StringEquals: { "aws:PrincipalTag/x509Subject/CN": commonName },
          ArnEquals: { "aws:SourceArn": trustAnchorArn },
        },
      },
    ],
  });
}

/** The role's own permissions: all of S3 (the profile's session policy narrows it to reading). */
export const S3_ALL_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
});

/** Two policy documents are the same when their JSON is (formatting aside). */
export function samePolicy(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}
