// What CreateSession needs of a profile, loaded once and kept until `profile:<id>` moves: the record,
// its role ARNs as a set, its attribute mappings compiled, and the plaintext size of its session
// policies (STS's limit is checked per request against it).
import { policySize } from "@anchorage/policy";
import { compileAttributeMappings, type AttributeMappingFilter } from "@anchorage/pki";
import { generationScopes, type ProfileRecord, type Store } from "../../store/store.js";
import type { Loaded } from "../../generation-cache.js";

/** A profile as CreateSession sees it. */
export type ProfileState =
  | { readonly found: false }
  | {
      readonly found: true;
      readonly record: ProfileRecord;
      readonly roleArns: ReadonlySet<string>;
      readonly mappings: AttributeMappingFilter;
      /** Characters of the inline session policy (whitespace not counted) plus the managed ARNs. */
      readonly sessionPolicyPlaintext: number;
    };

/** Reads profile `id` from the store. */
export async function loadProfileState(store: Store, id: string): Promise<Loaded<ProfileState>> {
  const scopes = [generationScopes.profile(id)];
  const record = await store.profiles.get(id);
  if (record === undefined) return { value: { found: false }, scopes };
  return {
    value: {
      found: true,
      record,
      roleArns: new Set(record.roleArns),
      mappings: compileAttributeMappings(record.attributeMappings),
      sessionPolicyPlaintext:
        (record.sessionPolicy === undefined ? 0 : policySize(record.sessionPolicy)) +
        record.managedPolicyArns.reduce((n, arn) => n + arn.length, 0),
    },
    scopes,
  };
}
