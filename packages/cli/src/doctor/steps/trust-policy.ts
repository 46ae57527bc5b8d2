// Step `trust-policy`: the role's trust policy lets rolesanywhere.amazonaws.com perform
// sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity for THIS certificate, evaluated as
// CreateSession will evaluate it: the principal tags the profile's attribute mappings give the
// certificate, aws:SourceArn = the trust anchor, sts:SourceIdentity, the session name. When it does
// not allow, the statement and condition that refuse; when it allows without an aws:SourceArn or a
// subject condition, a warning (pitfall P10: any certificate of any anchor could assume the role).
import {
  certificateAttributes,
  compileAttributeMappings,
  DEFAULT_ATTRIBUTE_MAPPINGS,
  defaultRoleSessionName,
  sessionTags,
  sourceIdentity,
} from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { resourceId, roleName } from "../doctor-config.js";
import { analyzeTrust, describeFailedCondition } from "../trust-analysis.js";
import { trustContext } from "../trust-context.js";
import { fail, pass, skip, warn, type DoctorStep, type StepOutcome } from "../step.js";

export const trustPolicyStep: DoctorStep<DoctorContext> = {
  id: "trust-policy",
  title: "role trust policy",
  async run(context): Promise<StepOutcome> {
    const { session, accountId } = context.config;
    const leaf = context.facts.leaf;
    if (leaf === undefined) return skip("needs the certificate (see files)");
    const role = await context.lookups.role(roleName(session.roleArn));
    if (!role.ok) return skip("needs the role's trust policy (see role)");
    const profile = await context.lookups.profile(resourceId(session.profileArn));
    // GetProfile always returns the mappings (a new profile gets the defaults); without the profile,
    // the defaults are the best guess.
    const mappings = profile.ok
      ? (profile.value.attributeMappings ?? DEFAULT_ATTRIBUTE_MAPPINGS)
      : DEFAULT_ATTRIBUTE_MAPPINGS;
    const tags = sessionTags(certificateAttributes(leaf.parsed), compileAttributeMappings(mappings));
    const context_ = trustContext({
      trustAnchorArn: session.trustAnchorArn,
      accountId,
      tags,
      sourceIdentity: sourceIdentity(leaf.parsed),
      sessionName: session.roleSessionName ?? defaultRoleSessionName(leaf.parsed),
      now: context.now,
      secureTransport: session.endpoint.protocol === "https:",
    });
    const name = role.value.roleName;
    const mappingNote = profile.ok
      ? ""
      : " (the profile was not read: the default attribute mappings were assumed)";
    const analysis = analyzeTrust(role.value.trustPolicy, role.value.arn, context_);
    const edit = `edit it: ${context.aws("iam", `update-assume-role-policy --role-name ${name} --policy-document file://trust.json`)}`;
    const unknown = (keys: readonly string[]) =>
      keys.length === 0
        ? ""
        : `; ${keys.join(", ")} ${keys.length === 1 ? "is" : "are"} known only to the server (assumed absent)`;
    switch (analysis.kind) {
      case "malformed":
        return fail(`the trust policy of role ${name} is not a valid policy: ${analysis.message}`, edit);
      case "not-granted":
        return fail(
          `the trust policy of role ${name} does not let rolesanywhere.amazonaws.com perform ${analysis.action} (it must allow sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity)`,
          `add a statement with "Principal": {"Service": "rolesanywhere.amazonaws.com"} and those three actions; ${edit}`,
        );
      case "explicit-deny":
        return fail(
          `${analysis.action} is explicitly denied by ${analysis.statements.join(", ") || "a Deny statement"} of role ${name}'s trust policy for this certificate`,
          `change the Deny statement's conditions; ${edit}`,
        );
      case "condition-failed": {
        const what =
          analysis.failed.length === 0
            ? analysis.reason
            : analysis.failed.map(describeFailedCondition).join("; ");
        const tagText =
          tags.length === 0 ? "no principal tags" : tags.map((t) => `${t.key}=${t.value}`).join(", ");
        return fail(
          `role ${name}'s trust policy does not allow ${analysis.action} for this certificate: ${what} (the certificate gives ${tagText}; aws:SourceArn is ${session.trustAnchorArn})${mappingNote}${unknown(analysis.unknownKeys)}`,
          `issue the certificate with the attributes the condition expects, use the trust anchor it names, or change the condition; ${edit}`,
        );
      }
      case "allowed": {
        const text = `role ${name}'s trust policy allows rolesanywhere.amazonaws.com sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity for this certificate${mappingNote}${unknown(analysis.unknownKeys)}`;
        const gaps = [
          ...(analysis.withoutSourceArn.length > 0
            ? [
                `${analysis.withoutSourceArn.join(", ")} has no aws:SourceArn condition: certificates from ANY trust anchor of the account can assume the role`,
              ]
            : []),
          ...(analysis.withoutSubject.length > 0
            ? [
                `${analysis.withoutSubject.join(", ")} has no condition on the certificate's subject (aws:PrincipalTag/x509Subject/…): ANY certificate of the anchor can assume it`,
              ]
            : []),
        ];
        if (gaps.length > 0)
          return warn(
            `${text}; but ${gaps.join("; ")}`,
            `add "ArnEquals": {"aws:SourceArn": "${session.trustAnchorArn}"} and a condition on the subject (e.g. "StringEquals": {"aws:PrincipalTag/x509Subject/CN": "${tags.find((t) => t.key === "x509Subject/CN")?.value ?? "…"}"}); ${edit}`,
          );
        return pass(text);
      }
    }
  },
};
