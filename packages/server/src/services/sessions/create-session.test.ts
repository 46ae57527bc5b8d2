// CreateSession through a real server over HTTP: the success path (AWS's body, the session's
// identity, the subject and the role's last use recorded) and one row per refusal — each refused
// with AWS's type and message, the reason in the log line of its request id and, under
// --explain-errors, in the message; no credentials in the answer; the subject's credential marked
// failed once the signature verified.
import assert from "node:assert/strict";
import { createPrivateKey, sign as cryptoSign, X509Certificate } from "node:crypto";
import { test } from "node:test";
import { loadIssuance } from "@anchorage/pki";
import { stringToSign } from "@anchorage/sigv4-x509";
import { parseCreateSessionResponse } from "./create-session-response.js";
import { REFUSAL_HEADER, parseExplainedMessage } from "./refusal.js";
import { ANSWERS, REFUSALS, type RefusalCode } from "./refusals.js";
import {
  ACCOUNT,
  ANCHOR_ARN,
  ANCHOR_ID,
  ISSUED,
  NOW,
  PROFILE_ARN,
  PROFILE_ID,
  REGION,
  ROLE_ARN,
  arnsInBody,
  createSession,
  send,
  signedRequest,
  startTestServer,
  trustPolicy,
  withBody,
  withHeader,
  type Reply,
  type SignOptions,
  type TestServer,
} from "./sessions.fixture.js";

const DAY = 86_400_000;

test("a certificate of the anchor gets credentials for the role, in AWS's body", async (t) => {
  const s = await startTestServer(t);
  const reply = await createSession(s);
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.headers["content-type"], "application/json");
  const body = parseCreateSessionResponse(reply.text);
  const [entry] = body.credentialSet;
  assert.ok(entry !== undefined && body.credentialSet.length === 1);
  const serial = s.pki.client.serialHex;
  assert.equal(entry.assumedRoleUser.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/app/${serial}`);
  assert.equal(entry.assumedRoleUser.assumedRoleId, `AROAANCHORAGETESTAPP1:${serial}`);
  assert.equal(entry.roleArn, ROLE_ARN);
  assert.equal(entry.sourceIdentity, "CN=client-1");
  assert.equal(
    entry.credentials.expiration,
    new Date(NOW.getTime() + 3600_000).toISOString().replace(".000", ""),
  );
  assert.match(entry.credentials.accessKeyId, /^ASIA/);
  assert.match(
    body.subjectArn,
    new RegExp(`^arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:subject/[0-9a-f-]{36}$`),
  );

  // The subject: written at once on its first success (the ARN is in the answer).
  const subjectId = body.subjectArn.slice(body.subjectArn.lastIndexOf("/") + 1);
  const subject = await s.server.store.subjects.get(subjectId);
  assert.ok(subject !== undefined);
  assert.equal(subject.x509Subject, "CN=client-1,OU=dev,O=Anchorage tests");
  assert.deepEqual(
    subject.credentials.map((c) => [c.serialNumber, c.issuer, c.failed, c.enabled, c.seenAt.slice(0, 19)]),
    [[serial, "CN=Test Issuing CA,O=Anchorage tests", false, true, NOW.toISOString().slice(0, 19)]],
  );
  assert.match(subject.credentials[0]?.x509CertificateData ?? "", /^-----BEGIN CERTIFICATE-----\n/);

  // A later success reuses the ARN and is written behind; the role's last use too.
  s.setNow(new Date(NOW.getTime() + 60_000));
  const again = parseCreateSessionResponse((await createSession(s)).text);
  assert.equal(again.subjectArn, body.subjectArn);
  await s.runtime.recorder.flush();
  const later = await s.server.store.subjects.get(subjectId);
  assert.equal(later?.lastSeenAt.slice(0, 19), "2026-03-02T12:01:00");
  const role = await s.server.store.roles.get("app");
  assert.equal(role?.roleLastUsed?.region, REGION);
  assert.equal(role?.roleLastUsed?.lastUsedDate.slice(0, 19), "2026-03-02T12:01:00");
});

test("the ARNs may come in a JSON body (application/x-amz-json-1.0), with instance properties recorded", async (t) => {
  const s = await startTestServer(t);
  const properties = { hostname: "build-7", env: "ci" };
  const reply = await createSession(s, { before: arnsInBody({ instanceProperties: properties }) });
  assert.equal(reply.status, 201, reply.text);
  const { subjectArn } = parseCreateSessionResponse(reply.text);
  const subject = await s.server.store.subjects.get(subjectArn.slice(subjectArn.lastIndexOf("/") + 1));
  assert.deepEqual(
    subject?.instanceProperties.map((p) => [p.properties, p.failed]),
    [[properties, false]],
  );
});

test("the Python client's algorithm label AWS4-X509-ECDSA-SHA384 (its digest is still SHA-256) is accepted", async (t) => {
  const s = await startTestServer(t);
  const request = signedRequest(s, { before: arnsInBody() });
  const label = "AWS4-X509-ECDSA-SHA384";
  const toSign = stringToSign(
    label,
    request.signed.amzDate,
    request.signed.credentialScope,
    request.signed.canonicalRequest,
  );
  const signature = cryptoSign("sha256", Buffer.from(toSign), createPrivateKey(s.pki.client.keyPem)).toString(
    "hex",
  );
  const authorization = request.signed.authorization
    .replace(/^AWS4-X509-ECDSA-SHA256/, label)
    .replace(/Signature=[0-9a-f]+$/, `Signature=${signature}`);
  const reply = await send(s, withHeader(request, "Authorization", authorization));
  assert.equal(reply.status, 201, reply.text);
});

test("durationSeconds, roleSessionName (profile accepting them) and the profile's duration", async (t) => {
  const s = await startTestServer(t, {
    profile: { acceptRoleSessionName: true, durationSeconds: 7200 },
    maxSessionDuration: 43200,
  });
  const named = parseCreateSessionResponse(
    (await createSession(s, { input: { roleSessionName: "build-7", durationSeconds: 900 } })).text,
  );
  assert.equal(
    named.credentialSet[0]?.assumedRoleUser.arn,
    `arn:aws:sts::${ACCOUNT}:assumed-role/app/build-7`,
  );
  assert.equal(named.credentialSet[0]?.credentials.expiration, "2026-03-02T12:15:00Z");
  const byProfile = parseCreateSessionResponse((await createSession(s)).text);
  assert.equal(byProfile.credentialSet[0]?.credentials.expiration, "2026-03-02T14:00:00Z");
  const capped = parseCreateSessionResponse(
    (await createSession(s, { input: { durationSeconds: 43200 } })).text,
  );
  assert.equal(capped.credentialSet[0]?.credentials.expiration, "2026-03-02T14:00:00Z");
});

test("a CRL revokes only while it is enabled; a change is honoured at once on this replica", async (t) => {
  const s = await startTestServer(t);
  const { createCrl } = await loadIssuance();
  const crl = await createCrl({
    ca: s.pki.issuing,
    entries: [{ serialHex: s.pki.client.serialHex, revokedAt: ISSUED, reason: "keyCompromise" }],
    thisUpdate: ISSUED,
    nextUpdate: new Date(ISSUED.getTime() + 30 * DAY),
    crlNumber: 1,
  });
  const stored = await s.server.store.crls.create({
    id: "c0000000-0000-4000-8000-000000000001",
    arn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/c0000000-0000-4000-8000-000000000001`,
    name: "issuing",
    enabled: false,
    crlData: Buffer.from(crl.pem),
    trustAnchorArn: ANCHOR_ARN,
  });
  await s.refresh();
  assert.equal((await createSession(s)).status, 201, "a disabled CRL revokes nothing");
  await s.server.store.crls.update(stored.id, { enabled: true });
  await s.refresh();
  const refused = await createSession(s);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.message, "Untrusted signing certificate");
  assert.equal(refusalLine(s, refused)?.code, "Revoked");
  assert.equal((await createSession(s, { leaf: s.pki.other })).status, 201, "other serials are fine");
});

/** The "CreateSession refused" log line of a reply's request. */
function refusalLine(s: TestServer, reply: Reply): Record<string, unknown> | undefined {
  const id = reply.headers["x-amzn-requestid"];
  const line = s.logs().find((l) => l.requestId === id && typeof l.createSession === "object");
  return line?.createSession as Record<string, unknown> | undefined;
}

interface Row {
  readonly name: string;
  readonly code: RefusalCode;
  /** A regular expression the precise reason must match. */
  readonly reason: RegExp;
  /** Whether the signature verified (so the subject records a failure). */
  readonly recorded: boolean;
  readonly request: (s: TestServer) => Promise<Reply>;
  /** Changes the server before the request; returns how to undo it. */
  readonly setup?: (s: TestServer) => Promise<() => Promise<void>>;
}

const sign =
  (options: SignOptions = {}) =>
  (s: TestServer) =>
    createSession(s, options);
const tamper =
  (name: string, value: string | undefined, options: SignOptions = {}) =>
  (s: TestServer) =>
    send(s, withHeader(signedRequest(s, options), name, value));

const updateProfile =
  (patch: Parameters<TestServer["updateProfile"]>[0]) =>
  async (s: TestServer): Promise<() => Promise<void>> => {
    const before = await s.server.store.profiles.get(PROFILE_ID);
    assert.ok(before !== undefined);
    await s.updateProfile(patch);
    return () => s.updateProfile(before);
  };
const updateTrust =
  (document: string) =>
  async (s: TestServer): Promise<() => Promise<void>> => {
    await s.server.store.roles.update("app", { assumeRolePolicyDocument: document });
    await s.refresh();
    return async () => {
      await s.server.store.roles.update("app", { assumeRolePolicyDocument: trustPolicy() });
      await s.refresh();
    };
  };

const OTHER_ANCHOR = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/a0000000-0000-4000-8000-00000000dead`;

const ROWS: Row[] = [
  {
    name: "no Authorization header",
    code: "MissingAuthorization",
    reason: /no Authorization header/,
    recorded: false,
    request: tamper("Authorization", undefined),
  },
  {
    name: "a body changed after signing (bad signature)",
    code: "SignatureMismatch",
    reason: /does not verify with the public key/,
    recorded: false,
    request: async (s) => send(s, { ...signedRequest(s), body: Buffer.from('{"durationSeconds":900}') }),
  },
  {
    name: "signed by another key than the certificate's",
    code: "SignatureMismatch",
    reason: /private key does not belong to that certificate/,
    recorded: false,
    request: (s) => createSession(s, { signingKeyPem: s.pki.other.keyPem }),
  },
  {
    name: "signed 10 minutes ago",
    code: "RequestTimeTooSkewed",
    reason: /10 minutes behind the server time/,
    recorded: false,
    request: (s) => createSession(s, { signedAt: new Date(s.now().getTime() - 600_000) }),
  },
  {
    name: "signed for another region",
    code: "WrongRegion",
    reason: /signed for region 'eu-west-1' but this endpoint serves 'us-east-1'/,
    recorded: false,
    request: sign({ region: "eu-west-1" }),
  },
  {
    name: "an empty X-Amz-X509-Chain",
    code: "EmptyChainHeader",
    reason: /omit the header/,
    recorded: false,
    request: tamper("X-Amz-X509-Chain", ""),
  },
  {
    name: "six certificates in the chain",
    code: "ChainTooLong",
    reason: /the limit is 5/,
    recorded: false,
    request: async (s) => {
      const der = new X509Certificate(s.pki.issuing.certPem).raw.toString("base64");
      return send(s, withHeader(signedRequest(s), "X-Amz-X509-Chain", Array<string>(6).fill(der).join(",")));
    },
  },
  {
    name: "garbage in X-Amz-X509",
    code: "MalformedCertificate",
    reason: /X-Amz-X509 is not standard padded base64/,
    recorded: false,
    request: tamper("X-Amz-X509", "not a certificate!"),
  },
  {
    name: "an ML-DSA algorithm",
    code: "UnsupportedAlgorithm",
    reason: /ML-DSA\) is not supported/,
    recorded: false,
    request: async (s) => {
      const r = signedRequest(s);
      const auth = r.headers.find(([n]) => n === "Authorization")?.[1] ?? "";
      return send(
        s,
        withHeader(r, "Authorization", auth.replace(/^AWS4-X509-ECDSA-SHA256/, "AWS4-X509-MLDSA")),
      );
    },
  },
  {
    name: "durationSeconds 899",
    code: "InvalidParameter",
    reason: /Value 899 at 'durationSeconds' failed to satisfy constraint/,
    recorded: true,
    request: sign({ before: withBody('{"durationSeconds":899}') }),
  },
  {
    name: "an ARN in the query and a different one in the body",
    code: "ConflictingParameter",
    reason: /roleArn/,
    recorded: true,
    request: sign({
      before: (r) => ({ ...r, body: Buffer.from(`{"roleArn":"arn:aws:iam::${ACCOUNT}:role/x"}`) }),
    }),
  },
  {
    name: "an unknown trust anchor",
    code: "TrustAnchorNotFound",
    reason: /there is no trust anchor a0000000-0000-4000-8000-00000000dead/,
    recorded: true,
    request: sign({ input: { trustAnchorArn: OTHER_ANCHOR } }),
  },
  {
    name: "a trust anchor of another account",
    code: "TrustAnchorNotInThisAccount",
    reason: /is not in this server's account and region \(123456789012, us-east-1\)/,
    recorded: true,
    request: sign({ input: { trustAnchorArn: ANCHOR_ARN.replace(ACCOUNT, "210987654321") } }),
  },
  {
    name: "a disabled trust anchor",
    code: "TrustAnchorDisabled",
    reason: /the trust anchor test-anchor .* is disabled; enable it/,
    recorded: true,
    request: sign(),
    setup: async (s) => {
      await s.server.store.trustAnchors.update(ANCHOR_ID, { enabled: false });
      await s.refresh();
      return async () => {
        await s.server.store.trustAnchors.update(ANCHOR_ID, { enabled: true });
        await s.refresh();
      };
    },
  },
  {
    name: "no intermediate sent (truncated chain): the missing issuer is named",
    code: "NoPathToAnchor",
    reason:
      /the issuer of leaf "CN=client-1,OU=dev,O=Anchorage tests" .* is "CN=Test Issuing CA,O=Anchorage tests"/,
    recorded: true,
    request: sign({ chain: [] }),
  },
  {
    name: "a certificate of another CA (wrong anchor)",
    code: "NoPathToAnchor",
    reason: /no path to the trust anchor/,
    recorded: true,
    request: (s) => createSession(s, { leaf: s.pki.stranger, chain: [s.pki.strangerCa.certPem] }),
  },
  {
    name: "an expired certificate",
    code: "Expired",
    reason: /client-1.*expired|expired.*client-1/,
    recorded: true,
    request: sign(),
    setup: async (s) => {
      s.setNow(new Date(ISSUED.getTime() + 12 * DAY));
      return async () => s.setNow(NOW);
    },
  },
  {
    name: "a CA certificate used as the leaf",
    code: "LeafIsCa",
    reason: /Test Issuing CA/,
    recorded: true,
    request: (s) => createSession(s, { leaf: s.pki.issuing, chain: [] }),
  },
  {
    name: "a disabled profile",
    code: "ProfileDisabled",
    reason: /the profile test-profile .* is disabled/,
    recorded: true,
    request: sign(),
    setup: updateProfile({ enabled: false }),
  },
  {
    name: "an unknown profile",
    code: "ProfileNotFound",
    reason: /there is no profile b0000000-0000-4000-8000-00000000dead/,
    recorded: true,
    request: sign({ input: { profileArn: PROFILE_ARN.replace(/0001$/, "dead") } }),
  },
  {
    name: "a role the profile does not list",
    code: "RoleNotInProfile",
    reason: /does not list the role arn:aws:iam::123456789012:role\/other/,
    recorded: true,
    request: sign({ input: { roleArn: `arn:aws:iam::${ACCOUNT}:role/other` } }),
  },
  {
    name: "a role listed by the profile that does not exist",
    code: "RoleNotFound",
    reason: /there is no role gone/,
    recorded: true,
    request: sign({ input: { roleArn: `arn:aws:iam::${ACCOUNT}:role/gone` } }),
    setup: updateProfile({ roleArns: [ROLE_ARN, `arn:aws:iam::${ACCOUNT}:role/gone`] }),
  },
  {
    name: "a profile duration above the role's maximum",
    code: "DurationExceedsRoleMaximum",
    reason: /the role's MaxSessionDuration is 3600 s/,
    recorded: true,
    request: (s) => createSession(s),
    setup: updateProfile({ durationSeconds: 7200 }),
  },
  {
    name: "roleSessionName without acceptRoleSessionName",
    code: "RoleSessionNameNotAccepted",
    reason: /acceptRoleSessionName is false/,
    recorded: true,
    request: sign({ input: { roleSessionName: "mine" } }),
  },
  {
    name: "a managed session policy that does not exist",
    code: "SessionPolicyNotFound",
    reason: /names the managed policy arn:aws:iam::123456789012:policy\/none, which does not exist/,
    recorded: true,
    request: sign(),
    setup: updateProfile({ managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/none`] }),
  },
  {
    name: "eleven managed session policies",
    code: "SessionPoliciesTooLarge",
    reason: /has 11 managed policies; a session takes at most 10/,
    recorded: true,
    request: sign(),
    setup: updateProfile({
      managedPolicyArns: Array.from({ length: 11 }, () => "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
    }),
  },
  {
    name: "a trust policy for another CN",
    code: "TrustPolicyDenied",
    reason: /sts:AssumeRole/,
    recorded: true,
    request: sign(),
    setup: updateTrust(trustPolicy({ StringEquals: { "aws:PrincipalTag/x509Subject/CN": "client-2" } })),
  },
  {
    name: "a trust policy for another trust anchor (aws:SourceArn)",
    code: "TrustPolicyDenied",
    reason: /does not let rolesanywhere.amazonaws.com perform sts:AssumeRole/,
    recorded: true,
    request: sign(),
    setup: updateTrust(trustPolicy({ ArnEquals: { "aws:SourceArn": OTHER_ANCHOR } })),
  },
  {
    name: "a trust policy without sts:TagSession",
    code: "TrustPolicyDenied",
    reason: /perform sts:TagSession/,
    recorded: true,
    request: sign(),
    setup: updateTrust(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "rolesanywhere.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
          },
        ],
      }),
    ),
  },
];

test("every refusal: AWS's answer, the reason logged and explained, no credentials, the subject marked failed", async (t) => {
  const s = await startTestServer(t, { explainErrors: true });
  let checked = 0;
  for (const row of ROWS) {
    await t.test(row.name, async () => {
      const undo = await row.setup?.(s);
      try {
        const pendingBefore = await s.server.store.subjects.count();
        const reply = await row.request(s);
        const answer = ANSWERS[REFUSALS[row.code].answer];
        const status = answer.error === "Validation" ? 400 : 403;
        const type = answer.error === "Validation" ? "ValidationException" : "AccessDeniedException";
        assert.equal(reply.status, status, reply.text);
        assert.equal(reply.headers["x-amzn-errortype"], type);
        assert.equal(reply.json.credentialSet, undefined, "no credentials in a refusal");
        assert.equal(reply.headers[REFUSAL_HEADER], `${REFUSALS[row.code].step}/${row.code}`);
        const explained = parseExplainedMessage(String(reply.json.message));
        assert.ok(explained !== undefined, `an explained message: ${String(reply.json.message)}`);
        assert.equal(explained.code, row.code);
        assert.equal(explained.message, answer.message ?? explained.reason);
        assert.match(explained.reason, row.reason);
        const line = refusalLine(s, reply);
        assert.equal(line?.code, row.code, "the log line of the request names the code");
        assert.equal(line?.reason, explained.reason);
        await s.runtime.recorder.flush();
        if (row.recorded) {
          const page = await s.server.store.subjects.list({ limit: 10 });
          const subjects = await Promise.all(page.items.map((i) => s.server.store.subjects.get(i.id)));
          const credential = subjects
            .flatMap((x) => x?.credentials ?? [])
            .find((c) => c.seenAt.slice(0, 19) === s.now().toISOString().slice(0, 19));
          assert.equal(credential?.failed, true, "the attempt is recorded as failed");
        } else {
          assert.equal(
            await s.server.store.subjects.count(),
            pendingBefore,
            "nothing recorded before the signature verified",
          );
        }
      } finally {
        await undo?.();
      }
      checked++;
    });
  }
  assert.equal(checked, ROWS.length);
  assert.equal(ROWS.length, 29);
});

test("without --explain-errors the message is AWS's alone, the log still has the reason", async (t) => {
  const s = await startTestServer(t);
  const reply = await createSession(s, { chain: [] });
  assert.deepEqual([reply.status, reply.json], [403, { message: "Untrusted signing certificate" }]);
  assert.equal(reply.headers[REFUSAL_HEADER], undefined);
  assert.match(String(refusalLine(s, reply)?.reason), /no path to the trust anchor/);
  const line = s
    .logs()
    .find((l) => l.requestId === reply.headers["x-amzn-requestid"] && l.msg === "request completed");
  assert.equal((line?.error as { code?: string } | undefined)?.code, "AccessDenied");
});
