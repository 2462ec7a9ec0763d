import { createHash } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { renderDigestFeed } from "./digest-feed";
import { listDigests } from "./read-digests";
import { runPathOf } from "./watch-links";
import { feedPathOf } from "./watch-store";

/** Digests a feed holds: readers keep what they have seen, so the latest few are enough. */
export const FEED_DIGESTS = 50;

// The secret's alphabet (base64url, newWatchSecret) and a generous length: anything else is no feed, and is
// answered without asking the database.
const feedFileName = /^([A-Za-z0-9_-]{16,128})\.atom$/;

/**
 * A feed's address is its only key, so its answers must not leak it: no shared cache keeps them (private),
 * a reader asks again each time but is told "not modified" cheaply (ETag), and a link followed from a
 * browser showing it sends no Referer.
 */
const feedHeaders = {
  "Cache-Control": "private, no-cache",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

/** One answer for every address that is not a feed, so none tells which watches exist. */
function notFound(): Response {
  return new Response("No feed at this address.\n", {
    status: 404,
    headers: { ...feedHeaders, "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Whether If-None-Match names the entity tag (a list, or "*"; weak tags compare as their strong ones). */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/**
 * GET /feeds/<feedSecret>.atom: the watch's latest digests as Atom. Nobody signs in to read it (a feed reader
 * cannot); the secret is the key, and rotating it makes the old address a 404 at once.
 */
export async function handleFeedRequest({
  req,
  file,
  db,
  logger,
  publicBaseUrl,
}: {
  req: Request;
  /** The last path segment, "<feedSecret>.atom". */
  file: string;
  db: Db;
  logger: Logger;
  /** The base of the feed's links: SCOUT_PUBLIC_URL, or the local default (publicUrlOf). */
  publicBaseUrl: string;
}): Promise<Response> {
  const secret = feedFileName.exec(file)?.[1];
  if (!secret) return notFound();
  try {
    const watch = await db.watch.findUnique({
      where: { feedSecret: secret },
      select: { id: true, name: true, createdAt: true },
    });
    if (!watch) return notFound();
    const digests = await listDigests({ db, logger, watchId: watch.id, limit: FEED_DIGESTS });
    const base = publicBaseUrl.replace(/\/+$/, "");
    const xml = renderDigestFeed({
      watch,
      digests,
      feedUrl: `${base}${feedPathOf(secret)}`,
      siteUrl: `${base}/`,
      runUrl: (runId) => `${base}${runPathOf(runId)}`,
    });
    const etag = `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"`;
    if (matchesEtag(req.headers.get("if-none-match"), etag)) {
      return new Response(null, { status: 304, headers: { ...feedHeaders, ETag: etag } });
    }
    return new Response(req.method === "HEAD" ? null : xml, {
      status: 200,
      headers: { ...feedHeaders, ETag: etag, "Content-Type": "application/atom+xml; charset=utf-8" },
    });
  } catch (error) {
    logger.error("A watch's feed could not be served", error);
    return new Response("The feed could not be made; try again later.\n", {
      status: 500,
      headers: { ...feedHeaders, "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
