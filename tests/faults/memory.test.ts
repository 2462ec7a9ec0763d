import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertRepositories } from "@/server/repos/repo-records";
import { makeRepos } from "../support/llm-analysis-fixtures";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * What a long-running server keeps per search must not pile up. The fault soak's memory check found the
 * heap growing by more than 1 MB a search: Prisma cached a query plan for every batch of repository
 * upserts, and every search's batch is different. Run with node --expose-gc (npm run test:faults does).
 */

const gc = (globalThis as { gc?: () => void }).gc;
let temp: TempDb;

beforeAll(() => {
  temp = createTempDb();
});
afterAll(() => temp.cleanup());

/** 150 repositories with ids of their own, as varied as one search's: some lack a description or a licence. */
function searchRepos(search: number) {
  return makeRepos(150, `search-${search}/repo`).map((repo, index) => ({
    ...repo,
    githubId: search * 1000 + index,
    description: (index * 7 + search) % 3 === 0 ? null : repo.description,
    license: (index * 5 + search) % 4 === 0 ? null : repo.license,
    topics: repo.topics.slice(0, (index + search) % 3),
  }));
}

async function heapAfterGc(): Promise<number> {
  for (let round = 0; round < 5; round += 1) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

describe("storing each search's repositories", () => {
  it("leaves nothing behind that grows with the number of searches", async () => {
    expect(gc, "run it with node --expose-gc").toBeTypeOf("function");
    const now = new Date("2025-06-01T12:00:00Z");
    // Warm-up: the first search compiles and caches what every later one reuses.
    await upsertRepositories({ db: temp.db, repos: searchRepos(0), now });
    const before = await heapAfterGc();

    for (let search = 1; search <= 30; search += 1)
      await upsertRepositories({
        db: temp.db,
        repos: searchRepos(search),
        now: new Date(now.getTime() + search * 60_000),
      });

    const grownMb = ((await heapAfterGc()) - before) / 1024 / 1024;
    expect(await temp.db.repository.count()).toBe(31 * 150);
    // 30 searches of 150 repositories: well under 1 MB now; cached batch plans took about 35 MB.
    expect(grownMb).toBeLessThan(8);
  });
});
