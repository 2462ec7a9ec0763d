import { createHash } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { escapeHtml } from "./digest-body";

// The token's alphabet (base64url, newWatchSecret): anything else names no watch, and the database is not asked.
const tokenShape = /^[A-Za-z0-9_-]{16,128}$/;

const pageStyle =
  "body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}" +
  "h1{font-size:1.4rem}a{color:#0969da}";

/**
 * The page stands alone: no script, no request for anything, its one style block allowed by its hash. The
 * token is in the address, so no link from here sends a Referer, and no cache or index keeps the page.
 */
const pageHeaders = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": `default-src 'none'; style-src 'sha256-${createHash("sha256").update(pageStyle).digest("base64")}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

function page(status: number, title: string, paragraphs: string[]): Response {
  const body = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · GitHub Scout</title>`,
    `<style>${pageStyle}</style></head><body><main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
    '<p><a href="/">Open GitHub Scout</a></p>',
    "</main></body></html>",
    "",
  ].join("\n");
  return new Response(body, { status, headers: pageHeaders });
}

function unknownLink(): Response {
  return page(404, "Unknown unsubscribe link", [
    "This link names no watch. It may be from an older mail: changing a watch's mail address gives it a new " +
      "link, and deleting the watch ends its mail altogether.",
  ]);
}

/**
 * /unsubscribe/<token>: stops a watch's mail. A GET is the link in the mail's body, clicked; a POST is what a
 * mail client sends for its own unsubscribe button (RFC 8058, body "List-Unsubscribe=One-Click"). Either
 * unsubscribes at once, without sign-in: a mail client has no session, and the token alone is the key. The
 * token stays valid, so a second click still says the mail has stopped.
 */
export async function handleUnsubscribeRequest({
  req,
  token,
  db,
  logger,
  clock,
}: {
  req: Request;
  token: string;
  db: Db;
  logger: Logger;
  clock: () => Date;
}): Promise<Response> {
  if (req.method !== "GET" && req.method !== "POST") {
    return new Response(null, { status: 405, headers: { Allow: "GET, POST", "Cache-Control": "no-store" } });
  }
  if (!tokenShape.test(token)) return unknownLink();
  try {
    const watch = await db.watch.findUnique({
      where: { unsubscribeToken: token },
      select: { name: true, emailTo: true },
    });
    if (!watch) return unknownLink();
    if (watch.emailTo !== null) {
      // Only a watch that still mails changes: a repeated click leaves its updatedAt alone.
      await db.watch.updateMany({
        where: { unsubscribeToken: token, emailTo: { not: null } },
        data: { emailTo: null, updatedAt: clock() },
      });
    }
    return page(200, "Unsubscribed", [
      `The watch <strong>${escapeHtml(watch.name)}</strong> no longer mails its digests.`,
      "The watch itself keeps running, and its feed keeps every digest. To get mail again, give the watch " +
        "a mail address in GitHub Scout.",
    ]);
  } catch (error) {
    logger.error("An unsubscribe link could not be followed", error);
    return page(500, "Something went wrong", [
      "Your mail could not be stopped just now; try the link again.",
    ]);
  }
}
