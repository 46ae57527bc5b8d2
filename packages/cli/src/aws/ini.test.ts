import assert from "node:assert/strict";
import { test } from "node:test";
import { parseIni } from "./ini.js";

const TABLE: readonly {
  name: string;
  text: string;
  section: string;
  want: Record<string, string> | undefined;
}[] = [
  {
    name: "plain section",
    text: "[default]\naws_access_key_id = AKID\n",
    section: "default",
    want: { aws_access_key_id: "AKID" },
  },
  {
    name: "keys are case-insensitive",
    text: "[p]\nAWS_Access_Key_Id=X",
    section: "p",
    want: { aws_access_key_id: "X" },
  },
  {
    name: "comments and blank lines",
    text: "# c\n\n[p] ; c\n; x = y\nk = v # note\n",
    section: "p",
    want: { k: "v" },
  },
  {
    name: "a # without space stays in the value",
    text: "[p]\nsecret = ab#cd\n",
    section: "p",
    want: { secret: "ab#cd" },
  },
  { name: "CRLF line ends", text: "[p]\r\nk = v\r\n", section: "p", want: { k: "v" } },
  { name: "later duplicates win", text: "[p]\nk = 1\n[q]\n[p]\nk = 2\n", section: "p", want: { k: "2" } },
  {
    name: "profile prefix kept in the name",
    text: "[profile dev]\nregion = eu-west-1\n",
    section: "profile dev",
    want: { region: "eu-west-1" },
  },
  { name: "lines before any section ignored", text: "k = v\n[p]\n", section: "p", want: {} },
  { name: "missing section", text: "[p]\nk = v\n", section: "q", want: undefined },
];

test("parseIni reads the AWS shared-file dialect", () => {
  assert.equal(TABLE.length, 9);
  for (const row of TABLE) {
    const got = parseIni(row.text).get(row.section);
    assert.deepEqual(got === undefined ? undefined : Object.fromEntries(got), row.want, row.name);
  }
});
