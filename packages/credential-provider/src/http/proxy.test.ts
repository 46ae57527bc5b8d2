import assert from "node:assert/strict";
import test from "node:test";
import { ProxyConfigError, proxyForUrl } from "./proxy.js";

const RA = new URL("https://rolesanywhere.us-east-1.amazonaws.com");
const PLAIN = new URL("http://ra.internal:8080");

// [name, target, environment, expected proxy href or undefined]
const cases: [string, URL, Record<string, string>, string | undefined][] = [
  ["HTTPS_PROXY for an https target", RA, { HTTPS_PROXY: "http://proxy:3128" }, "http://proxy:3128/"],
  ["lower-case https_proxy", RA, { https_proxy: "http://proxy:3128" }, "http://proxy:3128/"],
  [
    "upper case wins",
    RA,
    { HTTPS_PROXY: "http://upper:1", https_proxy: "http://lower:2" },
    "http://upper:1/",
  ],
  ["no scheme means http://", RA, { HTTPS_PROXY: "proxy:3128" }, "http://proxy:3128/"],
  ["an https proxy", RA, { HTTPS_PROXY: "https://proxy:3129" }, "https://proxy:3129/"],
  [
    "HTTP_PROXY is not used for https (no fallback, as Go)",
    RA,
    { HTTP_PROXY: "http://proxy:3128" },
    undefined,
  ],
  ["HTTP_PROXY for an http target", PLAIN, { HTTP_PROXY: "http://proxy:3128" }, "http://proxy:3128/"],
  ["HTTPS_PROXY is not used for http", PLAIN, { HTTPS_PROXY: "http://proxy:3128" }, undefined],
  ["nothing set", RA, {}, undefined],
  ["NO_PROXY=*", RA, { HTTPS_PROXY: "p:1", NO_PROXY: "*" }, undefined],
  ["NO_PROXY domain matches subdomains", RA, { HTTPS_PROXY: "p:1", NO_PROXY: "amazonaws.com" }, undefined],
  [
    "NO_PROXY domain matches itself",
    new URL("https://amazonaws.com"),
    { HTTPS_PROXY: "p:1", NO_PROXY: "amazonaws.com" },
    undefined,
  ],
  [
    "NO_PROXY .domain matches subdomains only",
    new URL("https://amazonaws.com"),
    { HTTPS_PROXY: "p:1", NO_PROXY: ".amazonaws.com" },
    "http://p:1/",
  ],
  ["NO_PROXY *.domain", RA, { HTTPS_PROXY: "p:1", NO_PROXY: "*.amazonaws.com" }, undefined],
  [
    "NO_PROXY with another port does not match",
    RA,
    { HTTPS_PROXY: "p:1", no_proxy: "amazonaws.com:8443" },
    "http://p:1/",
  ],
  [
    "NO_PROXY with the default port matches",
    RA,
    { HTTPS_PROXY: "p:1", NO_PROXY: "foo, amazonaws.com:443" },
    undefined,
  ],
  ["NO_PROXY unrelated", RA, { HTTPS_PROXY: "p:1", NO_PROXY: "example.com,10.0.0.0/8" }, "http://p:1/"],
  ["NO_PROXY CIDR", new URL("https://10.1.2.3"), { HTTPS_PROXY: "p:1", NO_PROXY: "10.0.0.0/8" }, undefined],
  [
    "NO_PROXY IP",
    new URL("http://192.168.1.5:8080"),
    { HTTP_PROXY: "p:1", NO_PROXY: "192.168.1.5" },
    undefined,
  ],
  [
    "NO_PROXY IPv6",
    new URL("http://[2001:db8::1]:8080"),
    { HTTP_PROXY: "p:1", NO_PROXY: "[2001:db8::1]" },
    undefined,
  ],
  ["loopback never uses a proxy (Go)", new URL("http://127.0.0.1:18443"), { HTTP_PROXY: "p:1" }, undefined],
  ["localhost never uses a proxy (Go)", new URL("https://localhost:8443"), { HTTPS_PROXY: "p:1" }, undefined],
  ["::1 never uses a proxy (Go)", new URL("http://[::1]:8080"), { HTTP_PROXY: "p:1" }, undefined],
];

test("23 proxy choices follow Go's net/http (AWS's helper with --with-proxy)", () => {
  for (const [name, target, env, expected] of cases)
    assert.equal(proxyForUrl(target, env)?.href, expected, name);
  assert.equal(cases.length, 23);
});

test("a SOCKS proxy is refused, naming the variable and not its value", () => {
  assert.throws(
    () => proxyForUrl(RA, { HTTPS_PROXY: "socks5://user:secret@proxy:1080" }),
    (e: unknown) =>
      e instanceof ProxyConfigError &&
      e.message === "HTTPS_PROXY uses socks5:; only http:// and https:// proxies are supported" &&
      !e.message.includes("secret"),
  );
});
