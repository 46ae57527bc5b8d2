// Managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy and versions
// (Create/Get/List/DeletePolicyVersion, SetDefaultPolicyVersion). AWS-managed policies are served
// from the catalogue, read-only: changing or deleting them is InvalidInput.
import { AWS_MANAGED_POLICIES } from "../../authorization/aws-managed-policies.js";
import type { IamOperations, Policy } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { awsId } from "../../ids.js";
import { StoreConflictError, StoreLimitError, StoreNotFoundError } from "../../store/errors.js";
import { MAX_POLICY_VERSIONS, type ManagedPolicyRecord, type PageCursor } from "../../store/store.js";
import { authorizeCall, changed, type Call, type OperationHandlers, type QueryServiceDeps } from "./call.js";
import { iamArn, parsePolicyArn } from "./iam-arns.js";
import { IAM_MESSAGES } from "./iam-messages.js";
import { requireManagedPolicy, type FoundPolicy } from "./managed-policy-lookup.js";
import { decodeMarker, DEFAULT_MAX_ITEMS, encodeMarker, pageOf } from "./markers.js";
import { checkPolicyDocument } from "./policy-documents.js";
import { checkTagKeys, MAX_TAGS, requestTagContext } from "./tags.js";
import { awsPolicyToWire, awsVersionToWire, policyToWire, tagsFromWire, versionToWire } from "./wire.js";

/** IAM's quota of customer managed policies per account (IUG quotas). */
export const MAX_MANAGED_POLICIES = 1500;

/** Authorizes `action` on the policy ARN, then finds it (NoSuchEntity when missing). */
async function authorizedPolicy(
  deps: QueryServiceDeps,
  call: Call,
  action: string,
  arn: string,
): Promise<FoundPolicy> {
  parsePolicyArn(arn);
  await authorizeCall(deps, call, action, arn);
  return requireManagedPolicy(deps, arn, "get");
}

/** A customer managed policy (InvalidInput for an AWS-managed one: those are read-only). */
function customer(found: FoundPolicy): ManagedPolicyRecord {
  if (found.record === undefined)
    throw new AnchorageError("InvalidInput", IAM_MESSAGES.awsManagedReadOnly(found.arn));
  return found.record;
}

/** Whether any role or user has the policy as its permissions boundary (scans them: deletes are rare). */
async function usedAsBoundary(deps: QueryServiceDeps, arn: string): Promise<boolean> {
  const { store } = deps.context;
  for (const repo of [store.roles, store.users] as const) {
    let after: PageCursor | undefined;
    do {
      const page = await repo.list({ limit: 1000, ...(after === undefined ? {} : { after }) });
      if (page.items.some((e) => e.permissionsBoundary === arn)) return true;
      after = page.next;
    } while (after !== undefined);
  }
  return false;
}

interface ListMarker {
  /** The AWS-managed policies come first (by index), then the account's own (by store cursor). */
  readonly s: "aws" | "local";
  readonly o?: number;
  readonly c?: string;
  readonly i?: string;
}

function parseListMarker(marker: string | undefined): ListMarker | undefined {
  if (marker === undefined) return undefined;
  const v = decodeMarker("policies", marker) as Partial<ListMarker> | null;
  if (v !== null && typeof v === "object") {
    if (v.s === "aws" && typeof v.o === "number" && Number.isSafeInteger(v.o) && v.o >= 0)
      return { s: "aws", o: v.o };
    if (v.s === "local" && v.c === undefined && v.i === undefined) return { s: "local" };
    if (v.s === "local" && typeof v.c === "string" && typeof v.i === "string")
      return { s: "local", c: v.c, i: v.i };
  }
  throw new AnchorageError(
    "Validation",
    "The Marker is not valid: pass the Marker of the previous response unchanged.",
  );
}

export function managedPolicyHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  const { store, partition, accountId, random } = deps.context;
  return {
    async CreatePolicy(input, call) {
      const path = input.Path ?? "/";
      const arn = iamArn(partition, accountId, "policy", path, input.PolicyName);
      await authorizeCall(deps, call, "iam:CreatePolicy", arn, requestTagContext(input.Tags));
      checkPolicyDocument(input.PolicyDocument, { use: "managed" });
      checkTagKeys(input.Tags);
      const tags = tagsFromWire(input.Tags);
      try {
        const policy = await store.transaction(async (tx) => {
          const created = await tx.managedPolicies.create(
            {
              id: awsId("ANPA", random),
              name: input.PolicyName,
              path,
              arn,
              ...(input.Description === undefined ? {} : { description: input.Description }),
              document: input.PolicyDocument,
            },
            { maxCount: MAX_MANAGED_POLICIES },
          );
          if (tags.length > 0) await tx.tags.put(arn, tags, { maxTags: MAX_TAGS, ignoreKeyCase: true });
          return created;
        });
        await changed(deps);
        return { Policy: policyToWire(policy, { tags }) };
      } catch (error) {
        if (error instanceof StoreConflictError && error.reason === "exists") {
          throw new AnchorageError("EntityAlreadyExists", IAM_MESSAGES.policyExists(input.PolicyName), {
            cause: error,
          });
        }
        if (error instanceof StoreLimitError) {
          throw new AnchorageError(
            "LimitExceeded",
            IAM_MESSAGES.quota("CustomerManagedPolicies", MAX_MANAGED_POLICIES),
            {
              cause: error,
            },
          );
        }
        throw error;
      }
    },

    async GetPolicy(input, call) {
      const found = await authorizedPolicy(deps, call, "iam:GetPolicy", input.PolicyArn);
      if (found.aws !== undefined) {
        const attached = await store.attachments.listByPolicy(found.arn);
        return { Policy: awsPolicyToWire(found.aws, attached.length, true) };
      }
      const record = customer(found);
      return { Policy: policyToWire(record, { description: true, tags: await store.tags.list(record.arn) }) };
    },

    async ListPolicies(input, call) {
      await authorizeCall(deps, call, "iam:ListPolicies", "*");
      const scope = input.Scope ?? "All";
      const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
      const prefix = input.PathPrefix;
      let state: ListMarker =
        parseListMarker(input.Marker) ?? (scope === "Local" ? { s: "local" } : { s: "aws", o: 0 });
      const out: Policy[] = [];
      if (state.s === "aws") {
        if (scope !== "Local") {
          const aws: Policy[] = [];
          for (const p of AWS_MANAGED_POLICIES) {
            if (prefix !== undefined && !p.path.startsWith(prefix)) continue;
            const count = (await store.attachments.listByPolicy(p.arn)).length;
            if (input.OnlyAttached === true && count === 0) continue;
            aws.push(awsPolicyToWire(p, count));
          }
          const start = state.o ?? 0;
          out.push(...aws.slice(start, start + limit));
          if (start + limit < aws.length) {
            return {
              Policies: out,
              IsTruncated: true,
              Marker: encodeMarker("policies", { s: "aws", o: start + limit }),
            };
          }
        }
        if (scope === "AWS") return { Policies: out, IsTruncated: false };
        state = { s: "local" };
      }
      if (scope === "AWS") return { Policies: out, IsTruncated: false };
      const filters = {
        ...(prefix === undefined ? {} : { pathPrefix: prefix }),
        ...(input.OnlyAttached === true ? { onlyAttached: true } : {}),
      };
      const after =
        state.c === undefined || state.i === undefined ? {} : { after: { createdAt: state.c, id: state.i } };
      const room = limit - out.length;
      if (room === 0) {
        // The page filled up exactly with AWS-managed policies: say whether the account's own follow.
        const more = await store.managedPolicies.list({ limit: 1, ...filters });
        return more.items.length === 0
          ? { Policies: out, IsTruncated: false }
          : { Policies: out, IsTruncated: true, Marker: encodeMarker("policies", { s: "local" }) };
      }
      const page = await store.managedPolicies.list({ limit: room, ...filters, ...after });
      out.push(...page.items.map((p) => policyToWire(p)));
      return page.next === undefined
        ? { Policies: out, IsTruncated: false }
        : {
            Policies: out,
            IsTruncated: true,
            Marker: encodeMarker("policies", { s: "local", c: page.next.createdAt, i: page.next.id }),
          };
    },

    async DeletePolicy(input, call) {
      const record = customer(await authorizedPolicy(deps, call, "iam:DeletePolicy", input.PolicyArn));
      if (record.attachmentCount > 0) throw new AnchorageError("DeleteConflict", IAM_MESSAGES.policyAttached);
      if ((await store.managedPolicies.listVersions(record.arn)).length > 1) {
        throw new AnchorageError("DeleteConflict", IAM_MESSAGES.policyHasVersions);
      }
      if (await usedAsBoundary(deps, record.arn)) {
        throw new AnchorageError("DeleteConflict", IAM_MESSAGES.policyIsBoundary(record.arn));
      }
      try {
        await store.managedPolicies.delete(record.arn);
      } catch (error) {
        if (error instanceof StoreConflictError && error.reason === "in-use") {
          throw new AnchorageError("DeleteConflict", IAM_MESSAGES.policyAttached, { cause: error });
        }
        throw error;
      }
      await changed(deps);
      return {};
    },

    async CreatePolicyVersion(input, call) {
      const record = customer(await authorizedPolicy(deps, call, "iam:CreatePolicyVersion", input.PolicyArn));
      checkPolicyDocument(input.PolicyDocument, { use: "managed" });
      try {
        const version = await store.managedPolicies.createVersion(record.arn, input.PolicyDocument, {
          setAsDefault: input.SetAsDefault === true,
          maxVersions: MAX_POLICY_VERSIONS,
        });
        await changed(deps);
        return { PolicyVersion: versionToWire(version, false) };
      } catch (error) {
        if (error instanceof StoreLimitError) {
          throw new AnchorageError("LimitExceeded", IAM_MESSAGES.tooManyVersions(MAX_POLICY_VERSIONS), {
            cause: error,
          });
        }
        throw error;
      }
    },

    async GetPolicyVersion(input, call) {
      const found = await authorizedPolicy(deps, call, "iam:GetPolicyVersion", input.PolicyArn);
      if (found.aws !== undefined) {
        if (input.VersionId !== found.aws.defaultVersionId) {
          throw new AnchorageError("NotFound", IAM_MESSAGES.noSuchPolicyVersion(found.arn, input.VersionId));
        }
        return { PolicyVersion: awsVersionToWire(found.aws, true) };
      }
      const version = await store.managedPolicies.getVersion(found.arn, input.VersionId);
      if (version === undefined) {
        throw new AnchorageError("NotFound", IAM_MESSAGES.noSuchPolicyVersion(found.arn, input.VersionId));
      }
      return { PolicyVersion: versionToWire(version, true) };
    },

    async ListPolicyVersions(input, call) {
      const found = await authorizedPolicy(deps, call, "iam:ListPolicyVersions", input.PolicyArn);
      const versions =
        found.aws !== undefined
          ? [awsVersionToWire(found.aws, false)]
          : (await store.managedPolicies.listVersions(found.arn)).map((v) => versionToWire(v, false));
      const { page, ...more } = pageOf(`versions ${found.arn}`, versions, input.Marker, input.MaxItems);
      return { Versions: page, ...more };
    },

    async DeletePolicyVersion(input, call) {
      const record = customer(await authorizedPolicy(deps, call, "iam:DeletePolicyVersion", input.PolicyArn));
      try {
        await store.managedPolicies.deleteVersion(record.arn, input.VersionId);
      } catch (error) {
        if (error instanceof StoreConflictError && error.reason === "default-version") {
          throw new AnchorageError("DeleteConflict", IAM_MESSAGES.defaultVersion, { cause: error });
        }
        if (error instanceof StoreNotFoundError) {
          throw new AnchorageError(
            "NotFound",
            IAM_MESSAGES.noSuchPolicyVersion(record.arn, input.VersionId),
            {
              cause: error,
            },
          );
        }
        throw error;
      }
      await changed(deps);
      return {};
    },

    async SetDefaultPolicyVersion(input, call) {
      const record = customer(
        await authorizedPolicy(deps, call, "iam:SetDefaultPolicyVersion", input.PolicyArn),
      );
      try {
        await store.managedPolicies.setDefaultVersion(record.arn, input.VersionId);
      } catch (error) {
        if (error instanceof StoreNotFoundError) {
          throw new AnchorageError(
            "NotFound",
            IAM_MESSAGES.noSuchPolicyVersion(record.arn, input.VersionId),
            {
              cause: error,
            },
          );
        }
        throw error;
      }
      await changed(deps);
      return {};
    },
  };
}
