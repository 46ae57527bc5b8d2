// CreateSession, step by step (DESIGN.md "The main path"; spec §5.1). Each step is its own module
// and throws a CreateSessionRefusal naming its code; this module runs them in order, records the
// attempt on the subject once the signature has verified (success or failure, write-behind), and
// answers with AWS's 201 body.
//
//   request → signature → parameters → trust-anchor → certificate-path → profile → role
//   → session (duration, session name, tags, source identity, session policies) → trust-policy
//   → credentials (mintRoleSession, the same code as STS) → subject recorded → 201
import {
  certificateAttributes,
  PkiError,
  sourceIdentity,
  type CertificateAttributes,
  type ParsedCertificate,
  type PkiCache,
} from "@anchorage/pki";
import type { CertificateCache, CreateSessionParams } from "@anchorage/sigv4-x509";
import type { PolicyEngine } from "../../authorization/policy-engine.js";
import type { RequestFacts } from "../../authorize.js";
import { mintRoleSession } from "../../credentials/mint.js";
import { AnchorageError } from "../../http/errors.js";
import { resourceUuid } from "../../ids.js";
import type { ServiceContext } from "../../service-context.js";
import { formatArn, type ArnScope } from "../rolesanywhere/arns.js";
import type { ActivityRecorder } from "./activity-recorder.js";
import { formatExpiration, type CreateSessionResponse } from "./create-session-response.js";
import { readParameters, readRequest, type ReceivedCreateSession } from "./read-request.js";
import { CreateSessionRefusal, type RefusedCertificate } from "./refusal.js";
import { resolveProfile } from "./resolve-profile.js";
import { resolveRole } from "./resolve-role.js";
import { resolveTrustAnchor } from "./resolve-trust-anchor.js";
import { roleSessionName } from "./role-session-name.js";
import type { SessionCaches } from "./session-caches.js";
import { sessionDuration } from "./session-duration.js";
import { sessionPolicies } from "./session-policies.js";
import { mappedSessionTags } from "./session-tags.js";
import { authenticationRecord } from "./subject-record.js";
import { checkTrustPolicy } from "./trust-policy.js";
import { validateChain } from "./validate-chain.js";
import { verifySignature } from "./verify-signature.js";

/** What CreateSession runs on (built once by the plugin). */
export interface CreateSessionDeps {
  readonly context: ServiceContext;
  readonly engine: PolicyEngine;
  readonly caches: SessionCaches;
  readonly recorder: ActivityRecorder;
  /** Parsed X-Amz-X509 / X-Amz-X509-Chain certificates, by header text. */
  readonly certificates: CertificateCache;
  /** Parsed certificates and signature verdicts of path validation. */
  readonly pki: PkiCache;
  /** Default 5 minutes. */
  readonly maxClockSkewMs?: number;
}

/** A successful CreateSession: the body to send and what the log line may say. */
export interface CreateSessionResult {
  readonly response: CreateSessionResponse;
  readonly subjectArn: string;
  readonly accessKeyId: string;
}

/** The attributes of each parsed leaf (the pki cache hands out one object per certificate). */
const ATTRIBUTES = new WeakMap<ParsedCertificate, CertificateAttributes>();

function attributesOf(leaf: ParsedCertificate): CertificateAttributes {
  let attributes = ATTRIBUTES.get(leaf);
  if (attributes === undefined) {
    attributes = certificateAttributes(leaf);
    ATTRIBUTES.set(leaf, attributes);
  }
  return attributes;
}

function describeLeaf(leaf: ParsedCertificate): RefusedCertificate {
  return { role: "leaf", subject: leaf.subject.text, serialHex: leaf.serialHex, issuer: leaf.issuer.text };
}

/** The leaf as @anchorage/pki parses it (cached by its DER). */
function parseLeaf(pki: PkiCache, der: Uint8Array): ParsedCertificate {
  try {
    return pki.certificate(der);
  } catch (error) {
    if (!(error instanceof PkiError)) throw error;
    throw new CreateSessionRefusal(
      "Malformed",
      `the certificate in X-Amz-X509 cannot be used: ${error.message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Runs CreateSession on a received request. Resolves with the 201 body; throws a
 * CreateSessionRefusal (which the route turns into AWS's error) for every refusal.
 */
export async function createSession(
  deps: CreateSessionDeps,
  received: ReceivedCreateSession,
  facts: RequestFacts,
): Promise<CreateSessionResult> {
  const { context } = deps;
  const now = context.clock();
  const parsed = readRequest(received, deps.certificates);
  verifySignature(parsed, {
    now,
    region: context.region,
    ...(deps.maxClockSkewMs === undefined ? {} : { maxClockSkewMs: deps.maxClockSkewMs }),
  });
  const leaf = parseLeaf(deps.pki, parsed.certificateDer);
  const scope: ArnScope = {
    partition: context.partition,
    region: context.region,
    accountId: context.accountId,
  };
  let params: CreateSessionParams | undefined;
  try {
    params = readParameters(parsed, received.body);
    const anchor = await resolveTrustAnchor(params.trustAnchorArn, scope, deps.caches);
    validateChain(parsed.certificateDer, parsed.chainDer, anchor, now, deps.pki);
    const profile = await resolveProfile(params.profileArn, params.roleArn, scope, deps.caches);
    const role = await resolveRole(params.roleArn, context, deps.engine);
    const durationSeconds = sessionDuration(
      params.durationSeconds,
      profile.record.durationSeconds,
      role.record.maxSessionDuration,
    );
    const sessionName = roleSessionName(params.roleSessionName, profile.record, leaf);
    const tags = mappedSessionTags(attributesOf(leaf), profile.mappings, profile.record.name);
    const source = sourceIdentity(leaf);
    const policies = await sessionPolicies(profile, deps.engine);
    checkTrustPolicy(role, {
      trustAnchorArn: anchor.record.arn,
      accountId: context.accountId,
      tags,
      sourceIdentity: source,
      sessionName,
      now,
      facts,
    });
    const minted = await mintRoleSession(context, {
      role: role.record,
      sessionName,
      durationSeconds,
      sessionPolicies: policies,
      tags,
      sourceIdentity: source,
      chained: false,
      issuer: anchor.record.arn,
    }).catch((error: unknown) => {
      if (error instanceof AnchorageError && error.code === "PackedPolicyTooLarge") {
        throw new CreateSessionRefusal(
          "PackedPolicyTooLarge",
          `${error.message} (the session policies of profile ${profile.record.name} and the ${tags.length} session tags of the certificate)`,
          { cause: error },
        );
      }
      throw error;
    });
    const subjectArn = await recordSuccess(deps, leaf, now, params, scope);
    deps.recorder.recordRoleUse(role.record.name, now, context.region);
    return {
      subjectArn,
      accessKeyId: minted.accessKeyId,
      response: {
        credentialSet: [
          {
            assumedRoleUser: minted.assumedRoleUser,
            credentials: {
              accessKeyId: minted.accessKeyId,
              expiration: formatExpiration(minted.expiration),
              secretAccessKey: minted.secretAccessKey,
              sessionToken: minted.sessionToken,
            },
            packedPolicySize: minted.packedPolicySize,
            roleArn: role.record.arn,
            sourceIdentity: source,
          },
        ],
        subjectArn,
      },
    };
  } catch (error) {
    if (error instanceof CreateSessionRefusal) {
      error.leaf ??= describeLeaf(leaf);
      await recordFailure(deps, leaf, now, params, scope);
    }
    throw error;
  }
}

/**
 * The id and ARN a subject gets if it is new: the one this replica already knows for the DN (no
 * randomness spent on returning clients), else a fresh one.
 */
function newSubject(deps: CreateSessionDeps, scope: ArnScope, leaf: ParsedCertificate) {
  const known = deps.recorder.subjectArn(leaf.subject.text);
  if (known !== undefined) return { id: known.slice(known.lastIndexOf("/") + 1), arn: known };
  const id = resourceUuid(deps.context.random);
  return { id, arn: formatArn(scope, "subject", id) };
}

async function recordSuccess(
  deps: CreateSessionDeps,
  leaf: ParsedCertificate,
  now: Date,
  params: CreateSessionParams,
  scope: ArnScope,
): Promise<string> {
  const auth = authenticationRecord(leaf, {
    seenAt: now,
    failed: false,
    ...(params.instanceProperties === undefined ? {} : { instanceProperties: params.instanceProperties }),
    newSubject: newSubject(deps, scope, leaf),
  });
  if (auth === undefined) throw new Error("a validated leaf certificate has an empty subject");
  const known = deps.recorder.subjectArn(auth.x509Subject);
  if (known === undefined) return (await deps.recorder.recordNow(auth)).arn;
  await deps.recorder.recordAuthentication(auth);
  return known;
}

async function recordFailure(
  deps: CreateSessionDeps,
  leaf: ParsedCertificate,
  now: Date,
  params: CreateSessionParams | undefined,
  scope: ArnScope,
): Promise<void> {
  const auth = authenticationRecord(leaf, {
    seenAt: now,
    failed: true,
    ...(params?.instanceProperties === undefined ? {} : { instanceProperties: params.instanceProperties }),
    newSubject: newSubject(deps, scope, leaf),
  });
  if (auth === undefined) return;
  await deps.recorder
    .recordAuthentication(auth)
    .catch((error: unknown) =>
      deps.context.log.error(
        { err: error, x509Subject: auth.x509Subject },
        "could not record a failed attempt",
      ),
    );
}
