import assert from "node:assert/strict";
import { test } from "node:test";
import { matchGlob } from "./glob.js";
import {
  compileGlobTemplate,
  parseTemplate,
  PolicyVariableSyntaxError,
  resolveGlob,
  resolveText,
  splitTemplateArn,
} from "./policy-variables.js";
import { createRequestContext } from "./request-context.js";

const ctx = createRequestContext({
  "aws:username": "alice",
  "AWS:PrincipalTag/Team": "blue",
  "aws:TagKeys": ["a", "b"],
  "aws:single": ["only"],
  "aws:star": "x*y",
});

test("variables resolve from the context, key names case-insensitively (IUG reference_policies_variables.html)", () => {
  assert.equal(resolveText(parseTemplate("home/${aws:username}/", true), ctx), "home/alice/");
  assert.equal(resolveText(parseTemplate("${aws:principaltag/team}", true), ctx), "blue");
  assert.equal(resolveText(parseTemplate("${AWS:USERNAME}", true), ctx), "alice");
});

test("defaults apply when the key is absent", () => {
  assert.equal(resolveText(parseTemplate("${aws:userid, 'anonymous'}", true), ctx), "anonymous");
  assert.equal(resolveText(parseTemplate("${aws:username, 'anonymous'}", true), ctx), "alice");
  assert.equal(resolveText(parseTemplate("${aws:PrincipalTag/x,'a b}c'}", true), ctx), "a b}c");
});

test("an absent key without default, or a multivalued key, leaves the template unresolved", () => {
  assert.equal(resolveText(parseTemplate("${aws:userid}", true), ctx), undefined);
  assert.equal(resolveText(parseTemplate("${aws:TagKeys}", true), ctx), undefined);
  assert.equal(resolveText(parseTemplate("${aws:single}", true), ctx), "only");
});

test("${*}, ${?} and ${$} are literal characters", () => {
  assert.equal(resolveText(parseTemplate("a${*}b${?}c${$}", true), ctx), "a*b?c$");
  const g = resolveGlob(compileGlobTemplate(parseTemplate("a${*}b*", true)), ctx);
  assert.ok(g);
  assert.equal(matchGlob(g, "a*bzzz"), true);
  assert.equal(matchGlob(g, "axbzzz"), false);
});

test("variable values are matched literally, never as wildcards", () => {
  const g = resolveGlob(compileGlobTemplate(parseTemplate("p/${aws:star}", true)), ctx);
  assert.ok(g);
  assert.equal(matchGlob(g, "p/x*y"), true);
  assert.equal(matchGlob(g, "p/xzzy"), false);
});

test("with variables disabled (Version absent or 2008-10-17) the text is literal", () => {
  const t = parseTemplate("home/${aws:username}", false);
  assert.equal(t.hasVariables, false);
  assert.equal(resolveText(t, ctx), "home/${aws:username}");
});

test("malformed variables are rejected with a reason", () => {
  assert.throws(() => parseTemplate("a${aws:username", true), {
    name: "PolicyVariableSyntaxError",
    message: /unterminated/,
  });
  assert.throws(() => parseTemplate("${}", true), /empty policy variable/);
  assert.throws(() => parseTemplate("${username}", true), /vendor prefix/);
  assert.throws(() => parseTemplate("${aws:username, anon}", true), PolicyVariableSyntaxError);
});

test("splitTemplateArn splits at the first five colons outside ${…}", () => {
  const f = splitTemplateArn(parseTemplate("arn:aws:s3:::b/${aws:username}/x:y", true));
  assert.ok(f);
  assert.deepEqual(
    f.map((x) => x.source),
    ["arn", "aws", "s3", "", "", "b/${aws:username}/x:y"],
  );
  assert.equal(f[5]?.hasVariables, true);
  assert.equal(splitTemplateArn(parseTemplate("arn:aws:s3", true)), undefined);
  assert.equal(splitTemplateArn(parseTemplate("bucket/key", true)), undefined);
});
