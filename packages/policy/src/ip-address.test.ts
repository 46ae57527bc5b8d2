import assert from "node:assert/strict";
import { test } from "node:test";
import { ipInBlock, parseIpAddress, parseIpBlock } from "./ip-address.js";

// iam-sts.md §2.2: CIDR (IPv4 and IPv6); a bare IP is /32 or /128.
const MEMBERSHIP: readonly [block: string, address: string, inside: boolean][] = [
  ["203.0.113.0/24", "203.0.113.0", true],
  ["203.0.113.0/24", "203.0.113.255", true],
  ["203.0.113.0/24", "203.0.114.0", false],
  ["203.0.113.7", "203.0.113.7", true],
  ["203.0.113.7", "203.0.113.8", false],
  ["0.0.0.0/0", "198.51.100.1", true],
  ["10.0.0.0/8", "10.255.255.255", true],
  ["10.0.0.0/8", "11.0.0.0", false],
  ["192.168.1.128/25", "192.168.1.127", false],
  ["192.168.1.128/25", "192.168.1.200", true],
  ["203.0.113.5/24", "203.0.113.99", true],
  ["2001:DB8:1234:5678::/64", "2001:db8:1234:5678:abcd::1", true],
  ["2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1", false],
  ["2001:db8::/32", "2001:db8:ffff::1", true],
  ["::1", "::1", true],
  ["::1", "::2", false],
  ["::/0", "fe80::1", true],
  ["2001:db8::/127", "2001:db8::1", true],
  ["2001:db8::/127", "2001:db8::2", false],
  ["203.0.113.0/24", "::ffff:203.0.113.9", true],
  ["::ffff:0:0/96", "203.0.113.9", true],
  ["203.0.113.0/24", "2001:db8::1", false],
  ["2001:db8::/32", "203.0.113.1", false],
  ["::ffff:203.0.113.0/120", "::ffff:203.0.113.77", true],
  ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", true],
];

test("addresses are inside or outside blocks", () => {
  assert.equal(MEMBERSHIP.length, 25);
  for (const [blockText, addrText, inside] of MEMBERSHIP) {
    const block = parseIpBlock(blockText);
    const addr = parseIpAddress(addrText);
    assert.ok(block, blockText);
    assert.ok(addr, addrText);
    assert.equal(ipInBlock(addr, block), inside, `${addrText} in ${blockText}`);
  }
});

const BAD_BLOCKS = [
  "",
  "10.0.0",
  "10.0.0.256",
  "10.0.0.1/33",
  "10.0.0.1/",
  "10.0.0.1/-1",
  "010.0.0.1",
  "1.2.3.4.5",
  "2001:db8::/129",
  "2001:db8:::1",
  "2001::db8::1",
  "1:2:3:4:5:6:7:8:9",
  "1:2:3:4:5:6:7",
  "fe80::1%eth0",
  "gggg::1",
  "12345::1",
  "::ffff:1.2.3",
  "localhost",
  ":1::",
  "1::2:",
];

test("malformed addresses and blocks are rejected", () => {
  assert.equal(BAD_BLOCKS.length, 20);
  for (const b of BAD_BLOCKS) assert.equal(parseIpBlock(b), undefined, b);
});
