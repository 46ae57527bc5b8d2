import assert from "node:assert/strict";
import { test } from "node:test";
import { rootOnlyAuthorizer } from "./authorize.js";
import { rootPrincipal } from "./principal.js";

test("the root is allowed everything", async () => {
  await rootOnlyAuthorizer({
    caller: rootPrincipal("123456789012"),
    action: "rolesanywhere:CreateProfile",
    resource: "*",
  });
});

test("anyone else is refused with AWS's AccessDenied wording", async () => {
  await assert.rejects(
    rootOnlyAuthorizer({
      caller: {
        kind: "user",
        accountId: "123456789012",
        arn: "arn:aws:iam::123456789012:user/alice",
        userName: "alice",
        userId: "AIDAAAAAAAAAAAAAAAAA",
      },
      action: "rolesanywhere:CreateProfile",
      resource: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/*",
    }),
    {
      name: "AnchorageError",
      code: "AccessDenied",
      message:
        /^User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: rolesanywhere:CreateProfile on resource: arn:aws:rolesanywhere:us-east-1:123456789012:profile\/\*/,
    },
  );
});
