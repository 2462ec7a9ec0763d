import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { listDigestsForPage } from "@/server/watches/list-digests-for-page";
import type { DigestContent } from "@/server/watches/read-digests";
import { createWatch } from "@/server/watches/watch-store";
import { watchCreateInputSchema } from "@/shared/watches";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * The digests the watches page lists (watches.digests), on each storage engine: the owner's newest first, as
 * many as asked for; a damaged one left out and logged; another person's watch unknown.
 */

const NOW = new Date("2026-03-02T08:00:00Z");
const profile = {
  languages: ["Rust"],
  topics: [],
  skillLevel: "beginner" as const,
  goals: "Learn systems programming",
};

let store: TempStore;
let users = 0;
let logs: string[];
const logger: Logger = {
  error: (message) => logs.push(message),
  warn: (message) => logs.push(message),
};

async function createUser(): Promise<string> {
  users += 1;
  const id = `digest-reader-${users}`;
  await store.db.user.create({ data: { id, name: id, email: `${id}@example.test` }, select: { id: true } });
  return id;
}

async function createOwnWatch(userId: string): Promise<string> {
  const watch = await createWatch({
    db: store.db,
    logger,
    userId,
    input: watchCreateInputSchema.parse({
      name: "Rust starters",
      filters: { languages: ["Rust"] },
      schedule: { kind: "daily", hour: 9, timeZone: "UTC" },
      profile,
    }),
    now: NOW,
  });
  return watch.id;
}

function contentFinding(repository: string): DigestContent {
  return {
    newRepositories: [
      {
        fullName: repository,
        url: `https://github.com/${repository}`,
        description: null,
        fitScore: 8,
        reason: "Small, friendly and written in Rust.",
        pickedIssues: [],
      },
    ],
    newIssues: [],
    goneIssues: [],
    cost: { githubRequests: 3, llmInputTokens: 0, llmOutputTokens: 0, cachedResults: 1, readmesFromCache: 1 },
  };
}

async function writeDigest(watchId: string, id: string, minutesAfter: number, content: unknown) {
  await store.db.watchDigest.create({
    data: {
      id,
      watchId,
      watchRunId: `slot-${id}`,
      runId: `run-${id}`,
      content: content as object,
      createdAt: new Date(NOW.getTime() + minutesAfter * 60_000),
    },
  });
}

describe.each(storeKinds)("a watch's digests for its page (%s)", (kind) => {
  beforeAll(async () => {
    store = await createTempStore(kind);
  });
  afterAll(() => store.cleanup());
  beforeEach(() => {
    logs = [];
  });

  it("lists the owner's digests newest first, as many as asked for, with their ids and times", async () => {
    const userId = await createUser();
    const watchId = await createOwnWatch(userId);
    await writeDigest(watchId, `${kind}-first`, 60, contentFinding("rust-lang/first"));
    await writeDigest(watchId, `${kind}-second`, 120, contentFinding("rust-lang/second"));
    await writeDigest(watchId, `${kind}-third`, 180, contentFinding("rust-lang/third"));

    const { items } = await listDigestsForPage({ db: store.db, logger, userId, watchId, limit: 2 });

    expect(items).toEqual([
      {
        ...contentFinding("rust-lang/third"),
        id: `${kind}-third`,
        watchId,
        runId: `run-${kind}-third`,
        createdAt: "2026-03-02T11:00:00.000Z",
      },
      expect.objectContaining({ id: `${kind}-second`, createdAt: "2026-03-02T10:00:00.000Z" }),
    ]);
  });

  it("leaves a digest that no longer reads out, and says which in the log", async () => {
    const userId = await createUser();
    const watchId = await createOwnWatch(userId);
    await writeDigest(watchId, `${kind}-good`, 60, contentFinding("rust-lang/good"));
    await writeDigest(watchId, `${kind}-damaged`, 120, { newRepositories: "not a list" });

    const { items } = await listDigestsForPage({ db: store.db, logger, userId, watchId, limit: 10 });

    expect(items.map((digest) => digest.id)).toEqual([`${kind}-good`]);
    expect(logs).toEqual([expect.stringContaining(`WatchDigest ${kind}-damaged`)]);
  });

  it("answers NOT_FOUND for another person's watch, as for one that does not exist", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const watchId = await createOwnWatch(owner);
    await writeDigest(watchId, `${kind}-private`, 60, contentFinding("rust-lang/private"));

    for (const id of [watchId, "no-such-watch"]) {
      const refused = await listDigestsForPage({
        db: store.db,
        logger,
        userId: stranger,
        watchId: id,
        limit: 10,
      }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "NOT_FOUND", message: `No watch with id ${JSON.stringify(id)}` });
    }
  });
});
