// node:net through process.getBuiltinModule, loaded when a proxy is considered: `import "node:net"`
// would build its ES module facade on the credential-process hot path.
const net = () => process.getBuiltinModule("node:net");
const isIP = (value: string): number => net().isIP(value);
const newBlockList = () => new (net().BlockList)();

/** The environment variables read, upper-case first as Go's `httpproxy.FromEnvironment` reads them. */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

const first = (env: ProxyEnvironment, ...names: string[]): string | undefined =>
  names.map((n) => env[n]).find((v) => v !== undefined && v !== "");

/** `[::1]` → `::1`: URL host names keep the brackets of IPv6 literals. */
export const bareHost = (hostname: string): string =>
  hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;

/** The port a URL connects to: its own, else 443 for https and 80 otherwise. */
export const effectivePort = (url: URL): number =>
  url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;

function parseProxyUrl(value: string, variable: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Go: a value without a scheme (or one URL parsing rejects) is tried again as http://<value>.
  if (url === undefined || url.host === "") {
    try {
      url = new URL(`http://${value}`);
    } catch (cause) {
      throw new ProxyConfigError(`${variable} is not a proxy URL`, { cause });
    }
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ProxyConfigError(
      `${variable} uses ${url.protocol}; only http:// and https:// proxies are supported`,
    );
  }
  return url;
}

/** A proxy variable that cannot be used. The message names the variable, never its value. */
export class ProxyConfigError extends Error {
  override readonly name = "ProxyConfigError";
}

/** True when `NO_PROXY` (Go's rules) exempts `host:port`. */
function exempt(noProxy: string, host: string, port: string): boolean {
  const ipVersion = isIP(host);
  for (const raw of noProxy.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const slash = entry.indexOf("/");
    if (slash !== -1) {
      const [network, bits] = [entry.slice(0, slash), Number(entry.slice(slash + 1))];
      const family = isIP(network);
      if (family !== 0 && ipVersion === family && Number.isInteger(bits)) {
        const list = newBlockList();
        list.addSubnet(network, bits, family === 4 ? "ipv4" : "ipv6");
        if (list.check(host, family === 4 ? "ipv4" : "ipv6")) return true;
      }
      continue;
    }
    let entryHost = entry;
    let entryPort = "";
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entryHost = bracketed[1]!;
      entryPort = bracketed[2] ?? "";
    } else if (isIP(entry) === 0) {
      const colon = entry.lastIndexOf(":");
      if (colon !== -1) {
        entryHost = entry.slice(0, colon);
        entryPort = entry.slice(colon + 1);
      }
    }
    const portMatches = entryPort === "" || entryPort === port;
    if (isIP(entryHost) !== 0) {
      if (ipVersion !== 0 && sameIp(entryHost, host) && portMatches) return true;
      continue;
    }
    if (entryHost === "") continue;
    // "foo.com" matches foo.com and *.foo.com; ".foo.com" and "*.foo.com" match only subdomains.
    const suffix = entryHost.startsWith("*.") ? entryHost.slice(1) : entryHost;
    const matchHost = !suffix.startsWith(".");
    const dotted = matchHost ? `.${suffix}` : suffix;
    if ((host.endsWith(dotted) || (matchHost && host === suffix)) && portMatches) return true;
  }
  return false;
}

function sameIp(a: string, b: string): boolean {
  const family = isIP(a);
  if (family !== isIP(b)) return false;
  const list = newBlockList();
  list.addAddress(a, family === 4 ? "ipv4" : "ipv6");
  return list.check(b, family === 4 ? "ipv4" : "ipv6");
}

const isLoopback = (host: string): boolean => {
  if (host === "localhost") return true;
  const family = isIP(host);
  if (family === 0) return false;
  const list = newBlockList();
  list.addSubnet("127.0.0.0", 8, "ipv4");
  list.addAddress("::1", "ipv6");
  return list.check(host, family === 4 ? "ipv4" : "ipv6");
};

/**
 * The proxy for `target` under the environment, by the rules of Go's `net/http` (AWS's helper with
 * `--with-proxy`): `HTTPS_PROXY`/`https_proxy` for https targets, `HTTP_PROXY`/`http_proxy` for http
 * ones (no fallback between them); `NO_PROXY`/`no_proxy` exempts hosts (`*`, `example.com` = it and
 * its subdomains, `.example.com` = subdomains only, `host:port`, IPs and CIDR ranges); `localhost`
 * and loopback addresses never use a proxy. A proxy value without a scheme means `http://`.
 *
 * @example
 * proxyForUrl(new URL("https://rolesanywhere.us-east-1.amazonaws.com"), { HTTPS_PROXY: "proxy:3128" })?.href
 * // "http://proxy:3128/"
 *
 * @throws ProxyConfigError when the chosen variable is not an http:// or https:// proxy URL.
 */
export function proxyForUrl(target: URL, env: ProxyEnvironment): URL | undefined {
  const https = target.protocol === "https:";
  const variable = https ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"];
  const value = first(env, ...variable);
  if (value === undefined) return undefined;
  const host = bareHost(target.hostname).toLowerCase();
  if (isLoopback(host)) return undefined;
  const noProxy = first(env, "NO_PROXY", "no_proxy");
  if (noProxy !== undefined && exempt(noProxy, host, String(effectivePort(target)))) return undefined;
  const name = env[variable[0]!] !== undefined && env[variable[0]!] !== "" ? variable[0]! : variable[1]!;
  return parseProxyUrl(value.trim(), name);
}
