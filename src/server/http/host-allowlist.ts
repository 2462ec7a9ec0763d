/**
 * The DNS-rebinding guard. A page on any web site can point its own domain at 127.0.0.1 and then talk to
 * this server from the victim's browser as a "same-origin" page; the one thing it cannot change is the Host
 * header, which names the attacker's domain. So the server answers only the host names it is known by.
 */

export type HostAndPort = { hostname: string; port: number | null };

/** Host names that always mean this machine. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/** Addresses that bind every interface: they name no host a browser would send. */
const WILDCARD_BIND_ADDRESSES = new Set(["0.0.0.0", "[::]"]);

const ANY_HOST = "*";

/**
 * Reads "name", "name:port", "1.2.3.4:port" or "[v6]:port" into its canonical form (lower case, IPv4 and
 * IPv6 normalized by the WHATWG URL parser, no trailing dot); null when it is not a host at all.
 */
export function parseHostAndPort(value: string): HostAndPort | null {
  const text = value.trim();
  // Userinfo, paths and the like would make the URL parser read a different host than the text shows.
  if (text === "" || /[\s/?#@\\%]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    return null;
  }
  const portText = text.endsWith("]") ? undefined : /:(\d+)$/.exec(text)?.[1];
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65_535)) return null;
  const hostname = url.hostname.replace(/\.$/, "");
  return hostname === "" ? null : { hostname, port };
}

/**
 * HOST in the form `server.listen` takes ("127.0.0.1", "::1", "scout.lan"), or null when it is not one
 * interface name or address. IPv6 may be given with or without brackets.
 */
export function parseBindHost(value: string): string | null {
  const text = value.trim();
  const parsed = parseHostAndPort(text.includes(":") && !text.startsWith("[") ? `[${text}]` : text);
  if (!parsed || parsed.port !== null) return null;
  return parsed.hostname.replace(/^\[(.*)\]$/, "$1");
}

export type HostAllowlist = {
  /** True when the operator turned the guard off with SCOUT_ALLOWED_HOSTS=*. */
  anyHost: boolean;
  /** An entry without a port allows its name on any port (a container may publish the app on another). */
  entries: HostAndPort[];
};

/**
 * The hosts the server answers: SCOUT_ALLOWED_HOSTS when it is set, else the loopback names plus HOST when
 * HOST names one particular interface.
 */
export function resolveAllowedHosts({
  host,
  configured,
}: {
  /** HOST as parseBindHost returns it: the interface the server binds. */
  host: string;
  /** SCOUT_ALLOWED_HOSTS, already validated; null when unset. */
  configured: readonly string[] | null;
}): HostAllowlist {
  if (configured) {
    return {
      anyHost: configured.includes(ANY_HOST),
      entries: configured.flatMap((entry) => parseHostAndPort(entry) ?? []),
    };
  }
  const bound = parseHostAndPort(host.includes(":") ? `[${host}]` : host);
  const names: string[] = [...LOOPBACK_HOSTS];
  if (bound && !WILDCARD_BIND_ADDRESSES.has(bound.hostname) && !names.includes(bound.hostname))
    names.push(bound.hostname);
  return { anyHost: false, entries: names.map((hostname) => ({ hostname, port: null })) };
}

/** Whether a request's Host header names this server. A missing or malformed header never does. */
export function isAllowedHost(hostHeader: string | undefined, allowlist: HostAllowlist): boolean {
  if (allowlist.anyHost) return true;
  const requested = hostHeader === undefined ? null : parseHostAndPort(hostHeader);
  if (!requested) return false;
  return allowlist.entries.some(
    (entry) =>
      entry.hostname === requested.hostname && (entry.port === null || entry.port === requested.port),
  );
}

/** Validates one SCOUT_ALLOWED_HOSTS entry for src/env.ts: a problem in words, or null when it is fine. */
export function describeAllowedHostProblem(entry: string): string | null {
  if (entry === ANY_HOST) return null;
  return parseHostAndPort(entry)
    ? null
    : `"${entry}" is not a host name, IP address or [IPv6] address, optionally with :port`;
}
