/**
 * ARNs as the policy language sees them: `arn:partition:service:region:account:resource`, six fields
 * separated by the first five colons; the resource field may itself contain colons
 * (IUG reference_identifiers.html; iam-sts.md §2.2 "ARN split into 6 colon fields").
 */

/** The six fields of an ARN. */
export type ArnFields = readonly [string, string, string, string, string, string];

/**
 * Splits an ARN at its first five colons. `undefined` when the text has fewer than five colons or
 * does not start with `arn:`.
 *
 * @example
 * splitArn("arn:aws:sts::123456789012:assumed-role/R/S")?.[4]; // "123456789012"
 */
export function splitArn(text: string): ArnFields | undefined {
  if (!text.startsWith("arn:")) return undefined;
  const c1 = 3;
  const c2 = text.indexOf(":", c1 + 1);
  if (c2 < 0) return undefined;
  const c3 = text.indexOf(":", c2 + 1);
  if (c3 < 0) return undefined;
  const c4 = text.indexOf(":", c3 + 1);
  if (c4 < 0) return undefined;
  const c5 = text.indexOf(":", c4 + 1);
  if (c5 < 0) return undefined;
  return [
    "arn",
    text.slice(c1 + 1, c2),
    text.slice(c2 + 1, c3),
    text.slice(c3 + 1, c4),
    text.slice(c4 + 1, c5),
    text.slice(c5 + 1),
  ];
}

/** The account field of an ARN, or `undefined` when the text is not an ARN or the field is empty. */
export function arnAccount(text: string): string | undefined {
  const account = splitArn(text)?.[4];
  return account === "" ? undefined : account;
}

/**
 * The session ARN of an assumed role, from the role ARN (paths are dropped: an assumed-role ARN has
 * no path, iam-sts.md §3.2 and §7.3).
 *
 * @example
 * assumedRoleArn("arn:aws:iam::123456789012:role/ops/Deploy", "ci")
 * // "arn:aws:sts::123456789012:assumed-role/Deploy/ci"
 */
export function assumedRoleArn(roleArn: string, sessionName: string): string {
  const f = splitArn(roleArn);
  if (!f || f[2] !== "iam" || !f[5].startsWith("role/")) {
    throw new TypeError(`not a role ARN: "${roleArn}" (expected arn:aws:iam::ACCOUNT:role/NAME)`);
  }
  const name = f[5].slice(f[5].lastIndexOf("/") + 1);
  return `arn:${f[1]}:sts::${f[4]}:assumed-role/${name}/${sessionName}`;
}
