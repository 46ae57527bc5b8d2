// A small PKI and a doctor context for the step tests: a root CA, a leaf it issued, a leaf of
// another CA, an intermediate and a leaf under it, an expired leaf, all made with
// @anchorage/pki/issue at a fixed time, plus fake admin APIs (the seam the steps read through).
import { loadSigningMaterial } from "@anchorage/credential-provider";
import {
  DEFAULT_ATTRIBUTE_MAPPINGS,
  loadIssuance,
  parseCertificate,
  parseTrustAnchorBundle,
} from "@anchorage/pki";
import { AwsApiError } from "../../aws/signed-request.js";
import type { RoleDetail } from "../api/iam-api.js";
import type { CrlDetail, ProfileDetail, TrustAnchorDetail } from "../api/roles-anywhere-api.js";
import {
  awsCommandFor,
  Lookups,
  type AdminApi,
  type DoctorContext,
  type DoctorFacts,
  type NoApi,
} from "../context.js";
import { doctorConfig } from "../doctor-config.js";

export const NOW = new Date("2026-03-01T12:00:00Z");
const DAY = 86_400_000;
export const ACCOUNT = "123456789012";
export const ANCHOR_ID = "4f1b6f2e-0000-4000-8000-000000000001";
export const PROFILE_ID = "4f1b6f2e-0000-4000-8000-000000000002";
export const ANCHOR_ARN = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/${ANCHOR_ID}`;
export const PROFILE_ARN = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/${PROFILE_ID}`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;

export interface Issued {
  readonly certPem: string;
  readonly keyPem: string;
  readonly serialHex: string;
}

export interface TestPki {
  readonly root: Issued;
  readonly leaf: Issued;
  readonly strangerRoot: Issued;
  readonly stranger: Issued;
  readonly intermediate: Issued;
  readonly underIntermediate: Issued;
  readonly expired: Issued;
  /** A leaf whose key is encrypted with the passphrase "correct horse". */
  readonly encrypted: Issued;
}

let made: Promise<TestPki> | undefined;

/** The PKI, made once per test file. */
export function testPki(): Promise<TestPki> {
  made ??= (async () => {
    const { createCa, issueCertificate } = await loadIssuance();
    const root = await createCa({
      keyType: "p256",
      subject: { CN: "Doctor Root CA", O: "Test" },
      validityDays: 3650,
      now: new Date(NOW.getTime() - 10 * DAY),
    });
    const ca = { certPem: root.certPem, keyPem: root.keyPem };
    const issue = (cn: string, issuer = ca, now = NOW, validityDays = 365) =>
      issueCertificate({ ca: issuer, subject: { CN: cn, O: "Test" }, keyType: "p256", validityDays, now });
    const leaf = await issue("app");
    const strangerRoot = await createCa({
      keyType: "p256",
      subject: { CN: "Stranger CA" },
      validityDays: 3650,
      now: new Date(NOW.getTime() - 10 * DAY),
    });
    const stranger = await issue("app", { certPem: strangerRoot.certPem, keyPem: strangerRoot.keyPem });
    const intermediate = await createCa({
      keyType: "p256",
      subject: { CN: "Doctor Issuing CA", O: "Test" },
      validityDays: 1000,
      now: new Date(NOW.getTime() - DAY),
      issuer: ca,
    });
    const underIntermediate = await issue("app", {
      certPem: intermediate.certPem,
      keyPem: intermediate.keyPem,
    });
    const expired = await issue("app", ca, new Date(NOW.getTime() - 9 * DAY), 3);
    const encrypted = await issueCertificate({
      ca,
      subject: { CN: "app", O: "Test" },
      keyType: "p256",
      validityDays: 365,
      now: NOW,
      keyPassphrase: "correct horse",
    });
    return {
      root: { certPem: root.certPem, keyPem: root.keyPem, serialHex: root.serialHex },
      leaf: { certPem: leaf.certPem, keyPem: leaf.keyPem!, serialHex: leaf.serialHex },
      strangerRoot: {
        certPem: strangerRoot.certPem,
        keyPem: strangerRoot.keyPem,
        serialHex: strangerRoot.serialHex,
      },
      stranger: { certPem: stranger.certPem, keyPem: stranger.keyPem!, serialHex: stranger.serialHex },
      intermediate: {
        certPem: intermediate.certPem,
        keyPem: intermediate.keyPem,
        serialHex: intermediate.serialHex,
      },
      underIntermediate: {
        certPem: underIntermediate.certPem,
        keyPem: underIntermediate.keyPem!,
        serialHex: underIntermediate.serialHex,
      },
      expired: { certPem: expired.certPem, keyPem: expired.keyPem!, serialHex: expired.serialHex },
      encrypted: { certPem: encrypted.certPem, keyPem: encrypted.keyPem!, serialHex: encrypted.serialHex },
    };
  })();
  return made;
}

export const trustAnchor = (
  bundlePem: string,
  change: Partial<TrustAnchorDetail> = {},
): TrustAnchorDetail => ({
  trustAnchorId: ANCHOR_ID,
  trustAnchorArn: ANCHOR_ARN,
  name: "test-anchor",
  enabled: true,
  source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: bundlePem } },
  ...change,
});

export const profile = (change: Partial<ProfileDetail> = {}): ProfileDetail => ({
  profileId: PROFILE_ID,
  profileArn: PROFILE_ARN,
  name: "test-profile",
  enabled: true,
  roleArns: [ROLE_ARN],
  managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
  durationSeconds: 3600,
  acceptRoleSessionName: false,
  attributeMappings: DEFAULT_ATTRIBUTE_MAPPINGS,
  ...change,
});

export const trustPolicy = (condition?: Record<string, unknown>): string =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "rolesanywhere.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  });

export const role = (change: Partial<RoleDetail> = {}): RoleDetail => ({
  roleName: "app",
  arn: ROLE_ARN,
  path: "/",
  maxSessionDuration: 3600,
  trustPolicy: trustPolicy({
    StringEquals: { "aws:PrincipalTag/x509Subject/CN": "app" },
    ArnEquals: { "aws:SourceArn": ANCHOR_ARN },
  }),
  ...change,
});

/** Fake admin APIs answering from values; `undefined` answers as "not found". */
export function fakeApi(state: {
  anchor?: TrustAnchorDetail;
  crls?: CrlDetail[];
  profile?: ProfileDetail;
  role?: RoleDetail;
  denied?: boolean;
}): AdminApi {
  const answer = async <T>(value: T | undefined, code: string): Promise<T> => {
    if (state.denied === true) throw new AwsApiError(403, "AccessDeniedException", "not allowed", "r-1");
    if (value === undefined) throw new AwsApiError(404, code, "not there", "r-1");
    return value;
  };
  return {
    getTrustAnchor: (id) =>
      answer(id === state.anchor?.trustAnchorId ? state.anchor : undefined, "ResourceNotFoundException"),
    listCrls: () => answer(state.crls ?? [], "ResourceNotFoundException"),
    getProfile: (id) =>
      answer(id === state.profile?.profileId ? state.profile : undefined, "ResourceNotFoundException"),
    getRole: (name) => answer(name === state.role?.roleName ? state.role : undefined, "NoSuchEntity"),
  };
}

/** A context over in-memory files. */
export function testContext(options: {
  files: Record<string, string | Buffer>;
  flags?: Record<string, string | boolean>;
  api?: AdminApi | NoApi;
  facts?: DoctorFacts;
  now?: Date;
}): DoctorContext {
  const config = doctorConfig({
    certificate: "leaf.pem",
    privateKey: "leaf.key",
    trustAnchorArn: ANCHOR_ARN,
    profileArn: PROFILE_ARN,
    roleArn: ROLE_ARN,
    endpoint: "http://127.0.0.1:1",
    ...options.flags,
  });
  const api = options.api ?? { reason: "no admin credentials (test)" };
  return {
    config,
    now: options.now ?? NOW,
    clock: () => options.now ?? NOW,
    env: {},
    readFile: async (path) => {
      const content = options.files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return Buffer.from(content);
    },
    interactive: () => false,
    api,
    explainRefusal: async () => undefined,
    aws: awsCommandFor(config.session.endpoint, config.session.region, config.session.endpoint),
    debug: () => undefined,
    lookups: new Lookups(api),
    facts: options.facts ?? {},
  };
}

/** The facts `files`, `key` and `chain` leave for a leaf (and its intermediates). */
export async function factsFor(leaf: Issued, intermediates: readonly Issued[] = []): Promise<DoctorFacts> {
  const material = await loadSigningMaterial({
    certificate: leaf.certPem,
    privateKey: leaf.keyPem,
    prompt: false,
  });
  const chainParsed = intermediates.map((i) =>
    parseCertificate(Buffer.from(i.certPem.replace(/-----[^-]+-----|\s/g, ""), "base64")),
  );
  return {
    leaf: { loaded: material.certificate, parsed: parseCertificate(material.certificate.der) },
    material,
    chain: chainParsed.map((c) => Buffer.from(c.raw)),
    chainParsed,
  };
}

export const anchorsOf = (pem: string) => parseTrustAnchorBundle(pem);
