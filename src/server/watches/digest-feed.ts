import { createHash } from "node:crypto";
import { Feed } from "feed";
import type { Digest } from "@/shared/watches";
import { escapeHtml, oneLine, renderDigestHtml } from "./digest-body";
import { summarizeDigest } from "./read-digests";

/**
 * A watch's digests as an Atom 1.0 feed (RFC 4287). Readers tell entries apart by their ids and show an
 * entry again when its id changes, so the feed's and the entries' ids are derived from the watch's and the
 * digests' ids alone: the same on every fetch, on every server, after a rotated feed address too.
 */

// The namespace of GitHub Scout's name-based UUIDs; any fixed UUID would do, this one was drawn at random.
const scoutUuidNamespace = Buffer.from("6f1d3c9a8e2b4f7d9a5c1e3b7d9f2a4c", "hex");

/** A name-based (version 5, SHA-1) UUID URN: a valid Atom id for any name, always the same for the same name. */
export function stableUrn(name: string): string {
  const hash = createHash("sha1").update(scoutUuidNamespace).update(name, "utf8").digest().subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const feedIdOf = (watchId: string) => stableUrn(`watch:${watchId}`);
export const entryIdOf = (digestId: string) => stableUrn(`digest:${digestId}`);

export function renderDigestFeed({
  watch,
  digests,
  feedUrl,
  siteUrl,
  runUrl,
}: {
  watch: { id: string; name: string; createdAt: Date };
  /** Newest first. */
  digests: readonly Digest[];
  /** The feed's own address (its rel="self" link). */
  feedUrl: string;
  /** Where the feed's title leads: the app. */
  siteUrl: string;
  runUrl: (runId: string) => string;
}): string {
  const newest = digests[0];
  const feed = new Feed({
    id: feedIdOf(watch.id),
    // A text element: the library escapes it; the line keeps stray controls out of the XML.
    title: `${oneLine(watch.name)} · GitHub Scout`,
    description: "What this watched search found new, one entry per run.",
    updated: newest ? new Date(newest.createdAt) : watch.createdAt,
    link: siteUrl,
    feed: feedUrl,
    // RFC 4287 wants an author on the feed when its entries have none.
    author: { name: "GitHub Scout" },
    generator: "GitHub Scout",
  });
  for (const digest of digests) {
    const date = new Date(digest.createdAt);
    feed.addItem({
      id: entryIdOf(digest.id),
      // The library marks entry titles type="html", so the title is written as HTML.
      title: escapeHtml(summarizeDigest(digest)),
      link: runUrl(digest.runId),
      date,
      published: date,
      content: renderDigestHtml(digest),
    });
  }
  return feed.atom1();
}
