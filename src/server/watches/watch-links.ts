import { feedPathOf } from "./watch-store";

/**
 * The addresses a digest links to, on the server's public base URL (SCOUT_PUBLIC_URL, or the local default):
 * a mail or a feed reader is read away from the app, so every link in it is absolute.
 */

export const runPathOf = (runId: string) => `/runs/${encodeURIComponent(runId)}`;

/** The one-click unsubscribe address: the token alone is the key, so nobody needs to sign in to use it. */
export const unsubscribePathOf = (unsubscribeToken: string) =>
  `/unsubscribe/${encodeURIComponent(unsubscribeToken)}`;

/** Where a person manages their watches. */
export const watchesPath = "/watches";

export type DigestLinks = { runUrl: string; watchesUrl: string; feedUrl: string; unsubscribeUrl: string };

export function digestLinksOf({
  publicBaseUrl,
  runId,
  feedSecret,
  unsubscribeToken,
}: {
  publicBaseUrl: string;
  runId: string;
  feedSecret: string;
  unsubscribeToken: string;
}): DigestLinks {
  const base = publicBaseUrl.replace(/\/+$/, "");
  return {
    runUrl: `${base}${runPathOf(runId)}`,
    watchesUrl: `${base}${watchesPath}`,
    feedUrl: `${base}${feedPathOf(feedSecret)}`,
    unsubscribeUrl: `${base}${unsubscribePathOf(unsubscribeToken)}`,
  };
}
