import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ACCOUNT, BACKENDS, REGION, startHarness, type Harness } from "./harness.fixture.js";
import { bundle, pkiFixtures } from "./pki.fixture.js";
import { QUOTAS } from "./quotas.js";

const UNKNOWN_ID = "0b7d0c6e-1111-4222-8333-444455556666";
const tags = (n: number, prefix = "k") =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: `v${i}` }));

/** One resource of each taggable kind: their ARNs. */
async function resources(h: Harness): Promise<string[]> {
  const { rootPem, crlPem } = await pkiFixtures();
  const anchor =
    (await h.ok("CreateTrustAnchor", { name: "a", source: bundle(rootPem) })).trustAnchor.trustAnchorArn ??
    "";
  const profile =
    (await h.ok("CreateProfile", { name: "p", roleArns: [`arn:aws:iam::${ACCOUNT}:role/r`] })).profile
      ?.profileArn ?? "";
  const crl =
    (await h.ok("ImportCrl", { name: "c", crlData: crlPem, trustAnchorArn: anchor })).crl.crlArn ?? "";
  return [anchor, profile, crl];
}

for (const { name: backend, skip } of BACKENDS) {
  describe(`tags (${backend})`, { skip }, () => {
    test("TagResource (201), ListTagsForResource, UntagResource on trust anchors, profiles and CRLs", async (t) => {
      const h = await startHarness(t, { backend });
      const arns = await resources(h);
      for (const resourceArn of arns) {
        const tagged = await h.op("TagResource", {
          resourceArn,
          tags: [
            { key: "team", value: "x" },
            { key: "env", value: "" },
          ],
        });
        assert.equal(tagged.status, 201);
        assert.equal(tagged.body, "{}");
        await h.ok("TagResource", { resourceArn, tags: [{ key: "team", value: "y" }] });
        assert.deepEqual((await h.ok("ListTagsForResource", { resourceArn })).tags, [
          { key: "env", value: "" },
          { key: "team", value: "y" },
        ]);
        const untagged = await h.op("UntagResource", { resourceArn, tagKeys: ["team", "absent"] });
        assert.equal(untagged.status, 200);
        assert.deepEqual((await h.ok("ListTagsForResource", { resourceArn })).tags, [
          { key: "env", value: "" },
        ]);
      }
      assert.equal(arns.length, 3);
    });

    test(`more than ${QUOTAS.tagsPerResource} tags: TooManyTagsException, nothing written`, async (t) => {
      const h = await startHarness(t, { backend });
      const [resourceArn = ""] = await resources(h);
      await h.ok("TagResource", { resourceArn, tags: tags(QUOTAS.tagsPerResource - 1) });
      await h.ok("TagResource", {
        resourceArn,
        tags: [
          { key: "k0", value: "replaced" },
          { key: "last", value: "v" },
        ],
      });
      const failure = await h.fail("TagResource", {
        resourceArn,
        tags: [{ key: "one-too-many", value: "v" }],
      });
      assert.deepEqual([failure.status, failure.type], [400, "TooManyTagsException"]);
      assert.match(failure.message, /at most 50 tags.*would have 51/);
      const stored = await h.store.tags.list(resourceArn);
      assert.equal(stored.length, QUOTAS.tagsPerResource);
      assert.equal(stored.find((t) => t.key === "k0")?.value, "replaced");
    });

    test("Create operations refuse more than 50 tags with a ValidationException, creating nothing", async (t) => {
      const h = await startHarness(t, { backend });
      const failure = await h.fail("CreateProfile", {
        name: "p",
        roleArns: [`arn:aws:iam::${ACCOUNT}:role/r`],
        tags: tags(QUOTAS.tagsPerResource + 1),
      });
      assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
      assert.match(failure.message, /51 tags given/);
      assert.equal(await h.store.profiles.count(), 0);
    });

    test("reserved aws: keys and repeated keys are ValidationException", async (t) => {
      const h = await startHarness(t, { backend });
      const [resourceArn = ""] = await resources(h);
      const cases = [
        { tags: [{ key: "AWS:owner", value: "x" }], message: /'tags\.1\.member'.*reserved/ },
        {
          tags: [
            { key: "a", value: "1" },
            { key: "a", value: "2" },
          ],
          message: /'tags\.2\.member'.*same tag key is given twice/,
        },
      ];
      for (const c of cases) {
        const failure = await h.fail("TagResource", { resourceArn, tags: c.tags });
        assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
        assert.match(failure.message, c.message);
        const created = await h.fail("CreateTrustAnchor", {
          name: "b",
          source: bundle((await pkiFixtures()).rootPem),
          tags: c.tags,
        });
        assert.equal(created.type, "ValidationException");
      }
      assert.equal(cases.length, 2);
      assert.deepEqual(await h.store.tags.list(resourceArn), []);
      assert.equal(await h.store.trustAnchors.count(), 1);
    });

    test("ARNs: not a taggable ARN is ValidationException; unknown or foreign ones ResourceNotFoundException", async (t) => {
      const h = await startHarness(t, { backend });
      const invalid = [
        "not-an-arn",
        `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:subject/${UNKNOWN_ID}`,
        `arn:aws:iam::${ACCOUNT}:role/r`,
      ];
      const unknown = [
        `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${UNKNOWN_ID}`,
        `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${UNKNOWN_ID}`,
        `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/${UNKNOWN_ID}`,
        `arn:aws:rolesanywhere:${REGION}:000000000000:profile/${UNKNOWN_ID}`,
      ];
      for (const resourceArn of invalid) {
        for (const failure of [
          await h.fail("TagResource", { resourceArn, tags: [{ key: "a", value: "b" }] }),
          await h.fail("UntagResource", { resourceArn, tagKeys: ["a"] }),
          await h.fail("ListTagsForResource", { resourceArn }),
        ]) {
          assert.deepEqual([failure.status, failure.type], [400, "ValidationException"], resourceArn);
          assert.match(failure.message, /'resourceArn'/);
        }
      }
      for (const resourceArn of unknown) {
        for (const failure of [
          await h.fail("TagResource", { resourceArn, tags: [{ key: "a", value: "b" }] }),
          await h.fail("UntagResource", { resourceArn, tagKeys: ["a"] }),
          await h.fail("ListTagsForResource", { resourceArn }),
        ]) {
          assert.deepEqual([failure.status, failure.type], [404, "ResourceNotFoundException"], resourceArn);
        }
        assert.deepEqual(await h.store.tags.list(resourceArn), [], "nothing was written for it");
      }
      assert.deepEqual([invalid.length, unknown.length], [3, 4]);
    });
  });
}
