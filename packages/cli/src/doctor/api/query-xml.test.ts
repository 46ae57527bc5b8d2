import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeXmlText, xmlError, xmlInner, xmlText } from "./query-xml.js";

const GET_ROLE = `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetRoleResult>
    <Role>
      <Path>/</Path>
      <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>
      <MaxSessionDuration>3600</MaxSessionDuration>
      <RoleName>app</RoleName>
      <Arn>arn:aws:iam::123456789012:role/app</Arn>
      <Description>a &amp; b &lt;c&gt; &#233;&#x263A;</Description>
      <Tags/>
    </Role>
  </GetRoleResult>
  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</GetRoleResponse>`;

test("reads element text, decoding entities and character references", () => {
  const role = xmlInner(GET_ROLE, "Role") ?? "";
  assert.deepEqual(
    ["RoleName", "Arn", "MaxSessionDuration", "Description", "Tags", "Missing"].map((n) => xmlText(role, n)),
    ["app", "arn:aws:iam::123456789012:role/app", "3600", "a & b <c> é☺", "", undefined],
  );
  assert.equal(
    decodeURIComponent(xmlText(role, "AssumeRolePolicyDocument") ?? ""),
    '{"Version":"2012-10-17"}',
  );
});

test("an element that is opened but never closed has no text", () => {
  assert.equal(xmlText("<A><B>x</A>", "B"), undefined);
});

test("unknown entities and out-of-range references stay as written", () => {
  assert.equal(decodeXmlText("&nbsp; &#x110000; &amp;amp;"), "&nbsp; &#x110000; &amp;");
});

test("reads the code and message of an error document", () => {
  const xml = `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name x cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>`;
  assert.deepEqual(xmlError(xml), { code: "NoSuchEntity", message: "The role with name x cannot be found." });
  assert.equal(xmlError(GET_ROLE), undefined);
});
