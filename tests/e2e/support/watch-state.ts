import Database from "better-sqlite3";
import type { DigestContent } from "@/server/watches/read-digests";
import { e2eDatabasePath, type E2EProject } from "./e2e-databases";

/**
 * What only a watch's scheduled runs leave behind (failures, backoff, digests), written straight into the
 * app's database, as the scheduler would: the API has no call that makes a run fail or a digest appear, and
 * e2e tests do not wait for the scheduler's clock.
 */

/** A moment as Prisma's SQLite adapter writes DateTime columns. */
const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

function withDatabase(project: E2EProject, work: (db: Database.Database) => void): void {
  const db = new Database(e2eDatabasePath(project));
  try {
    work(db);
  } finally {
    db.close();
  }
}

/** The watch's runs failed `failures` times in a row, the last for `lastError`; paused until `backoffUntil`. */
export function recordWatchFailures(
  project: E2EProject,
  watchId: string,
  { failures, lastError, backoffUntil }: { failures: number; lastError: string; backoffUntil: Date | null },
): void {
  withDatabase(project, (db) => {
    db.prepare(
      'UPDATE "Watch" SET "consecutiveFailures" = ?, "lastError" = ?, "backoffUntil" = ? WHERE "id" = ?',
    ).run(failures, lastError, backoffUntil ? sqliteTime(backoffUntil) : null, watchId);
  });
}

export type { DigestContent };

/** A digest of the watch, as a settled run writes it. */
export function writeWatchDigest(
  project: E2EProject,
  digest: { id: string; watchId: string; runId: string; createdAt: Date; content: DigestContent },
): void {
  withDatabase(project, (db) => {
    db.prepare(
      'INSERT INTO "WatchDigest" ("id", "watchId", "watchRunId", "runId", "content", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      digest.id,
      digest.watchId,
      `slot-${digest.id}`,
      digest.runId,
      JSON.stringify(digest.content),
      sqliteTime(digest.createdAt),
    );
  });
}

/** A digest with something of every kind: two new repositories, a new starter issue, two taken issues. */
export const digestOfEveryKind: DigestContent = {
  newRepositories: [
    {
      fullName: "acme/widget",
      url: "https://github.com/acme/widget",
      description: "Widgets for the web",
      fitScore: 8,
      reason: "Small TypeScript codebase with friendly maintainers.",
      pickedIssues: [],
    },
    {
      fullName: "acme/gadget",
      url: "https://github.com/acme/gadget",
      description: null,
      fitScore: 4,
      reason: "Mostly Go, some Python tooling.",
      pickedIssues: [],
    },
  ],
  newIssues: [
    {
      repository: "acme/sprocket",
      repositoryUrl: "https://github.com/acme/sprocket",
      issue: {
        number: 12,
        title: "Document the CLI flags",
        url: "https://github.com/acme/sprocket/issues/12",
        labels: ["good first issue"],
        createdAt: "2026-12-01T10:00:00Z",
      },
    },
  ],
  goneIssues: [
    {
      repository: "acme/sprocket",
      number: 7,
      title: "Fix the typo in the README",
      url: "https://github.com/acme/sprocket/issues/7",
      change: "claimed",
    },
    {
      repository: "acme/sprocket",
      number: 9,
      title: "Add a --quiet flag",
      url: "https://github.com/acme/sprocket/issues/9",
      change: "closed",
    },
  ],
  cost: { githubRequests: 3, llmInputTokens: 0, llmOutputTokens: 0, cachedResults: 8, readmesFromCache: 8 },
};
