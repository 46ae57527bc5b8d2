// Attribute mappings of a profile (spec §5.8): which certificate attributes become session tags.
// A new profile gets the defaults below. PutAttributeMapping replaces the rules of one certificate
// field (PUT semantics; the spec's recommendation where AWS is UNCONFIRMED) and leaves the other
// fields alone; DeleteAttributeMapping removes the listed specifiers of one field, or the whole
// field when no specifier is listed, and names any specifier the field does not have
// (ValidationException). Under x509SAN, `Name` and `Name/` mean `Name/*` and are stored as such.
// Specifiers given twice count once; a field left without rules is removed; fields are kept in the
// order x509Issuer, x509SAN, x509Subject.
import type { CertificateField, MappingRule } from "../../generated/rolesanywhere.js";
import { AnchorageError } from "../../http/errors.js";
import { generationScopes, type AttributeMappingRecord, type ProfileRecord } from "../../store/store.js";
import { formatArn } from "./arns.js";
import { toProfileDetail } from "./details.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { MESSAGES } from "./messages.js";
import { present } from "./resources.js";

const FIELD_ORDER: readonly CertificateField[] = ["x509Issuer", "x509SAN", "x509Subject"];

/** The mappings of a new profile: every subject and issuer RDN, and the SAN's DNS, URI and directory name. */
export const DEFAULT_ATTRIBUTE_MAPPINGS: readonly AttributeMappingRecord[] = [
  { certificateField: "x509Issuer", mappingRules: [{ specifier: "*" }] },
  {
    certificateField: "x509SAN",
    mappingRules: [{ specifier: "DNS" }, { specifier: "URI" }, { specifier: "Name/*" }],
  },
  { certificateField: "x509Subject", mappingRules: [{ specifier: "*" }] },
];

/** A fresh copy of the defaults, to store with a new profile. */
export const defaultAttributeMappings = (): AttributeMappingRecord[] =>
  DEFAULT_ATTRIBUTE_MAPPINGS.map((m) => ({
    certificateField: m.certificateField,
    mappingRules: m.mappingRules.map((r) => ({ specifier: r.specifier })),
  }));

/** The stored form of a specifier: `Name` and `Name/` under x509SAN are `Name/*`. */
export function normaliseSpecifier(field: CertificateField, specifier: string): string {
  return field === "x509SAN" && (specifier === "Name" || specifier === "Name/") ? "Name/*" : specifier;
}

const unique = (specifiers: readonly string[]): string[] => [...new Set(specifiers)];

function withField(
  current: readonly AttributeMappingRecord[],
  field: CertificateField,
  specifiers: readonly string[],
): AttributeMappingRecord[] {
  const others = current.filter((m) => m.certificateField !== field);
  const next =
    specifiers.length === 0
      ? others
      : [
          ...others,
          { certificateField: field, mappingRules: specifiers.map((specifier) => ({ specifier })) },
        ];
  return next.sort(
    (a, b) => FIELD_ORDER.indexOf(a.certificateField) - FIELD_ORDER.indexOf(b.certificateField),
  );
}

/** PutAttributeMapping: the field's rules become `rules`. */
export function putAttributeMapping(
  current: readonly AttributeMappingRecord[],
  field: CertificateField,
  rules: readonly MappingRule[],
): AttributeMappingRecord[] {
  return withField(current, field, unique(rules.map((r) => normaliseSpecifier(field, r.specifier))));
}

/** DeleteAttributeMapping: without specifiers the field goes; with them, each must be mapped. */
export function deleteAttributeMapping(
  current: readonly AttributeMappingRecord[],
  field: CertificateField,
  specifiers: readonly string[] | undefined,
): AttributeMappingRecord[] {
  if (specifiers === undefined || specifiers.length === 0) return withField(current, field, []);
  const mapped =
    current.find((m) => m.certificateField === field)?.mappingRules.map((r) => r.specifier) ?? [];
  const doomed = specifiers.map((s) => normaliseSpecifier(field, s));
  doomed.forEach((specifier, i) => {
    if (!mapped.includes(specifier)) {
      throw new AnchorageError(
        "Validation",
        MESSAGES.specifierNotMapped(`specifiers.${i + 1}.member`, specifiers[i] ?? specifier, field),
      );
    }
  });
  return withField(
    current,
    field,
    mapped.filter((s) => !doomed.includes(s)),
  );
}

export function attributeMappingHandlers(
  service: RolesAnywhere,
): Pick<Handlers, "PutAttributeMapping" | "DeleteAttributeMapping"> {
  const { store } = service.context;
  /** Read-modify-write of one profile's mappings, serialised with other writers of the profile. */
  const updateMappings = (
    profileId: string,
    change: (current: readonly AttributeMappingRecord[]) => AttributeMappingRecord[],
  ): Promise<ProfileRecord> =>
    store.transaction(async (tx) => {
      await tx.generations.bump(generationScopes.profile(profileId));
      const profile = present("profile", profileId, await tx.profiles.get(profileId));
      return tx.profiles.update(profileId, { attributeMappings: change(profile.attributeMappings) });
    });
  const arnOf = (id: string) => formatArn(service.scope, "profile", id);
  return {
    async PutAttributeMapping({ profileId, certificateField, mappingRules }, call) {
      await call.authorize("PutAttributeMapping", arnOf(profileId));
      const profile = await updateMappings(profileId, (current) =>
        putAttributeMapping(current, certificateField, mappingRules),
      );
      return { profile: toProfileDetail(profile) };
    },
    async DeleteAttributeMapping({ profileId, certificateField, specifiers }, call) {
      await call.authorize("DeleteAttributeMapping", arnOf(profileId));
      const profile = await updateMappings(profileId, (current) =>
        deleteAttributeMapping(current, certificateField, specifiers),
      );
      return { profile: toProfileDetail(profile) };
    },
  };
}
