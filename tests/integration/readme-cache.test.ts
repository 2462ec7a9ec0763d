import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  README_CACHE_MAX_AGE_MS,
  deleteStaleReadmes,
  findCachedReadmes,
  storeReadmes,
  type ReadmeCacheRepo,
} from "@/server/cache/readme-cache";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

const NOW = new Date("2026-11-29T12:00:00Z");
const PUSHED = "2026-11-20T08:00:00Z";

const repo = (githubId: number, name: string, pushedAt: string | null = PUSHED): ReadmeCacheRepo => ({
  githubId,
  fullName: `acme/${name}`,
  pushedAt,
});

describe.each(storeKinds)("the README cache (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await createTempStore(kind);
  });
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    await temp.db.readmeCacheEntry.deleteMany();
  });

  it("serves a README while the repository has not been pushed to, and a missing README as null", async () => {
    await storeReadmes({
      db: temp.db,
      entries: [
        { repo: repo(1, "tool"), readme: "# Tool" },
        { repo: repo(2, "bare"), readme: null },
      ],
      now: NOW,
    });
    const found = await findCachedReadmes({ db: temp.db, repos: [repo(1, "tool"), repo(2, "bare")] });

    expect(found).toEqual(
      new Map<string, string | null>([
        ["acme/tool", "# Tool"],
        ["acme/bare", null],
      ]),
    );
  });

  it("fetches again once the repository has been pushed to", async () => {
    await storeReadmes({ db: temp.db, entries: [{ repo: repo(1, "tool"), readme: "# Tool" }], now: NOW });
    const pushedSince = repo(1, "tool", "2026-11-28T09:00:00Z");

    expect((await findCachedReadmes({ db: temp.db, repos: [pushedSince] })).size).toBe(0);
  });

  it("never serves, nor stores, a README for a repository without a pushedAt", async () => {
    await storeReadmes({ db: temp.db, entries: [{ repo: repo(1, "tool"), readme: "# Tool" }], now: NOW });
    await storeReadmes({ db: temp.db, entries: [{ repo: repo(3, "odd", null), readme: "# Odd" }], now: NOW });

    expect((await findCachedReadmes({ db: temp.db, repos: [repo(1, "tool", null)] })).size).toBe(0);
    expect(await temp.db.readmeCacheEntry.count({ where: { repositoryId: 3 } })).toBe(0);
  });

  it("replaces a README stored again after a push", async () => {
    const pushedAgain = repo(1, "tool", "2026-11-28T09:00:00Z");
    await storeReadmes({ db: temp.db, entries: [{ repo: repo(1, "tool"), readme: "# Old" }], now: NOW });
    await storeReadmes({ db: temp.db, entries: [{ repo: pushedAgain, readme: "# New" }], now: NOW });

    expect(await findCachedReadmes({ db: temp.db, repos: [pushedAgain] })).toEqual(
      new Map([["acme/tool", "# New"]]),
    );
    expect((await findCachedReadmes({ db: temp.db, repos: [repo(1, "tool")] })).size).toBe(0);
  });

  it("drops READMEs stored more than 30 days ago in housekeeping", async () => {
    const monthAgo = new Date(NOW.getTime() - README_CACHE_MAX_AGE_MS - 1);
    await storeReadmes({ db: temp.db, entries: [{ repo: repo(1, "old"), readme: "# Old" }], now: monthAgo });
    await storeReadmes({ db: temp.db, entries: [{ repo: repo(2, "new"), readme: "# New" }], now: NOW });

    expect(await deleteStaleReadmes({ db: temp.db, now: NOW })).toBe(1);
    expect((await findCachedReadmes({ db: temp.db, repos: [repo(1, "old"), repo(2, "new")] })).size).toBe(1);
  });
});
