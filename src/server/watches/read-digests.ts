import type { Db } from "@/server/db/client";
import { readStored } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { formatCountOf } from "@/lib/words";
import { digestSchema, type Digest } from "@/shared/watches";
import type { z } from "@/shared/zod";

/**
 * A digest is stored as a WatchDigest row: its ids and time in columns of their own, the rest (what is new,
 * what the run cost) in the `content` JSON column. The writer (the run's settlement) and the readers (the
 * feed, the mail, watches.digests) share this one mapping, so the two sides cannot drift apart.
 */

const digestContentSchema = digestSchema.omit({ id: true, watchId: true, runId: true, createdAt: true });
export type DigestContent = z.infer<typeof digestContentSchema>;

/** What goes in WatchDigest.content: the digest without the fields its columns hold. */
export function digestContentOf(digest: Digest): DigestContent {
  const { newRepositories, newIssues, goneIssues, cost } = digest;
  return { newRepositories, newIssues, goneIssues, cost };
}

/** The WatchDigest columns a reader selects. */
export const digestRowSelect = {
  id: true,
  watchId: true,
  runId: true,
  content: true,
  createdAt: true,
} as const;

export type DigestRow = { id: string; watchId: string; runId: string; content: unknown; createdAt: Date };

/** The stored row as a Digest; null (logged) when its content no longer validates, so one bad row hides alone. */
export function toDigest(row: DigestRow, logger: Logger): Digest | null {
  const content = readStored(digestContentSchema, row.content, {
    logger,
    row: `WatchDigest ${row.id}`,
    field: "content",
  });
  if (!content) return null;
  return {
    id: row.id,
    watchId: row.watchId,
    runId: row.runId,
    createdAt: row.createdAt.toISOString(),
    ...content,
  };
}

/** The watch's latest digests, newest first; damaged ones are left out. */
export async function listDigests({
  db,
  logger,
  watchId,
  limit,
}: {
  db: Db;
  logger: Logger;
  watchId: string;
  limit: number;
}): Promise<Digest[]> {
  const rows = await db.watchDigest.findMany({
    where: { watchId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: digestRowSelect,
  });
  return rows.flatMap((row) => toDigest(row, logger) ?? []);
}

/**
 * One plain line of what the digest holds, such as "2 new repositories · 3 new starter issues · 1 issue
 * taken": the mail's subject and the feed entry's title. It holds counts only, never text from GitHub.
 */
export function summarizeDigest(
  digest: Pick<Digest, "newRepositories" | "newIssues" | "goneIssues">,
): string {
  const parts = [
    [digest.newRepositories.length, "new repository", "new repositories"],
    [digest.newIssues.length, "new starter issue", "new starter issues"],
    [digest.goneIssues.length, "issue taken", "issues taken"],
  ] as const;
  const said = parts
    .filter(([count]) => count > 0)
    .map(([count, one, other]) => formatCountOf(count, one, other, formatNumber));
  return said.length > 0 ? said.join(" · ") : "Nothing new";
}

/** Counts as people read them (1,200), the same on every server whatever its locale. */
export const formatNumber = (value: number) => value.toLocaleString("en-US");
