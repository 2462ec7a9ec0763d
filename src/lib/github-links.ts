/**
 * Links to repository pages. Repository URLs come from GitHub's answers (or the demo catalog), so they are
 * data: a link is rendered only when it points where the configured GitHub's web pages live.
 */

/**
 * The URL, normalised, when it is on `origin` (scheme, host and port alike) without credentials; otherwise
 * null. The scheme is the configured GitHub's own: https for github.com, and plain http only where the
 * operator pointed GITHUB_API_URL at an http server (a GitHub Enterprise on a closed network, the tests'
 * stand-in), never for a URL that merely claims http.
 */
export function toGitHubHref(url: string, origin: string): string | null {
  let parsed: URL;
  let expected: URL;
  try {
    parsed = new URL(url);
    expected = new URL(origin);
  } catch {
    return null;
  }
  if (expected.protocol !== "https:" && expected.protocol !== "http:") return null;
  if (parsed.origin !== expected.origin) return null;
  if (parsed.username !== "" || parsed.password !== "") return null;
  return parsed.href;
}

/**
 * The web origin that belongs to a GitHub REST base URL: https://api.github.com serves https://github.com,
 * GitHub Enterprise Cloud's https://api.acme.ghe.com serves https://acme.ghe.com, and a GitHub Enterprise
 * Server at https://ghe.example.com/api/v3 serves its own host.
 */
export function githubWebOriginFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  const host = url.host.startsWith("api.") ? url.host.slice("api.".length) : url.host;
  return `${url.protocol}//${host}`;
}

/**
 * Demo repositories do not exist on github.com, so their issue and pull-request links must not pretend to:
 * they point at this host, which RFC 2606 reserves and which never resolves. Renderers show such links as
 * plain text marked "demo".
 */
export const DEMO_URL_HOST = "demo.invalid";

export function isDemoUrl(url: string): boolean {
  try {
    return new URL(url).hostname === DEMO_URL_HOST;
  } catch {
    return false;
  }
}

export type IssueLink =
  | { kind: "link"; href: string }
  /** Demo data: shown as text, marked "demo". */
  | { kind: "demo" }
  /** Anywhere else: shown as text, never followed. */
  | { kind: "text" };

/** How to show a link to an issue: a real link only to the configured GitHub's web pages. */
export function toIssueLink(url: string, origin: string): IssueLink {
  if (isDemoUrl(url)) return { kind: "demo" };
  const href = toGitHubHref(url, origin);
  return href === null ? { kind: "text" } : { kind: "link", href };
}
